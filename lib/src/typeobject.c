/* Types: the `type` and `object` types, readying a type (slot inheritance and its
 * dict of methods, members and getsets), attribute lookup through a type.
 *
 * Invariant: a ready type has MO_TPFLAGS_READY, a tp_dict holding a descriptor for
 * every entry of tp_methods, tp_members and tp_getset, and every slot it did not
 * define copied from tp_base (object when none is given). tp_hash and
 * tp_richcompare are inherited as a pair, as in CPython.
 *
 * The generic attribute protocol (MoObject_GenericGetAttr/SetAttr) also serves
 * instances of classes (class.c): their attributes may live in a managed dict's
 * values array rather than in a dict (dict.c's split tables), and a callable
 * found on a class binds to the instance as a method.
 */
#include <string.h>
#include "internal.h"

/* --------------------------------------------------- the static type list */

/* Static types readied since Mo_Initialize: Mo_Finalize empties their dicts (which
   are runtime-owned objects) and un-readies them, so the next Mo_Initialize starts
   clean. */
static MoTypeObject **readied;
static size_t nreadied, readied_cap;

static int remember_static_type(MoTypeObject *t)
{
    if (nreadied == readied_cap) {
        size_t cap = readied_cap ? readied_cap * 2 : 64;
        MoTypeObject **p = MoMem_RawRealloc(readied, cap * sizeof *p);
        if (p == NULL) {
            MoErr_NoMemory();
            return -1;
        }
        readied = p;
        readied_cap = cap;
    }
    readied[nreadied++] = t;
    return 0;
}

void _MoType_Fini(void)
{
    /* Newest first: a subtype's dict may refer to its base's descriptors. */
    while (nreadied > 0) {
        MoTypeObject *t = readied[--nreadied];
        Mo_CLEAR(t->tp_dict);
        t->tp_flags &= ~MO_TPFLAGS_READY;
    }
    MoMem_RawFree(readied);
    readied = NULL;
    readied_cap = 0;
}

/* ---------------------------------------------------------------- readying */

/* A type with no tp_free gets the one that matches how it was allocated. */
static void object_free(void *op)
{
    _MoObject_FreeObjectMemory(op, op);
}

static void type_inherit_slots(MoTypeObject *t, MoTypeObject *base)
{
#define INHERIT(slot) if (t->slot == NULL) t->slot = base->slot
    INHERIT(tp_dealloc);
    INHERIT(tp_repr);
    INHERIT(tp_str);
    INHERIT(tp_getattro);
    INHERIT(tp_setattro);
    INHERIT(tp_call);
    INHERIT(tp_iter);
    INHERIT(tp_iternext);
    INHERIT(tp_descr_get);
    INHERIT(tp_descr_set);
    INHERIT(tp_init);
    INHERIT(tp_alloc);
    /* A static type made directly on object gets no tp_new: without its own it
       cannot be called (3.11's inherit_special sets DISALLOW_INSTANTIATION). */
    if (base != &MoBaseObject_Type || (t->tp_flags & MO_TPFLAGS_HEAPTYPE))
        INHERIT(tp_new);
    INHERIT(tp_finalize);
    INHERIT(tp_sizeof);
    INHERIT(tp_as_number);
    INHERIT(tp_as_sequence);
    INHERIT(tp_as_mapping);
    if (t->tp_hash == NULL && t->tp_richcompare == NULL) {
        t->tp_hash = base->tp_hash;
        t->tp_richcompare = base->tp_richcompare;
    }
    /* A subtype of a GC type that defines neither GC slot is a GC type laid out
       with its base's GC header and slots, as 3.11's inherit_special. */
    if (!MoType_IS_GC(t) && MoType_IS_GC(base) && t->tp_traverse == NULL && t->tp_clear == NULL)
        t->tp_flags |= MO_TPFLAGS_HAVE_GC;
    if (MoType_IS_GC(t) == MoType_IS_GC(base)) {
        INHERIT(tp_traverse);
        INHERIT(tp_clear);
    }
    if (t->tp_weaklistoffset == 0)
        t->tp_weaklistoffset = base->tp_weaklistoffset;
    if (t->tp_dictoffset == 0)
        t->tp_dictoffset = base->tp_dictoffset;
    if (t->tp_basicsize == 0)
        t->tp_basicsize = base->tp_basicsize;
    if (t->tp_itemsize == 0)
        t->tp_itemsize = base->tp_itemsize;
    /* The fast subclass bits of the base come along (bool is an int). */
    t->tp_flags |= base->tp_flags & 0xFF000000UL;
#undef INHERIT
}

/* Store a new descriptor d (stolen; NULL: its making failed) under name in t's dict. */
static int type_add_descriptor(MoTypeObject *t, const char *name, MoObject *d)
{
    int res = d != NULL ? MoDict_SetItemString(t->tp_dict, name, d) : -1;
    Mo_XDECREF(d);
    return res;
}

