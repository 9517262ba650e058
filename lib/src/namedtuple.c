/* Named tuples defined in C: the type collections.namedtuple builds, as a static
 * type (functools.CacheInfo is one).
 *
 * Invariants:
 *  - A named tuple type is a tuple subtype without __dict__ (namedtuple's
 *    __slots__ = ()): an instance is laid out exactly as a tuple of its fields,
 *    so a four-field one is 72 bytes with its GC header, as in 3.11, and hash,
 *    ==, len, indexing and iteration are the tuple's own.
 *  - Its dict holds, as namedtuple's class namespace does, a _tuplegetter
 *    descriptor per field (info.hits is info[0]), _fields (the names, a tuple of
 *    str, which repr and calling the type read), __match_args__, __slots__ and
 *    __module__. Every instance has exactly len(_fields) items.
 *  - Only these differ from a tuple: repr is "Name(field=repr, ...)"; calling the
 *    type binds arguments as the generated __new__(_cls, field, ...) does; the
 *    field descriptors refuse stores ("can't set attribute"), and any other name
 *    is refused as on any object without a dict ("'Name' object has no
 *    attribute 'x'"); _asdict() gives a dict.
 *
 * Unlike namedtuple's class the type is static: it cannot be subclassed or given
 * new attributes, and it has no _make or _replace (our methods take no keywords).
 * Start reading at _MoNamedTuple_InitType, at the end.
 *
 * CPython: Lib/collections/__init__.py (namedtuple) and _tuplegetter in
 * Modules/_collectionsmodule.c. Objects/structseq.c is C's other kind of named
 * tuple (os.stat_result): its repr names the module and it takes one sequence
 * when called, so it would not print what functools.CacheInfo prints.
 */
#include <string.h>
#include "internal.h"

/* ========================================================= the _tuplegetter */

/* A data descriptor reading one item of a tuple: 48 bytes with its GC header, as
   3.11's. Its __doc__ is writable, so it may hold anything: hence GC. */
typedef struct {
    MoObject_HEAD
    Mo_ssize_t index;
    MoObject *doc;
} tuplegetter_object;

static MoObject *tuplegetter_get(MoObject *self, MoObject *obj, MoObject *type)
{
    (void)type;
    Mo_ssize_t index = ((tuplegetter_object *)self)->index;
    if (obj == NULL || obj == Mo_None)        /* looked up on the class */
        return Mo_NewRef(self);
    if (!MoTuple_Check(obj)) {
        MoErr_Format(MoExc_TypeError, "descriptor for index '%zd' for tuple subclasses doesn't apply to '%s' object",
                     index, _Mo_TypeName(obj));
        return NULL;
    }
    if (index >= MoTuple_GET_SIZE(obj)) {
        MoErr_SetString(MoExc_IndexError, "tuple index out of range");
        return NULL;
    }
    return Mo_NewRef(MoTuple_GET_ITEM(obj, index));
}

/* A tuple's items cannot change: a store or a delete through the field fails. */
static int tuplegetter_set(MoObject *self, MoObject *obj, MoObject *value)
{
    (void)self;
    (void)obj;
    MoErr_SetString(MoExc_AttributeError, value == NULL ? "can't delete attribute" : "can't set attribute");
    return -1;
}

static MoObject *tuplegetter_repr(MoObject *self)
{
    tuplegetter_object *g = (tuplegetter_object *)self;
    return MoUnicode_FromFormat("_tuplegetter(%zd, %R)", g->index, g->doc != NULL ? g->doc : Mo_None);
}

static int tuplegetter_traverse(MoObject *self, visitproc visit, void *arg)
{
    Mo_VISIT(((tuplegetter_object *)self)->doc);
    return 0;
}

static int tuplegetter_clear(MoObject *self)
{
    Mo_CLEAR(((tuplegetter_object *)self)->doc);
    return 0;
}

static void tuplegetter_dealloc(MoObject *self)
{
    MoObject_GC_UnTrack(self);
    tuplegetter_clear(self);
    Mo_TYPE(self)->tp_free(self);
}

