/* Classes made at run time (heap types) and their instances, as `class C: ...`
 * makes them in CPython 3.11 (Objects/typeobject.c: type_new, subtype_dealloc).
 *
 * A class is a MoHeapTypeObject: a type object allocated on the heap, counted and
 * collected like any other object. Its instances hold a reference to it, and so do
 * its __mro__ tuple, (C, object), and the descriptors in its dict (slot members,
 * __dict__, __weakref__), so a class is in cycles from birth (class -> mro -> class,
 * class -> dict -> descriptor -> class, as in CPython 3.11): it is a GC object, freed
 * by the collector once nothing outside the cycles holds it (heaptype_clear breaks
 * them). It also owns __bases__, (object,), and its base. Its layout decides what an
 * instance is:
 *
 *   plain class      header | weakref list          basicsize 24, MANAGED_DICT
 *                    + two pre-header words (values array, dict)   getsizeof 56
 *   __slots__ names  header | one pointer per name (sorted) [| weakref list]
 *                    ("__dict__" among the names adds MANAGED_DICT)
 *
 * Invariants:
 *   1. Every class has HEAPTYPE | BASETYPE | HAVE_GC; every instance is tracked
 *      once complete and holds one reference to its class, released last.
 *   2. A managed-dict instance has its values array (attributes inline, keyed by
 *      the class's shared keys) or a dict, never both; the dict exists only once
 *      someone asked for __dict__ or the shared keys could not take a name.
 *   3. tp_finalize is set exactly when the class (or a base) has __del__: it is
 *      kept in step by _MoClass_UpdateSlot on every class attribute change.
 *   4. A class handed out owns tp_base (object), tp_bases == (tp_base,) and
 *      tp_mro == (C, object); tp_mro is NULL only once heaptype_clear ran. Lookups
 *      walk tp_base, never tp_mro, so a cleared class still finds its attributes.
 *
 * Start reading at MoClass_New (building a class) and instance_dealloc (the order
 * in which an instance dies).
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* ======================================================== the type of classes */

static void heaptype_dealloc(MoObject *op);
static int heaptype_traverse(MoObject *op, visitproc visit, void *arg);
static int heaptype_clear(MoObject *op);
static Mo_ssize_t heaptype_sizeof(MoObject *op);

/* C.__bases__: the tuple the class owns (never NULL: invariant 4). CPython's
   setter, which rebuilds the class, has no counterpart here: assigning is an
   AttributeError ("attribute '__bases__' of 'type' objects is not writable"). */
static MoObject *heaptype_get_bases(MoObject *op, void *closure)
{
    (void)closure;
    return Mo_NewRef(((MoTypeObject *)op)->tp_bases);
}

/* What type.__dict__ holds for classes, as in 3.11: __mro__ a read-only member
   (None once heaptype_clear dropped it), __bases__ a getset. */
