/* An extension module written against CPython's C API, exactly as an extension
 * author writes one (Py names, <Python.h>, a static type, a PyModuleDef): the
 * build renames it with tools/pyrename.sh and compiles it against the runtime.
 * It exercises what the extending tutorial's Custom type uses: members, getsets
 * with setters that refuse, a GC type with traverse and clear, tp_new and
 * tp_init with PyArg_ParseTupleAndKeywords, METH_NOARGS, METH_VARARGS |
 * METH_KEYWORDS, a type without tp_new (Badge) and one with PyType_GenericNew
 * (Tag), and single-phase init.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "structmember.h"

typedef struct {
    PyObject_HEAD
    PyObject *first;     /* a str */
    PyObject *last;      /* a str */
    PyObject *friend;    /* anything: what makes cycles possible */
    int age;
} PersonObject;

static int
Person_traverse(PersonObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->first);
    Py_VISIT(self->last);
    Py_VISIT(self->friend);
    return 0;
}

static int
Person_clear(PersonObject *self)
{
    Py_CLEAR(self->first);
    Py_CLEAR(self->last);
    Py_CLEAR(self->friend);
    return 0;
}

static void
Person_dealloc(PersonObject *self)
{
    PyObject_GC_UnTrack(self);
    Person_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
Person_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PersonObject *self = (PersonObject *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->first = PyUnicode_FromString("");
    self->last = PyUnicode_FromString("");
    if (self->first == NULL || self->last == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    self->friend = Py_NewRef(Py_None);
    return (PyObject *)self;
}

static int
Person_init(PersonObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"first", "last", "age", NULL};
    PyObject *first = NULL, *last = NULL;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|UUi", kwlist, &first, &last, &self->age))
        return -1;
    if (first != NULL)
        Py_SETREF(self->first, Py_NewRef(first));
    if (last != NULL)
        Py_SETREF(self->last, Py_NewRef(last));
    return 0;
}

static PyMemberDef Person_members[] = {
    {"age", T_INT, offsetof(PersonObject, age), 0, "age in years"},
    {"friend", T_OBJECT_EX, offsetof(PersonObject, friend), 0, "a friend"},
    {NULL}
};

/* first and last: always a str, never deleted. */
static int
Person_set_name(PyObject **field, PyObject *value, const char *which)
{
    if (value == NULL) {
        PyErr_Format(PyExc_TypeError, "Cannot delete the %s attribute", which);
        return -1;
    }
    if (!PyUnicode_Check(value)) {
        PyErr_Format(PyExc_TypeError, "The %s attribute value must be a string", which);
        return -1;
    }
    Py_SETREF(*field, Py_NewRef(value));
    return 0;
}

static PyObject *
Person_getfirst(PersonObject *self, void *Py_UNUSED(closure))
{
    return Py_NewRef(self->first);
}

static int
Person_setfirst(PersonObject *self, PyObject *value, void *Py_UNUSED(closure))
{
    return Person_set_name(&self->first, value, "first");
}

static PyObject *
Person_getlast(PersonObject *self, void *Py_UNUSED(closure))
{
    return Py_NewRef(self->last);
}

static int
Person_setlast(PersonObject *self, PyObject *value, void *Py_UNUSED(closure))
{
    return Person_set_name(&self->last, value, "last");
}

static PyGetSetDef Person_getsetters[] = {
    {"first", (getter)Person_getfirst, (setter)Person_setfirst, "first name", NULL},
    {"last", (getter)Person_getlast, (setter)Person_setlast, "last name", NULL},
    {NULL}
};

static PyObject *
Person_name(PersonObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromFormat("%S %S", self->first, self->last);
}

/* greet(greeting, *, times=1) */
static PyObject *
Person_greet(PersonObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"greeting", "times", NULL};
    const char *greeting;
    Py_ssize_t times = 1;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "s|$n:greet", kwlist, &greeting, &times))
        return NULL;
    PyObject *words = PyList_New(0);
    if (words == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < times; i++) {
        PyObject *w = PyUnicode_FromFormat("%s, %U!", greeting, self->first);
        if (w == NULL || PyList_Append(words, w) < 0) {
            Py_XDECREF(w);
            Py_DECREF(words);
            return NULL;
        }
        Py_DECREF(w);
    }
    return words;
}

static PyMethodDef Person_methods[] = {
    {"name", (PyCFunction)Person_name, METH_NOARGS, "Return the first and last name"},
    {"greet", (PyCFunction)(void (*)(void))Person_greet, METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("greet(greeting, *, times=1) -> list of greetings")},
    {NULL}
};

static PyTypeObject PersonType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "people.Person",
    .tp_doc = PyDoc_STR("Person objects"),
    .tp_basicsize = sizeof(PersonObject),
    .tp_itemsize = 0,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_new = Person_new,
    .tp_init = (initproc)Person_init,
    .tp_dealloc = (destructor)Person_dealloc,
    .tp_traverse = (traverseproc)Person_traverse,
    .tp_clear = (inquiry)Person_clear,
    .tp_members = Person_members,
    .tp_methods = Person_methods,
    .tp_getset = Person_getsetters,
};

/* A type with no tp_new: Python code cannot make one. */
static PyTypeObject BadgeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "people.Badge",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

/* The smallest type that can be made: PyType_GenericNew. */
static PyTypeObject TagType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "people.Tag",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
};

PyDoc_STRVAR(people_doc, "People, badges and tags.");

static PyModuleDef peoplemodule = {
    PyModuleDef_HEAD_INIT,
    .m_name = "people",
    .m_doc = people_doc,
    .m_size = -1,
};

PyMODINIT_FUNC
PyInit_people(void)
{
    PyObject *m;
    if (PyType_Ready(&PersonType) < 0 || PyType_Ready(&BadgeType) < 0 || PyType_Ready(&TagType) < 0)
        return NULL;
    m = PyModule_Create(&peoplemodule);
    if (m == NULL)
        return NULL;
    Py_INCREF(&PersonType);
    if (PyModule_AddObject(m, "Person", (PyObject *)&PersonType) < 0) {
        Py_DECREF(&PersonType);
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddObjectRef(m, "Badge", (PyObject *)&BadgeType) < 0 ||
        PyModule_AddType(m, &TagType) < 0 ||
        PyModule_AddIntConstant(m, "MAX_AGE", 150) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