static MoMemberDef tuplegetter_members[] = {
    {"__doc__", MO_T_OBJECT, offsetof(tuplegetter_object, doc), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

static MoTypeObject tuplegetter_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "_collections._tuplegetter",
    .tp_basicsize = sizeof(tuplegetter_object),
    .tp_dealloc = tuplegetter_dealloc,
    .tp_repr = tuplegetter_repr,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC,
    .tp_traverse = tuplegetter_traverse,
    .tp_clear = tuplegetter_clear,
    .tp_members = tuplegetter_members,
    .tp_descr_get = tuplegetter_get,
    .tp_descr_set = tuplegetter_set,
};

/* new: the descriptor of field number index, documented as namedtuple does. */
static MoObject *tuplegetter_new(Mo_ssize_t index)
{
    tuplegetter_object *g = MoObject_GC_New(tuplegetter_object, &tuplegetter_type);
    if (g == NULL)
        return NULL;
    g->index = index;
    g->doc = MoUnicode_FromFormat("Alias for field number %zd", index);
    MoObject_GC_Track(g);
    if (g->doc == NULL) {
        Mo_DECREF(g);
        return NULL;
    }
    return (MoObject *)g;
}

/* ============================================================ the instances */

/* borrowed: the type's field names (a tuple of str), or NULL with MemoryError.
   InitType put them in the dict, which no one can change (the type is static):
   only making the lookup's key can fail. */
static MoObject *namedtuple_fields(MoTypeObject *t)
{
    MoObject *fields = MoDict_GetItemString(t->tp_dict, "_fields");
    if (fields == NULL)
        MoErr_NoMemory();
    return fields;
}

MoObject *_MoNamedTuple_New(MoTypeObject *t)
{
    MoObject *fields = namedtuple_fields(t);
    if (fields == NULL)
        return NULL;
    Mo_ssize_t n = MoTuple_GET_SIZE(fields);
    MoTupleObject *self = MoObject_GC_NewVar(MoTupleObject, t, n);
    if (self == NULL)
        return NULL;
    memset(self->ob_item, 0, (size_t)n * sizeof(MoObject *));
    MoObject_GC_Track(self);
    return (MoObject *)self;
}

/* "CacheInfo(hits=1, misses=2, maxsize=None, currsize=2)": the type's name, then
   each field as name=repr(value). */
static int namedtuple_write_repr(_MoUnicodeWriter *w, MoObject *self)
{
    MoObject *fields = namedtuple_fields(Mo_TYPE(self));
    if (fields == NULL || _MoUnicodeWriter_WriteASCII(w, _Mo_TypeName(self), -1) < 0 ||
        _MoUnicodeWriter_WriteASCII(w, "(", 1) < 0)
        return -1;
    for (Mo_ssize_t i = 0; i < MoTuple_GET_SIZE(self); i++) {
        if (i > 0 && _MoUnicodeWriter_WriteASCII(w, ", ", 2) < 0)
            return -1;
        if (_MoUnicodeWriter_WriteStr(w, MoTuple_GET_ITEM(fields, i)) < 0 ||
            _MoUnicodeWriter_WriteASCII(w, "=", 1) < 0)
            return -1;
        MoObject *r = MoObject_Repr(MoTuple_GET_ITEM(self, i));
        if (r == NULL)
            return -1;
        int err = _MoUnicodeWriter_WriteStr(w, r);
        Mo_DECREF(r);
        if (err < 0)
            return -1;
    }
    return _MoUnicodeWriter_WriteASCII(w, ")", 1);
}

static MoObject *namedtuple_repr(MoObject *self)
{
    _MoUnicodeWriter w;
    _MoUnicodeWriter_Init(&w);
    if (namedtuple_write_repr(&w, self) < 0) {
        _MoUnicodeWriter_Dealloc(&w);
        return NULL;
    }
    return _MoUnicodeWriter_Finish(&w);
}

/* _asdict(): {field: value} in field order. */
static MoObject *namedtuple_asdict(MoObject *self, MoObject *unused)
{
    (void)unused;
    MoObject *fields = namedtuple_fields(Mo_TYPE(self));
    MoObject *d = fields != NULL ? MoDict_New() : NULL;
    for (Mo_ssize_t i = 0; d != NULL && i < MoTuple_GET_SIZE(self); i++)
        if (MoDict_SetItem(d, MoTuple_GET_ITEM(fields, i), MoTuple_GET_ITEM(self, i)) < 0)
            Mo_CLEAR(d);
    return d;
}

static MoMethodDef namedtuple_methods[] = {
    {"_asdict", namedtuple_asdict, MO_METH_NOARGS, "Return a new dict which maps field names to their values."},
    {NULL, NULL, 0, NULL},
};

/* ================================================ calling the type: __new__ */

/* The messages are those of the Python function namedtuple generates,
   __new__(_cls, field, ...): its count of positional parameters includes _cls. */

/* Keyword arguments fill the fields they name. 0, or -1 with TypeError. */
static int namedtuple_bind_keywords(MoObject *self, MoObject *fields, MoObject *kwargs)
{
    Mo_ssize_t pos = 0;
    MoObject *key, *value;
    while (MoDict_Next(kwargs, &pos, &key, &value)) {
        if (!MoUnicode_Check(key)) {
            MoErr_Format(MoExc_TypeError, "%s.__new__() keywords must be strings", _Mo_TypeName(self));
            return -1;
        }
        Mo_ssize_t i = 0;
        while (i < MoTuple_GET_SIZE(fields) && !_MoUnicode_Equal(MoTuple_GET_ITEM(fields, i), key))
            i++;
        if (i == MoTuple_GET_SIZE(fields)) {
            MoErr_Format(MoExc_TypeError, "%s.__new__() got an unexpected keyword argument '%U'",
                         _Mo_TypeName(self), key);
            return -1;
        }
        if (MoTuple_GET_ITEM(self, i) != NULL) {
            MoErr_Format(MoExc_TypeError, "%s.__new__() got multiple values for argument '%U'",
                         _Mo_TypeName(self), key);
            return -1;
        }
        MoTuple_SET_ITEM(self, i, Mo_NewRef(value));
    }
    return 0;
}

/* 0 when every field has a value, else -1 with TypeError naming the missing. */
static int namedtuple_check_missing(MoObject *self, MoObject *fields)
{
    const char *missing[64];      /* the empty fields' names (Mo's named tuples are small) */
    Mo_ssize_t n = 0;
    for (Mo_ssize_t i = 0; i < MoTuple_GET_SIZE(self) && n < 64; i++)
        if (MoTuple_GET_ITEM(self, i) == NULL && (missing[n++] = MoUnicode_AsUTF8(MoTuple_GET_ITEM(fields, i))) == NULL)
            return -1;
    if (n == 0)
        return 0;
    char qualname[128];
    snprintf(qualname, sizeof qualname, "%s.__new__", _Mo_TypeName(self));
    _MoArg_SetMissing(qualname, missing, n);
    return -1;
}

/* Name(*args, **kwargs): positional arguments first, then keywords; as Python
   binds, an unknown or repeated keyword is reported before too many positional
   arguments, and those before missing ones. */
static MoObject *namedtuple_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    MoObject *fields = namedtuple_fields(t);
    MoObject *self = fields != NULL ? _MoNamedTuple_New(t) : NULL;
    if (self == NULL)
        return NULL;
    Mo_ssize_t n = MoTuple_GET_SIZE(fields), npos = MoTuple_GET_SIZE(args);
    for (Mo_ssize_t i = 0; i < npos && i < n; i++)
        MoTuple_SET_ITEM(self, i, Mo_NewRef(MoTuple_GET_ITEM(args, i)));
    if (kwargs != NULL && namedtuple_bind_keywords(self, fields, kwargs) < 0)
        goto fail;
    if (npos > n) {
        char qualname[128];
        snprintf(qualname, sizeof qualname, "%s.__new__", t->tp_name);
        _MoArg_SetTooMany(qualname, n + 1, n + 1, npos + 1);
        goto fail;
    }
    if (namedtuple_check_missing(self, fields) < 0)
        goto fail;
    return self;
fail:
    Mo_DECREF(self);    /* the tuple's dealloc skips the empty slots */
    return NULL;
}