/* Put a descriptor for every method, member and getset into the type's dict. */
static int type_add_descriptors(MoTypeObject *t)
{
    for (MoMethodDef *m = t->tp_methods; m && m->ml_name; m++)
        if (type_add_descriptor(t, m->ml_name, MoDescr_NewMethod(t, m)) < 0)
            return -1;
    for (MoMemberDef *m = t->tp_members; m && m->name; m++)
        if (type_add_descriptor(t, m->name, MoDescr_NewMember(t, m)) < 0)
            return -1;
    for (MoGetSetDef *g = t->tp_getset; g && g->name; g++)
        if (type_add_descriptor(t, g->name, MoDescr_NewGetSet(t, g)) < 0)
            return -1;
    return 0;
}

int MoType_Ready(MoTypeObject *t)
{
    if (t->tp_flags & MO_TPFLAGS_READY)
        return 0;
    if (t->tp_flags & MO_TPFLAGS_READYING)
        return 0;   /* readying the dict type readies dicts: allow the recursion */
    t->tp_flags |= MO_TPFLAGS_READYING;
    if (Mo_TYPE(t) == NULL)
        Mo_SET_TYPE(t, &MoType_Type);
    if (t->tp_base == NULL && t != &MoBaseObject_Type)
        t->tp_base = &MoBaseObject_Type;
    if (t->tp_base != NULL && MoType_Ready(t->tp_base) < 0)
        goto fail;
    if (t->tp_base != NULL)
        type_inherit_slots(t, t->tp_base);
    if (t->tp_free == NULL)
        t->tp_free = MoType_IS_GC(t) ? MoObject_GC_Del : object_free;
    if (t->tp_hash == NULL && t->tp_richcompare == NULL)
        t->tp_hash = _MoObject_HashByAddress;
    if (t->tp_dict == NULL) {
        t->tp_dict = MoDict_New();
        if (t->tp_dict == NULL)
            goto fail;
        if (type_add_descriptors(t) < 0)
            goto fail;
    }
    if (!(t->tp_flags & MO_TPFLAGS_HEAPTYPE) && remember_static_type(t) < 0)
        goto fail;
    t->tp_flags = (t->tp_flags & ~MO_TPFLAGS_READYING) | MO_TPFLAGS_READY;
    return 0;
fail:
    Mo_CLEAR(t->tp_dict);
    t->tp_flags &= ~MO_TPFLAGS_READYING;
    return -1;
}

/* region type_mro_walk */
/* The i-th class of t's MRO: its __mro__ tuple when it has one (classes), else
   the tp_base chain (static types; a class whose mro the collector cleared). */
MoTypeObject *_MoType_MroAt(MoTypeObject *t, Mo_ssize_t i)
{
    if (t->tp_mro != NULL)
        return i < MoTuple_GET_SIZE(t->tp_mro) ? (MoTypeObject *)MoTuple_GET_ITEM(t->tp_mro, i) : NULL;
    while (t != NULL && i-- > 0)
        t = t->tp_base;
    return t;
}
/* endregion type_mro_walk */

int MoType_IsSubtype(MoTypeObject *a, MoTypeObject *b)
{
    MoTypeObject *k;
    for (Mo_ssize_t i = 0; (k = _MoType_MroAt(a, i)) != NULL; i++)
        if (k == b)
            return 1;
    return b == &MoBaseObject_Type;
}

MoObject *_MoType_Lookup(MoTypeObject *t, MoObject *name)
{
    MoTypeObject *k;
    for (Mo_ssize_t i = 0; (k = _MoType_MroAt(t, i)) != NULL; i++) {
        if (k->tp_dict == NULL)
            continue;
        MoObject *v = MoDict_GetItemWithError(k->tp_dict, name);
        if (v != NULL)
            return v;
        if (MoErr_Occurred())
            MoErr_Clear();
    }
    return NULL;
}

/* ------------------------------------------------------- attribute access */

/* Where the instance's dict pointer lives, or NULL if it has none. A managed dict
   (classes, class.h) lives in the pre-header; if the instance still keeps its
   attributes in a values array, a dict is made from them first, as 3.11's
   _PyObject_GetDictPtr (NULL with MemoryError set if that fails). */
MoObject **_MoObject_GetDictPtr(MoObject *o)
{
    if (MoType_HasFeature(Mo_TYPE(o), MO_TPFLAGS_MANAGED_DICT)) {
        MoDictValues **valuesptr = _MoObject_ValuesPointer(o);
        MoObject **dictptr = _MoObject_ManagedDictPointer(o);
        if (*valuesptr != NULL) {
            MoObject *dict = _MoObject_MakeDictFromInstanceAttributes(o, *valuesptr);
            if (dict == NULL)
                return NULL;
            *valuesptr = NULL;
            *dictptr = dict;
        }
        return dictptr;
    }
    MoTypeObject *t = Mo_TYPE(o);
    Mo_ssize_t off = t->tp_dictoffset;
    if (off == 0)
        return NULL;
    if (off < 0) {
        /* after the items of a var-size object (a subclass of int): counted from
           its end, at least one item long (an int 0 keeps a digit there) */
        Mo_ssize_t n = Mo_SIZE(o) < 0 ? -Mo_SIZE(o) : Mo_SIZE(o);
        off += (Mo_ssize_t)_MoObject_VAR_SIZE(t, n > 0 ? n : 1);
    }
    return (MoObject **)((char *)o + off);
}

