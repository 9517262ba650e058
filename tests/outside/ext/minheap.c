/* A module written against CPython's C API in the manner of _heapq and _bisect:
 * heap functions with METH_O and METH_FASTCALL, bisection with METH_VARARGS |
 * METH_KEYWORDS and METH_FASTCALL | METH_KEYWORDS, multi-phase init (PyInit
 * returns PyModuleDef_Init; an exec slot adds the module's constants) and
 * per-module state (a count of pushes). Its functions take the same arguments and
 * fail with the same messages as heapq's and bisect's, which its Python twin uses.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    long pushes;
} minheap_state;

/* ------------------------------------------------------------------ heaps */

/* The item at pos moves up towards the root while it is smaller than its parent. */
static int
sift_up(PyObject *heap, Py_ssize_t pos)
{
    PyObject *item = PyList_GET_ITEM(heap, pos);
    while (pos > 0) {
        Py_ssize_t parentpos = (pos - 1) >> 1;
        PyObject *parent = PyList_GET_ITEM(heap, parentpos);
        Py_INCREF(item);
        Py_INCREF(parent);
        int lt = PyObject_RichCompareBool(item, parent, Py_LT);
        Py_DECREF(parent);
        Py_DECREF(item);
        if (lt < 0)
            return -1;
        if (PyList_GET_SIZE(heap) <= pos) {
            PyErr_SetString(PyExc_RuntimeError, "list changed size during iteration");
            return -1;
        }
        if (!lt)
            break;
        PyList_SET_ITEM(heap, pos, PyList_GET_ITEM(heap, parentpos));
        PyList_SET_ITEM(heap, parentpos, item);
        pos = parentpos;
    }
    return 0;
}

/* The item at pos moves down while a child is smaller. */
static int
sift_down(PyObject *heap, Py_ssize_t pos)
{
    Py_ssize_t n = PyList_GET_SIZE(heap);
    for (;;) {
        Py_ssize_t child = 2 * pos + 1, smallest = pos;
        for (Py_ssize_t c = child; c < child + 2 && c < n; c++) {
            PyObject *a = PyList_GET_ITEM(heap, c), *b = PyList_GET_ITEM(heap, smallest);
            Py_INCREF(a);
            Py_INCREF(b);
            int lt = PyObject_RichCompareBool(a, b, Py_LT);
            Py_DECREF(a);
            Py_DECREF(b);
            if (lt < 0)
                return -1;
            if (n != PyList_GET_SIZE(heap)) {
                PyErr_SetString(PyExc_RuntimeError, "list changed size during iteration");
                return -1;
            }
            if (lt)
                smallest = c;
        }
        if (smallest == pos)
            return 0;
        PyObject *tmp = PyList_GET_ITEM(heap, pos);
        PyList_SET_ITEM(heap, pos, PyList_GET_ITEM(heap, smallest));
        PyList_SET_ITEM(heap, smallest, tmp);
        pos = smallest;
    }
}

static int
check_list(PyObject *arg, const char *fname, const char *which)
{
    if (PyList_Check(arg))
        return 0;
    PyErr_Format(PyExc_TypeError, "%s() %s must be list, not %.50s", fname, which, Py_TYPE(arg)->tp_name);
    return -1;
}

static PyObject *
minheap_heappush(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "heappush expected 2 arguments, got %zd", nargs);
        return NULL;
    }
    if (check_list(args[0], "heappush", "argument 1") < 0 || PyList_Append(args[0], args[1]) < 0)
        return NULL;
    if (sift_up(args[0], PyList_GET_SIZE(args[0]) - 1) < 0)
        return NULL;
    minheap_state *state = PyModule_GetState(module);
    state->pushes++;
    Py_RETURN_NONE;
}

static PyObject *
minheap_heappop(PyObject *module, PyObject *heap)
{
    if (check_list(heap, "heappop", "argument") < 0)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(heap);
    if (n == 0) {
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return NULL;
    }
    PyObject *last = PyList_GET_ITEM(heap, n - 1);
    Py_INCREF(last);
    if (PyList_SetSlice(heap, n - 1, n, NULL) < 0) {
        Py_DECREF(last);
        return NULL;
    }
    if (n == 1)
        return last;
    PyObject *top = PyList_GET_ITEM(heap, 0);
    PyList_SET_ITEM(heap, 0, last);   /* the list's reference to top becomes ours */
    if (sift_down(heap, 0) < 0) {
        Py_DECREF(top);
        return NULL;
    }
    return top;
}

static PyObject *
minheap_heapify(PyObject *module, PyObject *heap)
{
    if (check_list(heap, "heapify", "argument") < 0)
        return NULL;
    for (Py_ssize_t i = PyList_GET_SIZE(heap) / 2 - 1; i >= 0; i--)
        if (sift_down(heap, i) < 0)
            return NULL;
    Py_RETURN_NONE;
}

static PyObject *
minheap_pushes(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    minheap_state *state = PyModule_GetState(module);
    return PyLong_FromLong(state->pushes);
}

/* ------------------------------------------------------------- bisection */