static MoMemberDef heaptype_members[] = {
    {"__mro__", MO_T_OBJECT, offsetof(MoTypeObject, tp_mro), MO_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};
static MoGetSetDef heaptype_getset[] = {
    {"__bases__", heaptype_get_bases, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

MoTypeObject _MoHeapType_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "type",
    .tp_basicsize = _MO_HEAPTYPE_SIZE,
    .tp_dealloc = heaptype_dealloc,
    .tp_flags = MO_TPFLAGS_HAVE_GC | MO_TPFLAGS_TYPE_SUBCLASS,
    .tp_traverse = heaptype_traverse,
    .tp_clear = heaptype_clear,
    .tp_weaklistoffset = offsetof(MoTypeObject, tp_weaklist),
    .tp_members = heaptype_members,
    .tp_getset = heaptype_getset,
    .tp_base = &MoType_Type,
    .tp_sizeof = heaptype_sizeof,
};

/* Both types this file hands out are readied on first use (Mo_Finalize un-readies
   every static type, so this runs again after a restart). */
static int class_ready_types(void)
{
    if (MoType_Ready(&_MoHeapType_Type) < 0 || MoType_Ready(&MoMethod_Type) < 0)
        return -1;
    return 0;
}

int _MoClass_Init(void)
{
    return class_ready_types();
}

int MoClass_Check(MoObject *o)
{
    return Mo_IS_TYPE(o, &_MoHeapType_Type);
}

static MoHeapTypeObject *as_heaptype(MoTypeObject *t) { return (MoHeapTypeObject *)t; }

_Static_assert(sizeof(MoHeapTypeObject) <= _MO_HEAPTYPE_SIZE, "a class must fit in 3.11's heap type size");

/* ================================================================== instances */

/* ------------------------------------------------------------- calling helpers */

/* new: func called as a method of self: through its tp_descr_get if it has one,
   else with self prepended (a bound method, as a function in a class). */
static MoObject *call_as_method(MoObject *func, MoObject *self, MoObject *args, MoObject *kwargs)
{
    descrgetfunc get = Mo_TYPE(func)->tp_descr_get;
    MoObject *bound = get != NULL ? get(func, self, (MoObject *)Mo_TYPE(self)) : MoMethod_New(func, self);
    if (bound == NULL)
        return NULL;
    MoObject *res = MoObject_Call(bound, args, kwargs);
    Mo_DECREF(bound);
    return res;
}

/* borrowed: the class attribute named name (a C string), or NULL. */
static MoObject *class_lookup(MoTypeObject *t, const char *name)
{
    MoObject *key = MoUnicode_InternFromString(name);
    if (key == NULL) {
        MoErr_Clear();
        return NULL;
    }
    MoObject *v = _MoType_Lookup(t, key);
    Mo_DECREF(key);
    return v;
}

static int has_arguments(MoObject *args, MoObject *kwargs)
{
    return (args != NULL && MoTuple_GET_SIZE(args) > 0) || (kwargs != NULL && MoDict_Size(kwargs) > 0);
}

/* ----------------------------------------------------------- making instances */

/* region instance_new */
/* C(...): allocate, take a reference to the class, give a managed dict its empty
   values array, then track. Arguments are for __init__: without one, any argument
   is an error, with object's message. */
static MoObject *instance_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    if (has_arguments(args, kwargs) && class_lookup(t, "__init__") == NULL) {
        MoErr_Format(MoExc_TypeError, "%s() takes no arguments", t->tp_name);
        return NULL;
    }
    MoObject *self = _MoType_AllocNoTrack(t, 0);
    if (self == NULL)
        return NULL;
    Mo_INCREF(t);   /* invariant 1: released last, in instance_dealloc */
    if (MoType_HasFeature(t, MO_TPFLAGS_MANAGED_DICT) && _MoObject_InitInlineValues(self, t) < 0) {
        Mo_DECREF(self);
        return NULL;
    }
    MoObject_GC_Track(self);
    return self;
}
/* endregion instance_new */

/* __init__(self, *args, **kwargs), if the class has one; it must return None. */
static int instance_init(MoObject *self, MoObject *args, MoObject *kwargs)
{
    MoObject *init = class_lookup(Mo_TYPE(self), "__init__");
    if (init == NULL)
        return 0;
    Mo_INCREF(init);
    MoObject *res = call_as_method(init, self, args, kwargs);
    Mo_DECREF(init);
    if (res == NULL)
        return -1;
    if (res != Mo_None) {
        MoErr_Format(MoExc_TypeError, "__init__() should return None, not '%s'", Mo_TYPE(res)->tp_name);
        Mo_DECREF(res);
        return -1;
    }
    Mo_DECREF(res);
    return 0;
}

/* "<__main__.C object at 0x...>": classes made here belong to __main__. */
static MoObject *instance_repr(MoObject *self)
{
    return MoUnicode_FromFormat("<__main__.%s object at %p>", Mo_TYPE(self)->tp_name, (void *)self);
}

/* ------------------------------------------------------------- the finalizer */

/* region instance_finalize */
/* tp_finalize of a class with __del__ (3.11's slot_tp_finalize): call it bound.
   Nobody called __del__, so nobody can receive its exception: it is printed as
   "Exception ignored in: <function ...>" and dropped. MoObject_CallFinalizer
   (finalize.c) makes sure this runs once per object. */
static void instance_finalize(MoObject *self)
{
    MoObject *del = class_lookup(Mo_TYPE(self), "__del__");
    if (del == NULL)
        return;
    Mo_INCREF(del);
    MoObject *args = MoTuple_New(0);
    MoObject *res = args != NULL ? call_as_method(del, self, args, NULL) : NULL;
    Mo_XDECREF(args);
    if (res == NULL)
        MoErr_WriteUnraisable(del);
    Mo_XDECREF(res);
    Mo_DECREF(del);
}
/* endregion instance_finalize */

void _MoClass_UpdateSlot(MoTypeObject *t, MoObject *name)
{
    if (!MoUnicode_Check(name) || strcmp(MoUnicode_AsUTF8(name), "__del__") != 0)
        return;
    t->tp_finalize = class_lookup(t, "__del__") != NULL ? instance_finalize : NULL;
}

int _MoClass_BindsCallable(MoTypeObject *t, MoObject *descr)
{
    return MoType_HasFeature(t, MO_TPFLAGS_HEAPTYPE) && MoCallable_Check(descr) && !MoType_Check(descr) &&
           !MoMethod_Check(descr);
}

/* ------------------------------------------------- slots, values, dict: helpers */

static MoObject **slot_ptr(MoObject *self, MoMemberDef *m)
{
    return (MoObject **)((char *)self + m->offset);
}

/* The slot members of self's class (NULL-terminated), or NULL. */
static MoMemberDef *instance_members(MoObject *self)
{
    return as_heaptype(Mo_TYPE(self))->ht_members;
}

static int instance_traverse(MoObject *self, visitproc visit, void *arg)
{
    for (MoMemberDef *m = instance_members(self); m && m->name; m++)
        Mo_VISIT(*slot_ptr(self, m));
    if (MoType_HasFeature(Mo_TYPE(self), MO_TPFLAGS_MANAGED_DICT)) {
        int r = _MoObject_VisitInstanceAttributes(self, visit, arg);
        if (r)
            return r;
        Mo_VISIT(*_MoObject_ManagedDictPointer(self));
    }
    Mo_VISIT(Mo_TYPE(self));   /* the class: an instance owns a reference to it */
    return 0;
}

static void instance_clear_slots(MoObject *self)
{
    for (MoMemberDef *m = instance_members(self); m && m->name; m++)
        Mo_CLEAR(*slot_ptr(self, m));
}

/* tp_clear: drop the attributes (never the class: the instance may still be
   deallocated, and its dealloc needs it). */
static int instance_clear(MoObject *self)
{
    instance_clear_slots(self);
    if (MoType_HasFeature(Mo_TYPE(self), MO_TPFLAGS_MANAGED_DICT)) {
        _MoObject_ClearInstanceAttributes(self);
        Mo_CLEAR(*_MoObject_ManagedDictPointer(self));
    }
    return 0;
}

/* ----------------------------------------------------------- instance death */

/* Weak references made by __del__ itself point at an object about to go: they are
   cleared without their callbacks (3.11's subtype_dealloc does the same). */
static void instance_drop_new_weakrefs(MoObject *self)
{
    MoWeakReference **list = _MoObject_GET_WEAKREFS_LISTPTR(self);
    while (*list != NULL)
        _MoWeakref_ClearRef(*list);
}

/* region instance_dealloc */
/* 3.11's subtype_dealloc, in its order:
     1. untrack (the collector must not see a half-freed object);
     2. __del__, with the object briefly alive; if it resurrected the object, stop;
     3. clear weak references (their callbacks run here: after __del__, before
        the attributes go);
     4. clear the slots, release the values array or the dict;
     5. free the memory, then release the class (the free needs the type to find
        the pre-header). */
static void instance_dealloc(MoObject *self)
{
    MoTypeObject *t = Mo_TYPE(self);
    MoObject_GC_UnTrack(self);
    MO_TRASHCAN_BEGIN(self, instance_dealloc)
    if (t->tp_finalize != NULL) {
        MoObject_GC_Track(self);   /* a collection inside __del__ may look at it */
        if (MoObject_CallFinalizerFromDealloc(self) < 0)
            goto resurrected;      /* alive again, and tracked: not ours to free */
        MoObject_GC_UnTrack(self);
    }
    if (t->tp_weaklistoffset > 0) {
        MoObject_ClearWeakRefs(self);
        if (t->tp_finalize != NULL)
            instance_drop_new_weakrefs(self);
    }
    instance_clear_slots(self);
    if (MoType_HasFeature(t, MO_TPFLAGS_MANAGED_DICT)) {
        _MoObject_FreeInstanceAttributes(self);
        Mo_CLEAR(*_MoObject_ManagedDictPointer(self));
    }
    t->tp_free(self);
    Mo_DECREF(t);
resurrected:;
    MO_TRASHCAN_END
}
/* endregion instance_dealloc */

/* ================================================== __dict__ and __weakref__ */

MoObject *MoObject_GenericGetDict(MoObject *o)
{
    MoTypeObject *t = Mo_TYPE(o);
    MoObject **dictptr = _MoObject_GetDictPtr(o);   /* materialises a managed dict */
    if (dictptr == NULL) {
        if (MoErr_Occurred())
            return NULL;
        MoErr_Format(MoExc_AttributeError, "'%s' object has no attribute '__dict__'", t->tp_name);
        return NULL;
    }
    if (*dictptr == NULL) {
        /* Neither values nor dict (del o.__dict__ happened): a plain empty dict, as
           3.11 (a store, by contrast, makes one over the shared keys). */
        *dictptr = MoDict_New();
        if (*dictptr == NULL)
            return NULL;
    }
    return Mo_NewRef(*dictptr);
}

static MoObject *instance_get_dict(MoObject *self, void *closure)
{
    (void)closure;
    return MoObject_GenericGetDict(self);
}

/* o.__dict__ = d (a dict), or del o.__dict__. */
static int instance_set_dict(MoObject *self, MoObject *value, void *closure)
{
    (void)closure;
    if (value != NULL && !MoDict_Check(value)) {
        MoErr_Format(MoExc_TypeError, "__dict__ must be set to a dictionary, not a '%s'", Mo_TYPE(value)->tp_name);
        return -1;
    }
    MoObject **dictptr = _MoObject_GetDictPtr(self);
    if (dictptr == NULL) {
        if (!MoErr_Occurred())
            MoErr_SetString(MoExc_AttributeError, "This object has no __dict__");
        return -1;
    }
    Mo_XSETREF(*dictptr, Mo_XNewRef(value));
    return 0;
}

/* o.__weakref__: the first weak reference to o, or None. */
static MoObject *instance_get_weakref(MoObject *self, void *closure)
{
    (void)closure;
    MoWeakReference *first = *_MoObject_GET_WEAKREFS_LISTPTR(self);
    return Mo_NewRef(first != NULL ? (MoObject *)first : Mo_None);
}

static MoGetSetDef dict_getset = {"__dict__", instance_get_dict, instance_set_dict,
                                  "dictionary for instance variables (if defined)", NULL};
static MoGetSetDef weakref_getset = {"__weakref__", instance_get_weakref, NULL,
                                     "list of weak references to the object (if defined)", NULL};

/* ============================================================ building a class */

/* What the __slots__ list asks for. */
typedef struct {
    Mo_ssize_t nnames;        /* slot names, "__dict__" and "__weakref__" excluded */
    char **names;             /* mangled, sorted; owned (one block with the strings) */
    int add_dict, add_weakref;
} class_layout;

static int is_identifier(const char *s)
{
    if (*s == '\0' || (*s >= '0' && *s <= '9'))
        return 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!(c == '_' || c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return 0;
    }
    return 1;
}

/* Private names (__x, not __x__) become _Class__x, as the compiler mangles them. */
static size_t mangled_length(const char *cls, const char *name)
{
    size_t n = strlen(name);
    while (*cls == '_')
        cls++;
    if (n < 3 || strncmp(name, "__", 2) != 0 || (name[n - 1] == '_' && name[n - 2] == '_') || *cls == '\0')
        return n;
    return 1 + strlen(cls) + n;
}

static void mangle_into(char *out, const char *cls, const char *name)
{
    size_t n = strlen(name);
    while (*cls == '_')
        cls++;
    if (mangled_length(cls, name) == n)
        memcpy(out, name, n + 1);
    else {
        out[0] = '_';
        strcpy(out + 1, cls);
        strcat(out, name);
    }
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* region class_parse_slots */
/* Read __slots__ (NULL: a plain class, which gets a dict and a weakref list):
   pick out "__dict__" and "__weakref__", mangle and sort the rest (3.11 sorts them,
   so offsets follow sorted order). 0, or -1 with TypeError / MemoryError. */
static int class_parse_slots(const char *clsname, const char *const *slots, class_layout *lay)
{
    memset(lay, 0, sizeof *lay);
    if (slots == NULL) {
        lay->add_dict = lay->add_weakref = 1;
        return 0;
    }
    size_t total = 0, count = 0;
    for (const char *const *p = slots; *p; p++) {
        if (!is_identifier(*p)) {
            MoErr_SetString(MoExc_TypeError, "__slots__ must be identifiers");
            return -1;
        }
        if (strcmp(*p, "__dict__") == 0) {
            if (lay->add_dict++) {
                MoErr_SetString(MoExc_TypeError, "__dict__ slot disallowed: we already got one");
                return -1;
            }
        } else if (strcmp(*p, "__weakref__") == 0) {
            if (lay->add_weakref++) {
                MoErr_SetString(MoExc_TypeError,
                                "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0");
                return -1;
            }
        } else {
            count++;
            total += mangled_length(clsname, *p) + 1;
        }
    }
    char **names = MoMem_Malloc((count + 1) * sizeof(char *) + total);
    if (names == NULL) {
        MoErr_NoMemory();
        return -1;
    }
    char *text = (char *)(names + count + 1);
    size_t i = 0;
    for (const char *const *p = slots; *p; p++) {
        if (strcmp(*p, "__dict__") == 0 || strcmp(*p, "__weakref__") == 0)
            continue;
        names[i++] = text;
        mangle_into(text, clsname, *p);
        text += strlen(text) + 1;
    }
    names[count] = NULL;
    qsort(names, count, sizeof(char *), compare_names);
    lay->names = names;
    lay->nnames = (Mo_ssize_t)count;
    return 0;
}
/* endregion class_parse_slots */

/* region class_set_layout */
/* Offsets, as 3.11's type_new_descriptors: slots from 16 (after the header), one
   pointer each; then the weakref list; a dict lives in the pre-header (managed),
   and tp_dictoffset shows 3.11's "from the end" value for it. The member table
   (one block: the members, then their names) belongs to the class. */
static int class_set_layout(MoHeapTypeObject *ht, class_layout *lay)
{
    MoTypeObject *t = &ht->ht_type;
    Mo_ssize_t offset = (Mo_ssize_t)sizeof(MoObject);
    if (lay->nnames > 0) {
        size_t text = 0;
        for (Mo_ssize_t i = 0; i < lay->nnames; i++)
            text += strlen(lay->names[i]) + 1;
        MoMemberDef *members = MoMem_Malloc((size_t)(lay->nnames + 1) * sizeof(MoMemberDef) + text);
        if (members == NULL) {
            MoErr_NoMemory();
            return -1;
        }
        char *copy = (char *)(members + lay->nnames + 1);
        for (Mo_ssize_t i = 0; i < lay->nnames; i++) {
            strcpy(copy, lay->names[i]);
            members[i] = (MoMemberDef){copy, MO_T_OBJECT_EX, offset, 0, NULL};
            copy += strlen(copy) + 1;
            offset += (Mo_ssize_t)sizeof(MoObject *);
        }
        members[lay->nnames] = (MoMemberDef){NULL, 0, 0, 0, NULL};
        ht->ht_members = members;
    }
    if (lay->add_weakref) {
        t->tp_weaklistoffset = offset;
        offset += (Mo_ssize_t)sizeof(MoObject *);
    }
    if (lay->add_dict) {
        t->tp_flags |= MO_TPFLAGS_MANAGED_DICT;
        t->tp_dictoffset = -offset - 3 * (Mo_ssize_t)sizeof(MoObject *);
    }
    t->tp_basicsize = offset;
    return 0;
}
/* endregion class_set_layout */

/* d[name] = v, v stolen. */
static int dict_put(MoObject *d, const char *name, MoObject *v)
{
    if (v == NULL)
        return -1;
    int r = MoDict_SetItemString(d, name, v);
    Mo_DECREF(v);
    return r;
}

/* The class namespace, in 3.11's order: __module__, __slots__, the members,
   __dict__ and __weakref__ descriptors, __doc__. */
static MoObject *class_make_dict(MoHeapTypeObject *ht, const char *const *slots, class_layout *lay)
{
    MoTypeObject *t = &ht->ht_type;
    MoObject *d = MoDict_New();
    if (d == NULL || dict_put(d, "__module__", MoUnicode_FromConstant("__main__")) < 0)
        goto fail;
    if (slots != NULL) {
        Mo_ssize_t n = 0;
        while (slots[n])
            n++;
        MoObject *tuple = MoTuple_New(n);
        if (tuple == NULL)
            goto fail;
        for (Mo_ssize_t i = 0; i < n; i++) {
            MoObject *s = MoUnicode_FromConstant(slots[i]);
            if (s == NULL) {
                Mo_DECREF(tuple);
                goto fail;
            }
            MoTuple_SET_ITEM(tuple, i, s);
        }
        ht->ht_slots = Mo_NewRef(tuple);
        if (dict_put(d, "__slots__", tuple) < 0)
            goto fail;
    }
    for (MoMemberDef *m = ht->ht_members; m && m->name; m++)
        if (dict_put(d, m->name, MoDescr_NewMember(t, m)) < 0)
            goto fail;
    if (lay->add_dict && dict_put(d, "__dict__", MoDescr_NewGetSet(t, &dict_getset)) < 0)
        goto fail;
    if (lay->add_weakref && dict_put(d, "__weakref__", MoDescr_NewGetSet(t, &weakref_getset)) < 0)
        goto fail;
    if (dict_put(d, "__doc__", Mo_NewRef(Mo_None)) < 0)
        goto fail;
    return d;
fail:
    Mo_XDECREF(d);
    return NULL;
}

/* The slots every class has: instances are made, printed, traversed and freed by
   this file; the rest (attribute access, hashing) is inherited from object. */
static void class_set_slots(MoTypeObject *t)
{
    t->tp_flags |= MO_TPFLAGS_HEAPTYPE | MO_TPFLAGS_BASETYPE | MO_TPFLAGS_HAVE_GC;
    t->tp_base = (MoTypeObject *)Mo_NewRef((MoObject *)&MoBaseObject_Type);   /* owned, as 3.11's type_new */
    t->tp_dealloc = instance_dealloc;
    t->tp_repr = instance_repr;
    t->tp_traverse = instance_traverse;
    t->tp_clear = instance_clear;
    t->tp_new = instance_new;
    t->tp_init = instance_init;
    t->tp_as_number = &as_heaptype(t)->as_number;
    t->tp_as_sequence = &as_heaptype(t)->as_sequence;
    t->tp_as_mapping = &as_heaptype(t)->as_mapping;
}

/* C.__bases__ = (base,) and C.__mro__ = (C, base, ..., object), the chain of
   bases (all single inheritance here, where 3.11's mro() gives the same), both
   owned. The mro holds the class itself: with it, a class that nothing outside
   holds is cyclic garbage even without descriptors (heaptype_clear breaks it).
   0, or -1 with MemoryError. */
static int class_set_mro(MoTypeObject *t)
{
    t->tp_bases = MoTuple_Pack(1, (MoObject *)t->tp_base);
    if (t->tp_bases == NULL)
        return -1;
    Mo_ssize_t n = 0;
    for (MoTypeObject *b = t; b != NULL; b = b->tp_base)
        n++;
    MoObject *mro = MoTuple_New(n);
    if (mro == NULL)
        return -1;
    n = 0;
    for (MoTypeObject *b = t; b != NULL; b = b->tp_base)
        MoTuple_SET_ITEM(mro, n++, Mo_NewRef((MoObject *)b));
    t->tp_mro = mro;
    return 0;
}

/* region class_new */
MoObject *MoClass_New(const char *name, const char *const *slots)
{
    class_layout lay;
    if (name == NULL) {
        MoErr_BadInternalCall();
        return NULL;
    }
    if (class_ready_types() < 0 || class_parse_slots(name, slots, &lay) < 0)
        return NULL;
    MoHeapTypeObject *ht = (MoHeapTypeObject *)_MoType_AllocNoTrack(&_MoHeapType_Type, 0);
    if (ht == NULL) {
        MoMem_Free(lay.names);
        return NULL;
    }
    MoTypeObject *t = &ht->ht_type;
    int laid_out = class_set_layout(ht, &lay);
    MoMem_Free(lay.names);
    if (laid_out < 0)
        goto fail;
    ht->ht_name = MoUnicode_FromString(name);
    if (ht->ht_name == NULL)
        goto fail;
    ht->ht_qualname = Mo_NewRef(ht->ht_name);
    t->tp_name = MoUnicode_AsUTF8(ht->ht_name);
    class_set_slots(t);
    if (MoType_HasFeature(t, MO_TPFLAGS_MANAGED_DICT) && (ht->ht_cached_keys = _MoDict_NewKeysForClass()) == NULL)
        goto fail;
    t->tp_dict = class_make_dict(ht, slots, &lay);
    if (t->tp_dict == NULL || MoType_Ready(t) < 0 || class_set_mro(t) < 0)
        goto fail;
    MoObject_GC_Track(ht);
    return (MoObject *)ht;
fail:
    /* Untracked, so no collection would find the cycles: break them (descriptors
       and mro hold the class) to make this the last reference. */
    heaptype_clear((MoObject *)ht);
    Mo_DECREF(ht);
    return NULL;
}
/* endregion class_new */

/* ============================================================ class lifetime */

/* What the collector follows to find a dropped class unreachable: the dict
   leads to the descriptors and the mro straight back here. 3.11's type_traverse,
   in its order (gc.get_referents(C) is [dict, mro, bases, object]); ht_slots,
   a tuple of strings, cannot be in a cycle and is not visited, as there. */
static int heaptype_traverse(MoObject *op, visitproc visit, void *arg)
{
    MoTypeObject *t = (MoTypeObject *)op;
    Mo_VISIT(t->tp_dict);
    Mo_VISIT(t->tp_mro);
    Mo_VISIT(t->tp_bases);
    Mo_VISIT(t->tp_base);
    return 0;
}

/* 3.11's type_clear: empty the dict but keep it (instances still being freed
   look things up in it, through tp_base, which stays too), and drop the mro. The
   descriptors go, and with them and the mro every reference the class holds to
   itself: this breaks its cycles. tp_bases cannot close one and stays. */
static int heaptype_clear(MoObject *op)
{
    MoTypeObject *t = (MoTypeObject *)op;
    if (t->tp_dict != NULL)
        MoDict_Clear(t->tp_dict);
    Mo_CLEAR(t->tp_mro);
    return 0;
}

/* region heaptype_dealloc */
/* The last reference went (instances, descriptors and the mro hold one each, so
   none of them is left: the dict holds no descriptor of this class, and tp_mro is
   NULL, cleared by heaptype_clear or never made): free what the class owns. */
static void heaptype_dealloc(MoObject *op)
{
    MoHeapTypeObject *ht = (MoHeapTypeObject *)op;
    MoTypeObject *t = &ht->ht_type;
    MoObject_GC_UnTrack(op);
    if (t->tp_weaklist != NULL)
        MoObject_ClearWeakRefs(op);
    Mo_CLEAR(t->tp_dict);
    Mo_CLEAR(t->tp_bases);
    Mo_CLEAR(ht->ht_slots);
    Mo_CLEAR(ht->ht_qualname);
    if (ht->ht_cached_keys != NULL) {
        _MoDictKeys_DecRef(ht->ht_cached_keys);
        ht->ht_cached_keys = NULL;
    }
    if (ht->ht_members != NULL) {
        MoMem_Free(ht->ht_members);   /* names included */
        ht->ht_members = NULL;
    }
    t->tp_name = "<freed class>";
    Mo_CLEAR(ht->ht_name);   /* tp_name pointed into it */
    Mo_CLEAR(t->tp_base);
    Mo_TYPE(op)->tp_free(op);
}
/* endregion heaptype_dealloc */

/* type.__sizeof__ of a class: 3.11's heap type object plus its shared keys. */
static Mo_ssize_t heaptype_sizeof(MoObject *op)
{
    MoHeapTypeObject *ht = (MoHeapTypeObject *)op;
    Mo_ssize_t size = _MO_HEAPTYPE_SIZE;
    if (ht->ht_cached_keys != NULL)
        size += _MoDict_KeysSize(ht->ht_cached_keys);
    return size;
}