static int is_data_descriptor(MoObject *descr)
{
    return Mo_TYPE(descr)->tp_descr_set != NULL;
}

static void no_attribute_error(MoObject *o, MoObject *name)
{
    MoErr_Format(MoExc_AttributeError, "'%s' object has no attribute '%U'", Mo_TYPE(o)->tp_name, name);
}

/* The instance's own value for name: 1 with *res a new reference, 0 when it has
   none, -1 on error. A managed-dict instance without a dict answers from its
   values array (no dict is made for a lookup). */
static int instance_dict_lookup(MoObject *o, MoObject *name, MoObject **res)
{
    *res = NULL;
    if (MoType_HasFeature(Mo_TYPE(o), MO_TPFLAGS_MANAGED_DICT) && *_MoObject_ValuesPointer(o) != NULL &&
        MoUnicode_CheckExact(name)) {
        *res = Mo_XNewRef(_MoObject_GetInstanceAttribute(o, *_MoObject_ValuesPointer(o), name));
        return *res != NULL;
    }
    MoObject **dictptr = _MoObject_GetDictPtr(o);
    if (dictptr == NULL)
        return MoErr_Occurred() ? -1 : 0;
    MoObject *dict = *dictptr;
    if (dict == NULL)
        return 0;
    Mo_INCREF(dict);   /* a comparison may run code that replaces it */
    MoObject *v = MoDict_GetItemWithError(dict, name);
    *res = Mo_XNewRef(v);
    Mo_DECREF(dict);
    if (v == NULL)
        return MoErr_Occurred() ? -1 : 0;
    return 1;
}

/* region generic_getattr */
/* Data descriptors on the type win, then the instance's own attributes, then
   other class attributes: non-data descriptors are called, and a callable found
   on a class binds to the instance (the C stand-in for a function in a class
   body: o.m is a bound method). */
MoObject *MoObject_GenericGetAttr(MoObject *o, MoObject *name)
{
    MoTypeObject *t = Mo_TYPE(o);
    MoObject *descr = _MoType_Lookup(t, name);
    if (descr != NULL) {
        Mo_INCREF(descr);
        descrgetfunc get = Mo_TYPE(descr)->tp_descr_get;
        if (get != NULL && is_data_descriptor(descr)) {
            MoObject *res = get(descr, o, (MoObject *)t);
            Mo_DECREF(descr);
            return res;
        }
    }
    MoObject *v;
    int found = instance_dict_lookup(o, name, &v);
    if (found != 0) {
        Mo_XDECREF(descr);
        return found > 0 ? v : NULL;
    }
    if (descr != NULL) {
        descrgetfunc get = Mo_TYPE(descr)->tp_descr_get;
        MoObject *res = descr;
        if (get != NULL)
            res = get(descr, o, (MoObject *)t);
        else if (_MoClass_BindsCallable(t, descr))
            res = MoMethod_New(descr, o);
        if (res != descr)
            Mo_DECREF(descr);
        return res;
    }
    no_attribute_error(o, name);
    return NULL;
}
/* endregion generic_getattr */

/* The instance's dict pointer for a store: a managed dict's slot, else the
   legacy dict slot, or NULL (no exception) when the instance has no dict. */
static MoObject **instance_store_dictptr(MoObject *o)
{
    if (MoType_HasFeature(Mo_TYPE(o), MO_TPFLAGS_MANAGED_DICT))
        return _MoObject_ManagedDictPointer(o);
    return _MoObject_GetDictPtr(o);
}

/* region generic_setattr */
/* o.name = v (v NULL deletes): a data descriptor on the type, else the
   instance's values array (managed dicts not yet materialised), else its dict,
   made on first use (split over the class's shared keys, as 3.11). */
int MoObject_GenericSetAttr(MoObject *o, MoObject *name, MoObject *v)
{
    MoTypeObject *t = Mo_TYPE(o);
    MoObject *descr = _MoType_Lookup(t, name);
    if (descr != NULL && is_data_descriptor(descr)) {
        Mo_INCREF(descr);
        int res = Mo_TYPE(descr)->tp_descr_set(descr, o, v);
        Mo_DECREF(descr);
        return res;
    }
    int res;
    MoObject **dictptr = NULL;
    if (MoType_HasFeature(t, MO_TPFLAGS_MANAGED_DICT) && *_MoObject_ValuesPointer(o) != NULL) {
        res = _MoObject_StoreInstanceAttribute(o, *_MoObject_ValuesPointer(o), name, v);
    } else {
        dictptr = instance_store_dictptr(o);
        if (dictptr == NULL) {
            if (descr != NULL)
                MoErr_Format(MoExc_AttributeError, "'%s' object attribute '%U' is read-only", t->tp_name, name);
            else
                no_attribute_error(o, name);
            return -1;
        }
        if (*dictptr == NULL) {
            MoDictKeysObject *keys =
                MoType_HasFeature(t, MO_TPFLAGS_HEAPTYPE) ? ((MoHeapTypeObject *)t)->ht_cached_keys : NULL;
            *dictptr = keys != NULL ? _MoDict_NewWithSharedKeys(keys) : MoDict_New();
            if (*dictptr == NULL)
                return -1;
        }
        MoObject *dict = Mo_NewRef(*dictptr);
        res = v != NULL ? MoDict_SetItem(dict, name, v) : MoDict_DelItem(dict, name);
        Mo_DECREF(dict);
    }
    if (res < 0 && MoErr_ExceptionMatches(MoExc_KeyError)) {
        MoErr_Clear();
        no_attribute_error(o, name);
    }
    return res;
}
/* endregion generic_setattr */