/* The index where x goes after the items equal to it in a[lo:hi]. */
static Py_ssize_t
bisect_index(PyObject *a, PyObject *x, Py_ssize_t lo, PyObject *hiobj, PyObject *key)
{
    Py_ssize_t hi;
    if (lo < 0) {
        PyErr_SetString(PyExc_ValueError, "lo must be non-negative");
        return -1;
    }
    hi = -1;   /* None, or -1 as in 3.11's _bisect: the sequence's length */
    if (hiobj != NULL && hiobj != Py_None) {
        hi = PyNumber_AsSsize_t(hiobj, PyExc_OverflowError);
        if (hi == -1 && PyErr_Occurred())
            return -1;
    }
    if (hi == -1 && (hi = PySequence_Size(a)) < 0)
        return -1;
    while (lo < hi) {
        Py_ssize_t mid = ((size_t)lo + hi) / 2;
        PyObject *item = PySequence_GetItem(a, mid);
        if (item == NULL)
            return -1;
        if (key != NULL && key != Py_None) {
            PyObject *k = PyObject_CallOneArg(key, item);
            Py_DECREF(item);
            if (k == NULL)
                return -1;
            item = k;
        }
        int lt = PyObject_RichCompareBool(x, item, Py_LT);
        Py_DECREF(item);
        if (lt < 0)
            return -1;
        if (lt)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static char *bisect_kwlist[] = {"a", "x", "lo", "hi", "key", NULL};

static PyObject *
minheap_bisect_right(PyObject *module, PyObject *args, PyObject *kwds)
{
    PyObject *a, *x, *hi = NULL, *key = NULL;
    Py_ssize_t lo = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO|nO$O:bisect_right", bisect_kwlist, &a, &x, &lo, &hi, &key))
        return NULL;
    Py_ssize_t i = bisect_index(a, x, lo, hi, key);
    return i < 0 ? NULL : PyLong_FromSsize_t(i);
}

/* METH_FASTCALL | METH_KEYWORDS: the keywords' values follow the positional
   arguments; this one turns them back into a tuple and a dict for the parser. */
static PyObject *
minheap_insort_right(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *a, *x, *hi = NULL, *key = NULL, *res = NULL, *kwds = NULL;
    Py_ssize_t lo = 0;
    PyObject *tuple = PyTuple_New(nargs);
    if (tuple == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < nargs; i++)
        PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
    if (kwnames != NULL) {
        kwds = PyDict_New();
        for (Py_ssize_t i = 0; kwds != NULL && i < PyTuple_GET_SIZE(kwnames); i++)
            if (PyDict_SetItem(kwds, PyTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0)
                Py_CLEAR(kwds);
        if (kwds == NULL)
            goto done;
    }
    if (!PyArg_ParseTupleAndKeywords(tuple, kwds, "OO|nO$O:insort_right", bisect_kwlist, &a, &x, &lo, &hi, &key))
        goto done;
    PyObject *k = (key != NULL && key != Py_None) ? PyObject_CallOneArg(key, x) : Py_NewRef(x);
    if (k == NULL)
        goto done;
    Py_ssize_t i = bisect_index(a, k, lo, hi, key);
    Py_DECREF(k);
    if (i < 0)
        goto done;
    if (PyList_CheckExact(a) ? PyList_Insert(a, i, x) < 0 : (res = PyObject_CallMethod(a, "insert", "nO", i, x)) == NULL)
        goto done;
    Py_XDECREF(res);
    res = Py_NewRef(Py_None);
done:
    Py_XDECREF(kwds);
    Py_DECREF(tuple);
    return res;
}

static PyMethodDef minheap_methods[] = {
    {"heappush", (PyCFunction)(void (*)(void))minheap_heappush, METH_FASTCALL, PyDoc_STR("Push item onto heap.")},
    {"heappop", minheap_heappop, METH_O, PyDoc_STR("Pop the smallest item off the heap.")},
    {"heapify", minheap_heapify, METH_O, PyDoc_STR("Transform list into a heap, in-place.")},
    {"pushes", minheap_pushes, METH_NOARGS, PyDoc_STR("How many pushes this module did.")},
    {"bisect_right", (PyCFunction)(void (*)(void))minheap_bisect_right, METH_VARARGS | METH_KEYWORDS, NULL},
    {"insort_right", (PyCFunction)(void (*)(void))minheap_insort_right, METH_FASTCALL | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}
};

static int
minheap_exec(PyObject *module)
{
    if (PyModule_AddStringConstant(module, "__about__", "Heap queues and bisection.") < 0)
        return -1;
    return PyModule_AddIntConstant(module, "ARITY", 2);
}

static PyModuleDef_Slot minheap_slots[] = {
    {Py_mod_exec, minheap_exec},
    {0, NULL}
};

static struct PyModuleDef minheapmodule = {
    PyModuleDef_HEAD_INIT,
    .m_name = "minheap",
    .m_doc = "Heap queues and bisection, after _heapq and _bisect.",
    .m_size = sizeof(minheap_state),
    .m_methods = minheap_methods,
    .m_slots = minheap_slots,
};

PyMODINIT_FUNC
PyInit_minheap(void)
{
    return PyModuleDef_Init(&minheapmodule);
}
