/* A list subtype written against CPython's C API, as the extending tutorial's
 * SubList is (a static type whose tp_base is PyList_Type, set before
 * PyType_Ready): its instances are lists with a counter. It declares no GC flag
 * and no GC slots, so it inherits list's, and with them list's GC header. Its
 * methods slice the list with PyList_GetSlice and PyList_SetSlice.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyListObject list;
    int state;
} TallyObject;

static PyObject *
Tally_increment(TallyObject *self, PyObject *Py_UNUSED(unused))
{
    self->state++;
    return PyLong_FromLong(self->state);
}

/* head(n): the first n items, as a new list. */
static PyObject *
Tally_head(TallyObject *self, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    return PyList_GetSlice((PyObject *)self, 0, n);
}

/* drop(lo, hi): del self[lo:hi]. */
static PyObject *
Tally_drop(TallyObject *self, PyObject *args)
{
    Py_ssize_t lo, hi;
    if (!PyArg_ParseTuple(args, "nn:drop", &lo, &hi))
        return NULL;
    if (PyList_SetSlice((PyObject *)self, lo, hi, NULL) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* replace(lo, hi, items): self[lo:hi] = items. */
static PyObject *
Tally_replace(TallyObject *self, PyObject *args)
{
    Py_ssize_t lo, hi;
    PyObject *items;
    if (!PyArg_ParseTuple(args, "nnO:replace", &lo, &hi, &items))
        return NULL;
    if (PyList_SetSlice((PyObject *)self, lo, hi, items) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef Tally_methods[] = {
    {"increment", (PyCFunction)Tally_increment, METH_NOARGS, PyDoc_STR("increment state counter")},
    {"head", (PyCFunction)Tally_head, METH_O, PyDoc_STR("the first n items")},
    {"drop", (PyCFunction)Tally_drop, METH_VARARGS, PyDoc_STR("delete a slice")},
    {"replace", (PyCFunction)Tally_replace, METH_VARARGS, PyDoc_STR("replace a slice")},
    {NULL},
};

static int
Tally_init(TallyObject *self, PyObject *args, PyObject *kwds)
{
    if (PyList_Type.tp_init((PyObject *)self, args, kwds) < 0)
        return -1;
    self->state = 0;
    return 0;
}

static PyTypeObject TallyType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "tally.Tally",
    .tp_doc = PyDoc_STR("Tally objects"),
    .tp_basicsize = sizeof(TallyObject),
    .tp_itemsize = 0,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_init = (initproc)Tally_init,
    .tp_methods = Tally_methods,
};

static PyModuleDef tallymodule = {
    PyModuleDef_HEAD_INIT,
    .m_name = "tally",
    .m_doc = "A list that counts.",
    .m_size = -1,
};

PyMODINIT_FUNC
PyInit_tally(void)
{
    PyObject *m;
    TallyType.tp_base = &PyList_Type;
    if (PyType_Ready(&TallyType) < 0)
        return NULL;
    m = PyModule_Create(&tallymodule);
    if (m == NULL)
        return NULL;
    Py_INCREF(&TallyType);
    if (PyModule_AddObject(m, "Tally", (PyObject *)&TallyType) < 0) {
        Py_DECREF(&TallyType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