static int check_attr_name(MoObject *name)
{
    if (!MoUnicode_Check(name)) {
        MoErr_Format(MoExc_TypeError, "attribute name must be string, not '%s'", Mo_TYPE(name)->tp_name);
        return -1;
    }
    return 0;
}

MoObject *MoObject_GetAttr(MoObject *o, MoObject *name)
{
    if (check_attr_name(name) < 0)
        return NULL;
    MoTypeObject *t = Mo_TYPE(o);
    if (t->tp_getattro != NULL)
        return t->tp_getattro(o, name);
    if (t->tp_getattr != NULL)
        return t->tp_getattr(o, (char *)MoUnicode_AsUTF8(name));
    no_attribute_error(o, name);
    return NULL;
}

MoObject *MoObject_GetAttrString(MoObject *o, const char *name)
{
    MoObject *n = MoUnicode_InternFromString(name);
    if (n == NULL)
        return NULL;
    MoObject *res = MoObject_GetAttr(o, n);
    Mo_DECREF(n);
    return res;
}

int MoObject_HasAttrString(MoObject *o, const char *name)
{
    MoObject *res = MoObject_GetAttrString(o, name);
    if (res == NULL) {
        MoErr_Clear();
        return 0;
    }
    Mo_DECREF(res);
    return 1;
}

int MoObject_SetAttr(MoObject *o, MoObject *name, MoObject *v)
{
    if (check_attr_name(name) < 0)
        return -1;
    MoTypeObject *t = Mo_TYPE(o);
    /* Attribute names are interned, as CPython's PyObject_SetAttr does. */
    Mo_INCREF(name);
    MoUnicode_InternInPlace(&name);
    int res;
    if (t->tp_setattro != NULL) {
        res = t->tp_setattro(o, name, v);
    } else {
        if (t->tp_getattro == NULL && t->tp_getattr == NULL)
            MoErr_Format(MoExc_TypeError, "'%s' object has no attributes (%s .%U)", t->tp_name,
                         v == NULL ? "del" : "assign to", name);
        else
            MoErr_Format(MoExc_TypeError, "'%s' object has only read-only attributes (%s .%U)", t->tp_name,
                         v == NULL ? "del" : "assign to", name);
        res = -1;
    }
    Mo_DECREF(name);
    return res;
}

int MoObject_SetAttrString(MoObject *o, const char *name, MoObject *v)
{
    MoObject *n = MoUnicode_FromString(name);
    if (n == NULL)
        return -1;
    int res = MoObject_SetAttr(o, n, v);
    Mo_DECREF(n);
    return res;
}

int MoObject_DelAttrString(MoObject *o, const char *name)
{
    return MoObject_SetAttrString(o, name, NULL);
}

/* ----------------------------------------------------------- type objects */

/* borrowed: the str __module__ in t's own dict, or NULL. A class's namespace has
   one ("__main__"); so does a static type that stands for a class written in
   Python (functools.CacheInfo). */
static MoObject *type_dict_module(MoTypeObject *t)
{
    MoObject *m = t->tp_dict != NULL ? MoDict_GetItemString(t->tp_dict, "__module__") : NULL;
    return m != NULL && MoUnicode_Check(m) ? m : NULL;
}

/* new: C.__name__: a class's name, a static type's tp_name after its last dot. */
static MoObject *type_name(MoTypeObject *t)
{
    if (MoType_HasFeature(t, MO_TPFLAGS_HEAPTYPE))
        return Mo_NewRef(((MoHeapTypeObject *)t)->ht_name);
    const char *dot = strrchr(t->tp_name, '.');
    return MoUnicode_FromString(dot != NULL ? dot + 1 : t->tp_name);
}

/* new: C.__qualname__ (a class's may differ from its name: 'Outer.Inner'). */
static MoObject *type_qualname(MoTypeObject *t)
{
    if (MoType_HasFeature(t, MO_TPFLAGS_HEAPTYPE))
        return Mo_NewRef(((MoHeapTypeObject *)t)->ht_qualname);
    return type_name(t);
}

/* new: C.__module__: its dict's __module__ (a class's, or a static type standing
   for a Python class), else tp_name before its last dot, else "builtins". */