/* ================================================================ the type */

/* new: the field names as a tuple of interned str (names are identifiers). */
static MoObject *namedtuple_make_fields(const char *const *names)
{
    Mo_ssize_t n = 0;
    while (names[n] != NULL)
        n++;
    MoObject *fields = MoTuple_New(n);
    for (Mo_ssize_t i = 0; fields != NULL && i < n; i++) {
        MoObject *name = MoUnicode_InternFromString(names[i]);
        if (name == NULL)
            Mo_CLEAR(fields);
        else
            MoTuple_SET_ITEM(fields, i, name);
    }
    return fields;
}

/* Put (key, value) into d; steals value (NULL: an error already set). */
static int namedtuple_put(MoObject *d, const char *key, MoObject *value)
{
    if (value == NULL)
        return -1;
    int err = MoDict_SetItemString(d, key, value);
    Mo_DECREF(value);
    return err;
}

/* The class namespace namedtuple writes (the methods came with MoType_Ready). */
static int namedtuple_fill_dict(MoTypeObject *t, const _MoNamedTupleDesc *desc)
{
    MoObject *d = t->tp_dict, *fields = namedtuple_make_fields(desc->fields);
    if (fields == NULL)
        return -1;
    int err = MoDict_SetItemString(d, "_fields", fields) < 0 ||
              MoDict_SetItemString(d, "__match_args__", fields) < 0 ||
              namedtuple_put(d, "__slots__", MoTuple_New(0)) < 0 ||
              namedtuple_put(d, "__module__", MoUnicode_FromConstant(desc->module)) < 0;
    for (Mo_ssize_t i = 0; !err && i < MoTuple_GET_SIZE(fields); i++)
        err = namedtuple_put(d, desc->fields[i], tuplegetter_new(i)) < 0;
    Mo_DECREF(fields);
    return err ? -1 : 0;
}

int _MoNamedTuple_InitType(MoTypeObject *t, const _MoNamedTupleDesc *desc)
{
    if (t->tp_flags & MO_TPFLAGS_READY)
        return 0;
    if (MoType_Ready(&tuplegetter_type) < 0)
        return -1;
    t->tp_name = desc->name;
    t->tp_base = &MoTuple_Type;
    t->tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC | MO_TPFLAGS_SEQUENCE;
    t->tp_repr = namedtuple_repr;
    t->tp_new = namedtuple_new;
    t->tp_methods = namedtuple_methods;
    if (MoType_Ready(t) < 0)
        return -1;
    if (namedtuple_fill_dict(t, desc) < 0) {
        /* Not ready after all: the next call starts again from an empty dict. */
        Mo_CLEAR(t->tp_dict);
        t->tp_flags &= ~MO_TPFLAGS_READY;
        return -1;
    }
    return 0;
}