static MoObject *type_module(MoTypeObject *t)
{
    MoObject *m = t->tp_dict != NULL ? MoDict_GetItemString(t->tp_dict, "__module__") : NULL;
    if (m != NULL)
        return Mo_NewRef(m);
    if (MoType_HasFeature(t, MO_TPFLAGS_HEAPTYPE)) {
        MoErr_SetString(MoExc_AttributeError, "__module__");
        return NULL;
    }
    const char *dot = strrchr(t->tp_name, '.');
    if (dot == NULL)
        return MoUnicode_FromConstant("builtins");
    return MoUnicode_FromStringAndSize(t->tp_name, dot - t->tp_name);
}

static MoObject *type_get_name(MoObject *o, void *closure)
{
    (void)closure;
    return type_name((MoTypeObject *)o);
}

static MoObject *type_get_qualname(MoObject *o, void *closure)
{
    (void)closure;
    return type_qualname((MoTypeObject *)o);
}

static MoObject *type_get_module(MoObject *o, void *closure)
{
    (void)closure;
    return type_module((MoTypeObject *)o);
}

/* C.__doc__: a static type's tp_doc (None without one); a class's __doc__ entry,
   bound if it is a descriptor. */
static MoObject *type_get_doc(MoObject *o, void *closure)
{
    MoTypeObject *t = (MoTypeObject *)o;
    (void)closure;
    if (!MoType_HasFeature(t, MO_TPFLAGS_HEAPTYPE)) {
        if (t->tp_doc == NULL)
            Mo_RETURN_NONE;
        return MoUnicode_FromString(t->tp_doc);
    }
    MoObject *doc = MoDict_GetItemString(t->tp_dict, "__doc__");
    if (doc == NULL)
        Mo_RETURN_NONE;
    descrgetfunc get = Mo_TYPE(doc)->tp_descr_get;
    return get != NULL ? get(doc, NULL, o) : Mo_NewRef(doc);
}

/* The writable names of a class: C.__name__ / C.__qualname__ = a str. */
static int type_check_settable(MoTypeObject *t, MoObject *v, const char *what)
{
    if (!MoType_HasFeature(t, MO_TPFLAGS_HEAPTYPE)) {
        MoErr_Format(MoExc_TypeError, "cannot set '%s' attribute of immutable type '%s'", what, t->tp_name);
        return -1;
    }
    if (v == NULL) {
        MoErr_Format(MoExc_TypeError, "cannot delete '%s' attribute of immutable type '%s'", what, t->tp_name);
        return -1;
    }
    if (!MoUnicode_Check(v)) {
        MoErr_Format(MoExc_TypeError, "can only assign string to %s.%s, not '%s'", t->tp_name, what,
                     Mo_TYPE(v)->tp_name);
        return -1;
    }
    return 0;
}

static int type_set_name(MoObject *o, MoObject *v, void *closure)
{
    MoTypeObject *t = (MoTypeObject *)o;
    (void)closure;
    if (type_check_settable(t, v, "__name__") < 0)
        return -1;
    MoHeapTypeObject *ht = (MoHeapTypeObject *)t;
    t->tp_name = MoUnicode_AsUTF8(v);   /* points into the new name, kept below */
    Mo_SETREF(ht->ht_name, Mo_NewRef(v));
    return 0;
}

static int type_set_qualname(MoObject *o, MoObject *v, void *closure)
{
    MoTypeObject *t = (MoTypeObject *)o;
    (void)closure;
    if (type_check_settable(t, v, "__qualname__") < 0)
        return -1;
    Mo_SETREF(((MoHeapTypeObject *)t)->ht_qualname, Mo_NewRef(v));
    return 0;
}

/* C.__module__ = m stores into a class's dict. */
static int type_set_module(MoObject *o, MoObject *v, void *closure)
{
    MoTypeObject *t = (MoTypeObject *)o;
    (void)closure;
    if (!MoType_HasFeature(t, MO_TPFLAGS_HEAPTYPE)) {
        MoErr_Format(MoExc_TypeError, "cannot set '__module__' attribute of immutable type '%s'", t->tp_name);
        return -1;
    }
    return v != NULL ? MoDict_SetItemString(t->tp_dict, "__module__", v) : MoDict_DelItemString(t->tp_dict, "__module__");
}

/* new: C.__mro__ and C.__bases__ of a static type (a class's own are members of
   its metatype, class.c): the tp_base chain, and (tp_base,) or () for object. */
static MoObject *type_get_mro(MoObject *o, void *closure)
{
    MoTypeObject *t = (MoTypeObject *)o, *k;
    (void)closure;
    Mo_ssize_t n = 0;
    while (_MoType_MroAt(t, n) != NULL)
        n++;
    MoObject *mro = MoTuple_New(n);
    for (Mo_ssize_t i = 0; mro != NULL && (k = _MoType_MroAt(t, i)) != NULL; i++)
        MoTuple_SET_ITEM(mro, i, Mo_NewRef((MoObject *)k));
    return mro;
}

static MoObject *type_get_bases(MoObject *o, void *closure)
{
    MoTypeObject *t = (MoTypeObject *)o;
    (void)closure;
    if (t->tp_bases != NULL)
        return Mo_NewRef(t->tp_bases);
    return t->tp_base != NULL ? MoTuple_Pack(1, (MoObject *)t->tp_base) : MoTuple_New(0);
}

/* C.__base__: the base whose layout instances extend (None for object). */
static MoObject *type_get_base(MoObject *o, void *closure)
{
    MoTypeObject *t = (MoTypeObject *)o;
    (void)closure;
    return Mo_NewRef(t->tp_base != NULL ? (MoObject *)t->tp_base : Mo_None);
}

static MoGetSetDef type_getset[] = {
    {"__name__", type_get_name, type_set_name, NULL, NULL},
    {"__qualname__", type_get_qualname, type_set_qualname, NULL, NULL},
    {"__bases__", type_get_bases, NULL, NULL, NULL},
    {"__mro__", type_get_mro, NULL, NULL, NULL},
    {"__module__", type_get_module, type_set_module, NULL, NULL},
    {"__doc__", type_get_doc, NULL, NULL, NULL},
    {"__base__", type_get_base, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* As 3.11's: "<class 'module.name'>", without the module when it is builtins. A
   static type's module is the part of tp_name before its last dot, if any. */
static MoObject *type_repr(MoObject *o)
{
    MoTypeObject *t = (MoTypeObject *)o;
    if (!(t->tp_flags & MO_TPFLAGS_HEAPTYPE) && strchr(t->tp_name, '.') != NULL)
        return MoUnicode_FromFormat("<class '%s'>", t->tp_name);
    MoObject *module = type_dict_module(t);
    MoObject *name = type_qualname(t);
    if (name == NULL)
        return NULL;
    MoObject *res = module == NULL || strcmp(MoUnicode_AsUTF8(module), "builtins") == 0
                        ? MoUnicode_FromFormat("<class '%U'>", name)
                        : MoUnicode_FromFormat("<class '%U.%U'>", module, name);
    Mo_DECREF(name);
    return res;
}

/* Attributes of a type, in 3.11's order: a data descriptor of its metatype
   (C.__mro__), else its own dict and its bases' (descriptors are returned as they
   are when looked up on the class, except those that bind to the class), else
   anything else the metatype has. Metatypes are static, so their dicts cannot
   change under a borrowed reference. */
static MoObject *type_getattro(MoObject *o, MoObject *name)
{
    MoTypeObject *t = (MoTypeObject *)o, *meta = Mo_TYPE(o);
    MoObject *meta_attr = _MoType_Lookup(meta, name);
    descrgetfunc meta_get = meta_attr != NULL ? Mo_TYPE(meta_attr)->tp_descr_get : NULL;
    if (meta_get != NULL && is_data_descriptor(meta_attr))
        return meta_get(meta_attr, o, (MoObject *)meta);
    MoObject *v = _MoType_Lookup(t, name);
    if (v != NULL) {
        descrgetfunc get = Mo_TYPE(v)->tp_descr_get;
        if (get != NULL)
            return get(v, NULL, o);
        return Mo_NewRef(v);
    }
    if (meta_get != NULL)
        return meta_get(meta_attr, o, (MoObject *)meta);
    if (meta_attr != NULL)
        return Mo_NewRef(meta_attr);
    /* Static types' dicts hold no slot wrappers (typeslots.c): make one on demand */
    MoObject *w = _MoSlotWrapper_FindUnbound(t, name);
    if (w != NULL || MoErr_Occurred())
        return w;
    MoErr_Format(MoExc_AttributeError, "type object '%s' has no attribute '%U'", t->tp_name, name);
    return NULL;
}

/* Setting an attribute of a class goes to a data descriptor of its metatype
   (C.__mro__ = x: "readonly attribute"), else stores into its dict, then lets
   the class machinery bring its slots in step (C.__del__ = f gives it a
   tp_finalize). */
static int type_setattro(MoObject *o, MoObject *name, MoObject *v)
{
    MoTypeObject *t = (MoTypeObject *)o;
    if (!(t->tp_flags & MO_TPFLAGS_HEAPTYPE)) {
        MoErr_Format(MoExc_TypeError, "cannot set '%U' attribute of immutable type '%s'", name, t->tp_name);
        return -1;
    }
    MoObject *meta_attr = _MoType_Lookup(Mo_TYPE(o), name);
    if (meta_attr != NULL && is_data_descriptor(meta_attr))
        return Mo_TYPE(meta_attr)->tp_descr_set(meta_attr, o, v);
    int res = v == NULL ? MoDict_DelItem(t->tp_dict, name) : MoDict_SetItem(t->tp_dict, name, v);
    if (res < 0) {
        if (MoErr_ExceptionMatches(MoExc_KeyError)) {
            MoErr_Clear();
            MoErr_Format(MoExc_AttributeError, "type object '%s' has no attribute '%U'", t->tp_name, name);
        }
        return -1;
    }
    _MoType_UpdateSlot(t, name);   /* C.__eq__ = f: the slots follow (typeslots.c) */
    return 0;
}

/* type(o) is o's type; type(name, bases, ns) makes a class (class.c). */
static MoObject *type_of_or_new(MoObject *args, MoObject *kwargs)
{
    Mo_ssize_t n = MoTuple_GET_SIZE(args);
    if (n == 1 && (kwargs == NULL || MoDict_Size(kwargs) == 0))
        return Mo_NewRef((MoObject *)Mo_TYPE(MoTuple_GET_ITEM(args, 0)));
    if (n != 3) {
        MoErr_SetString(MoExc_TypeError, "type() takes 1 or 3 arguments");
        return NULL;
    }
    return MoType_FromNameBasesDict(MoTuple_GET_ITEM(args, 0), MoTuple_GET_ITEM(args, 1), MoTuple_GET_ITEM(args, 2));
}

/* Calling a type makes an instance: tp_new, then tp_init when the result is an
   instance of the type. */
static MoObject *type_call(MoObject *callable, MoObject *args, MoObject *kwargs)
{
    MoTypeObject *t = (MoTypeObject *)callable;
    if (t == &MoType_Type)
        return type_of_or_new(args, kwargs);
    if (t->tp_new == NULL) {
        MoErr_Format(MoExc_TypeError, "cannot create '%s' instances", t->tp_name);
        return NULL;
    }
    MoObject *obj = t->tp_new(t, args, kwargs);
    if (obj == NULL || !MoObject_TypeCheck(obj, t) || Mo_TYPE(obj)->tp_init == NULL)
        return obj;
    if (Mo_TYPE(obj)->tp_init(obj, args, kwargs) < 0) {
        Mo_DECREF(obj);
        return NULL;
    }
    return obj;
}

/* Static types are never freed; a heap type (a class) has a metatype of its own
   (class.c) whose dealloc frees it. */
static void type_dealloc(MoObject *o)
{
    MoTypeObject *t = (MoTypeObject *)o;
    Mo_FatalError(t->tp_flags & MO_TPFLAGS_HEAPTYPE ? "heap type without its dealloc"
                                                      : "deallocating a static type: refcount error");
}

static Mo_ssize_t type_sizeof(MoObject *o)
{
    return Mo_TYPE(o)->tp_basicsize;
}

MoTypeObject MoType_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "type",
    .tp_basicsize = sizeof(MoTypeObject),
    .tp_dealloc = type_dealloc,
    .tp_repr = type_repr,
    .tp_call = type_call,
    .tp_getattro = type_getattro,
    .tp_setattro = type_setattro,
    .tp_flags = MO_TPFLAGS_TYPE_SUBCLASS,
    .tp_hash = _MoObject_HashByAddress,
    .tp_richcompare = _MoObject_RichCompareIdentity,
    .tp_sizeof = type_sizeof,
};

/* o.__class__: its type. */
static MoObject *object_get_class(MoObject *o, void *closure)
{
    (void)closure;
    return Mo_NewRef((MoObject *)Mo_TYPE(o));
}

static MoGetSetDef object_getset[] = {
    {"__class__", object_get_class, NULL, "the object's class", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* type's and object's own getsets (C.__name__, o.__class__) go into their dicts
   once strings and descriptors can be made: both are readied first of all,
   before str. */
int _MoType_InitAttributes(void)
{
    for (MoGetSetDef *g = type_getset; g->name != NULL; g++)
        if (type_add_descriptor(&MoType_Type, g->name, MoDescr_NewGetSet(&MoType_Type, g)) < 0)
            return -1;
    for (MoGetSetDef *g = object_getset; g->name != NULL; g++)
        if (type_add_descriptor(&MoBaseObject_Type, g->name, MoDescr_NewGetSet(&MoBaseObject_Type, g)) < 0)
            return -1;
    return 0;
}

/* isinstance(inst, cls) and issubclass(derived, cls) through the MRO; cls may be
   a tuple of classes (any of them). */
static int check_class_or_tuple(MoObject *cls, const char *what)
{
    if (MoType_Check(cls))
        return 0;
    if (MoTuple_Check(cls)) {
        for (Mo_ssize_t i = 0; i < MoTuple_GET_SIZE(cls); i++)
            if (check_class_or_tuple(MoTuple_GET_ITEM(cls, i), what) < 0)
                return -1;
        return 0;
    }
    MoErr_Format(MoExc_TypeError, "%s() arg 2 must be a type, a tuple of types, or a union", what);
    return -1;
}

static int subclass_of_any(MoTypeObject *t, MoObject *cls)
{
    if (MoType_Check(cls))
        return MoType_IsSubtype(t, (MoTypeObject *)cls);
    for (Mo_ssize_t i = 0; i < MoTuple_GET_SIZE(cls); i++)
        if (subclass_of_any(t, MoTuple_GET_ITEM(cls, i)))
            return 1;
    return 0;
}

int MoObject_IsInstance(MoObject *inst, MoObject *cls)
{
    if (check_class_or_tuple(cls, "isinstance") < 0)
        return -1;
    return subclass_of_any(Mo_TYPE(inst), cls);
}

int MoObject_IsSubclass(MoObject *derived, MoObject *cls)
{
    if (!MoType_Check(derived)) {
        MoErr_SetString(MoExc_TypeError, "issubclass() arg 1 must be a class");
        return -1;
    }
    if (check_class_or_tuple(cls, "issubclass") < 0)
        return -1;
    return subclass_of_any((MoTypeObject *)derived, cls);
}

/* ------------------------------------------------------------ object itself */

static void object_dealloc(MoObject *o)
{
    Mo_TYPE(o)->tp_free(o);
}

MoObject *MoType_GenericNew(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    (void)args;
    (void)kwargs;
    return t->tp_alloc(t, 0);
}

/* object.__repr__, as 3.11's object_repr: "<module.Qualname object at 0x...>",
   without the module for builtins. */
MoObject *_MoObject_DefaultRepr(MoObject *o)
{
    MoTypeObject *t = Mo_TYPE(o);
    if (!MoType_HasFeature(t, MO_TPFLAGS_HEAPTYPE))
        return MoUnicode_FromFormat("<%s object at %p>", t->tp_name, (void *)o);
    MoObject *module = type_dict_module(t);
    MoObject *qualname = ((MoHeapTypeObject *)t)->ht_qualname;
    if (module == NULL || strcmp(MoUnicode_AsUTF8(module), "builtins") == 0)
        return MoUnicode_FromFormat("<%U object at %p>", qualname, (void *)o);
    return MoUnicode_FromFormat("<%U.%U object at %p>", module, qualname, (void *)o);
}

/* object's comparisons, as 3.11's object_richcompare: == is identity (else
   NotImplemented, so that the other operand is asked), != negates the type's own
   == (a class defining only __eq__ gets the != it implies), orderings are
   NotImplemented. */
static MoObject *object_richcompare(MoObject *self, MoObject *other, int op)
{
    if (op == MO_EQ) {
        if (self == other)
            Mo_RETURN_TRUE;
        Mo_RETURN_NOTIMPLEMENTED;
    }
    if (op != MO_NE || Mo_TYPE(self)->tp_richcompare == NULL)
        Mo_RETURN_NOTIMPLEMENTED;
    MoObject *res = Mo_TYPE(self)->tp_richcompare(self, other, MO_EQ);
    if (res == NULL || res == Mo_NotImplemented)
        return res;
    int truth = MoObject_IsTrue(res);
    Mo_DECREF(res);
    if (truth < 0)
        return NULL;
    return MoBool_FromLong(!truth);
}

static MoObject *object_new(MoTypeObject *t, MoObject *args, MoObject *kwargs);

static int has_arguments(MoObject *args, MoObject *kwargs)
{
    return (args != NULL && MoTuple_GET_SIZE(args) != 0) || (kwargs != NULL && MoDict_Size(kwargs) != 0);
}

/* object.__init__: nothing to do; arguments are an error unless a __new__ of the
   type's own takes them (3.11's object_init). */
static int object_init(MoObject *self, MoObject *args, MoObject *kwargs)
{
    MoTypeObject *t = Mo_TYPE(self);
    if (has_arguments(args, kwargs)) {
        if (t->tp_init != object_init) {
            MoErr_SetString(MoExc_TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
            return -1;
        }
        if (t->tp_new == object_new) {
            MoErr_Format(MoExc_TypeError, "%s() takes no arguments", t->tp_name);
            return -1;
        }
    }
    return 0;
}

/* object.__new__: arguments are for an __init__; without one any argument is an
   error, with 3.11's messages. */
static MoObject *object_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    if (has_arguments(args, kwargs)) {
        if (t->tp_new != object_new) {
            MoErr_SetString(MoExc_TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
            return NULL;
        }
        if (t->tp_init == object_init) {
            MoErr_Format(MoExc_TypeError, "%s() takes no arguments", t->tp_name);
            return NULL;
        }
    }
    MoObject *o = t->tp_alloc ? t->tp_alloc(t, 0) : MoType_GenericAlloc(t, 0);
    /* 3.11's _PyObject_InitializeDict: attributes start inline, keyed by the
       class's shared keys (only instances made here get a values array). */
    if (o != NULL && MoType_HasFeature(t, MO_TPFLAGS_MANAGED_DICT) && _MoObject_InitInlineValues(o, t) < 0)
        Mo_CLEAR(o);
    return o;
}

MoTypeObject MoBaseObject_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "object",
    .tp_basicsize = sizeof(MoObject),
    .tp_dealloc = object_dealloc,
    .tp_repr = _MoObject_DefaultRepr,
    .tp_getattro = MoObject_GenericGetAttr,
    .tp_setattro = MoObject_GenericSetAttr,
    .tp_flags = MO_TPFLAGS_BASETYPE,
    .tp_hash = _MoObject_HashByAddress,
    .tp_richcompare = object_richcompare,
    .tp_init = object_init,
    .tp_alloc = MoType_GenericAlloc,
    .tp_new = object_new,
};

int _MoType_Init(void)
{
    if (MoType_Ready(&MoBaseObject_Type) < 0 || MoType_Ready(&MoType_Type) < 0 ||
        MoType_Ready(&_MoNone_Type) < 0 || MoType_Ready(&_MoNotImplemented_Type) < 0)
        return -1;
    return 0;
}
