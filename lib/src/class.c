/* Classes made at run time (heap types) and their instances, as type(name, bases,
 * ns) and `class C: ...` make them in CPython 3.11 (Objects/typeobject.c:
 * type_new, best_base, mro_implementation, subtype_dealloc).
 *
 * A class is a MoHeapTypeObject: a type object allocated on the heap, counted and
 * collected like any other object. Its instances hold a reference to it, and so do
 * its __mro__ tuple, (C, ..., object), and the descriptors in its dict (slot
 * members, __dict__, __weakref__), so a class is in cycles from birth (class ->
 * mro -> class, class -> dict -> descriptor -> class, as in CPython 3.11): it is a
 * GC object, freed by the collector once nothing outside the cycles holds it
 * (heaptype_clear breaks them). It also owns __bases__ and its best base (tp_base:
 * the base whose layout it extends). Its layout decides what an instance is:
 *
 *   plain class      header | weakref list          basicsize 24, MANAGED_DICT
 *                    + two pre-header words (values array, dict)   getsizeof 56
 *   __slots__ names  header | one pointer per name (sorted) [| weakref list]
 *                    ("__dict__" among the names adds MANAGED_DICT)
 *   on list, dict    the base's fields | weakref list, MANAGED_DICT
 *   on int           the digits, then the dict pointer (tp_dictoffset -8)
 *   on bytes, tuple  the same: the items, then the dict pointer (no weakref slot)
 *   on str           3.11's legacy 80-byte header (characters in a block of
 *                    their own) | weakref list, MANAGED_DICT; float and set
 *                    likewise after their fields
 *
 * Invariants:
 *   1. Every class has HEAPTYPE | BASETYPE | HAVE_GC; every instance is tracked
 *      once complete and holds one reference to its class, released last.
 *   2. A managed-dict instance has its values array (attributes inline, keyed by
 *      the class's shared keys) or a dict, never both; the dict exists only once
 *      someone asked for __dict__ or the shared keys could not take a name, or
 *      when object.__new__ did not make the instance (no values array then).
 *   3. The special-method slots (tp_finalize for __del__ among them) follow the
 *      class's dict and its bases' (typeslots.c, on every attribute change).
 *   4. A class handed out owns tp_base, tp_bases and tp_mro (C3); tp_mro is NULL
 *      only once heaptype_clear ran, and lookups then walk tp_base, so a cleared
 *      class still finds its attributes.
 *   5. A heap base lists its heap subclasses (borrowed); a class removes itself
 *      from its bases' lists when it dies.
 *
 * Start reading at MoType_FromNameBasesDict (building a class) and
 * instance_dealloc (the order in which an instance dies).
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
    if (_MoType_InitAttributes() < 0)
        return -1;
    return class_ready_types();
}

int MoClass_Check(MoObject *o)
{
    return Mo_IS_TYPE(o, &_MoHeapType_Type);
}

static MoHeapTypeObject *as_heaptype(MoTypeObject *t) { return (MoHeapTypeObject *)t; }

_Static_assert(sizeof(MoHeapTypeObject) <= _MO_HEAPTYPE_SIZE, "a class must fit in 3.11's heap type size");

/* ================================================================== instances */

/* ----------------------------------------------------------- making instances */

/* region class_alloc */
/* tp_alloc of every class (3.11's PyType_GenericAlloc for a heap type): zeroed
   memory, a reference to the class, then tracked. object.__new__ and the
   built-in bases' __new__ (list, str, float ...) all come here for a class; only
   object.__new__ goes on to give a managed dict its values array, as in 3.11
   (a subclass of float or list makes a real dict at its first attribute). */
static MoObject *class_alloc(MoTypeObject *t, Mo_ssize_t nitems)
{
    MoObject *self = _MoType_AllocNoTrack(t, nitems);
    if (self == NULL)
        return NULL;
    Mo_INCREF(t);   /* invariant 1: released last, in instance_dealloc */
    if (!_MoObject_GC_IS_TRACKED(self))   /* MoType_GenericAlloc may track already (3.11's does) */
        MoObject_GC_Track(self);
    return self;
}
/* endregion class_alloc */

/* The first static type on t's base chain: what its instances are underneath
   (object, or list for a subclass of list). */
static MoTypeObject *static_base(MoTypeObject *t)
{
    while (MoType_HasFeature(t, MO_TPFLAGS_HEAPTYPE))
        t = t->tp_base;
    return t;
}

/* ------------------------------------------------------------- the finalizer */

/* region instance_finalize */
/* tp_finalize of a class with __del__ (3.11's slot_tp_finalize): call it bound.
   Nobody called __del__, so nobody can receive its exception: it is printed as
   "Exception ignored in: <function ...>" and dropped. MoObject_CallFinalizer
   (finalize.c) makes sure this runs once per object. */
void _MoClass_Finalize(MoObject *self)
{
    MoObject *name = MoUnicode_InternFromString("__del__");
    MoObject *del = name != NULL ? Mo_XNewRef(_MoType_Lookup(Mo_TYPE(self), name)) : NULL;
    Mo_XDECREF(name);
    if (del == NULL) {
        MoErr_Clear();
        return;
    }
    MoObject *res = _MoObject_CallSpecial(del, self, NULL, NULL);
    if (res == NULL)
        MoErr_WriteUnraisable(del);
    Mo_XDECREF(res);
    Mo_DECREF(del);
}
/* endregion instance_finalize */

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

/* Visit the slots of every class on self's base chain that declared __slots__
   (each class's members are its own names; a base's sit before them). */
#define FOR_EACH_SLOT(self, m)                                                            \
    for (MoTypeObject *k_ = Mo_TYPE(self); MoType_HasFeature(k_, MO_TPFLAGS_HEAPTYPE); k_ = k_->tp_base) \
        for (MoMemberDef *m = as_heaptype(k_)->ht_members; m && m->name; m++)

static int instance_traverse(MoObject *self, visitproc visit, void *arg)
{
    FOR_EACH_SLOT(self, m)
        Mo_VISIT(*slot_ptr(self, m));
    if (MoType_HasFeature(Mo_TYPE(self), MO_TPFLAGS_MANAGED_DICT)) {
        int r = _MoObject_VisitInstanceAttributes(self, visit, arg);
        if (r)
            return r;
        Mo_VISIT(*_MoObject_ManagedDictPointer(self));
    } else if (Mo_TYPE(self)->tp_dictoffset != 0) {
        Mo_VISIT(*_MoObject_GetDictPtr(self));
    }
    traverseproc base_traverse = static_base(Mo_TYPE(self))->tp_traverse;
    if (base_traverse != NULL) {   /* list's items, for a subclass of list */
        int r = base_traverse(self, visit, arg);
        if (r)
            return r;
    }
    Mo_VISIT(Mo_TYPE(self));   /* the class: an instance owns a reference to it */
    return 0;
}

static void instance_clear_slots(MoObject *self)
{
    FOR_EACH_SLOT(self, m)
        Mo_CLEAR(*slot_ptr(self, m));
}

/* tp_clear: drop the attributes and what the static base can drop (never the
   class: the instance may still be deallocated, and its dealloc needs it). */
static int instance_clear(MoObject *self)
{
    instance_clear_slots(self);
    if (MoType_HasFeature(Mo_TYPE(self), MO_TPFLAGS_MANAGED_DICT)) {
        _MoObject_ClearInstanceAttributes(self);
        Mo_CLEAR(*_MoObject_ManagedDictPointer(self));
    } else if (Mo_TYPE(self)->tp_dictoffset != 0) {
        Mo_CLEAR(*_MoObject_GetDictPtr(self));
    }
    inquiry base_clear = static_base(Mo_TYPE(self))->tp_clear;
    if (base_clear != NULL)
        base_clear(self);
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
     5. free the memory, or let the static base's dealloc release its part and
        free it (a subclass of list), then release the class (the free needs the
        type to find the pre-header). */
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
    } else if (t->tp_dictoffset != 0) {
        Mo_CLEAR(*_MoObject_GetDictPtr(self));
    }
    destructor base_dealloc = static_base(t)->tp_dealloc;
    if (static_base(t) == &MoBaseObject_Type)
        t->tp_free(self);
    else
        base_dealloc(self);
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
static int class_parse_slots(const char *clsname, const char *const *slots, MoTypeObject *base, class_layout *lay)
{
    int base_has_dict = MoType_HasFeature(base, MO_TPFLAGS_MANAGED_DICT) || base->tp_dictoffset != 0;
    /* Items of a var-size base leave no fixed place for a weakref list (3.11). */
    int base_has_weakref = base->tp_weaklistoffset != 0 || base->tp_itemsize != 0;
    memset(lay, 0, sizeof *lay);
    if (slots == NULL) {
        lay->add_dict = !base_has_dict;
        lay->add_weakref = !base_has_weakref;
        return 0;
    }
    /* Items leave no room for slots: any name at all is refused (3.11 checks this
       before it looks for "__dict__" and "__weakref__"). */
    if (slots[0] != NULL && base->tp_itemsize != 0) {
        MoErr_Format(MoExc_TypeError, "nonempty __slots__ not supported for subtype of '%s'", base->tp_name);
        return -1;
    }
    /* A base's dict or weakref slot counts as one already got. */
    lay->add_dict = base_has_dict;
    lay->add_weakref = base_has_weakref;
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
    lay->add_dict &= !base_has_dict;
    lay->add_weakref &= !base_has_weakref;
    return 0;
}
/* endregion class_parse_slots */

/* region class_set_layout */
/* Offsets, as 3.11's type_new_descriptors: slots after the base's fields (16,
   the header, for object), one pointer each; then the weakref list; a dict lives in the pre-header (managed),
   and tp_dictoffset shows 3.11's "from the end" value for it. The member table
   (one block: the members, then their names) belongs to the class. */
static int class_set_layout(MoHeapTypeObject *ht, class_layout *lay, MoTypeObject *base)
{
    MoTypeObject *t = &ht->ht_type;
    Mo_ssize_t offset = base->tp_basicsize;   /* the base's fields come first */
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
    if (lay->add_dict && base->tp_itemsize != 0) {
        /* after the items: -8 counts from the end of the object (3.11) */
        t->tp_dictoffset = -(Mo_ssize_t)sizeof(MoObject *);
        offset += (Mo_ssize_t)sizeof(MoObject *);
    } else if (lay->add_dict) {
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

/* The namespace's __slots__ as a NULL-terminated array of borrowed UTF-8 names
   (a str is one name; else an iterable of str), in *out (MoMem_Free it), or
   *out NULL when there is none. *keep holds the tuple the names live in.
   0, or -1 with 3.11's TypeError. */
static int class_slot_names(MoObject *ns, const char ***out, MoObject **keep)
{
    *out = NULL;
    *keep = NULL;
    MoObject *spec = MoDict_GetItemString(ns, "__slots__");
    if (spec == NULL)
        return 0;
    MoObject *tuple = MoUnicode_Check(spec) ? MoTuple_Pack(1, spec) : MoSequence_Tuple(spec);
    if (tuple == NULL)
        return -1;
    Mo_ssize_t n = MoTuple_GET_SIZE(tuple);
    const char **names = MoMem_Malloc((size_t)(n + 1) * sizeof(char *));
    if (names == NULL) {
        Mo_DECREF(tuple);
        MoErr_NoMemory();
        return -1;
    }
    for (Mo_ssize_t i = 0; i < n; i++) {
        MoObject *item = MoTuple_GET_ITEM(tuple, i);
        if (!MoUnicode_Check(item)) {
            MoErr_Format(MoExc_TypeError, "__slots__ items must be strings, not '%s'", Mo_TYPE(item)->tp_name);
            MoMem_Free(names);
            Mo_DECREF(tuple);
            return -1;
        }
        names[i] = MoUnicode_AsUTF8(item);
    }
    names[n] = NULL;
    *out = names;
    *keep = tuple;
    return 0;
}

/* The class namespace, in 3.11's order: the given namespace (without
   __qualname__), __module__ if it had none, the slot members, the __dict__ and
   __weakref__ descriptors, __doc__ (None) if it had none, and __hash__ = None
   when it defines __eq__ but not __hash__ (as a class body does). */
static MoObject *class_make_dict(MoHeapTypeObject *ht, MoObject *ns, class_layout *lay)
{
    MoTypeObject *t = &ht->ht_type;
    MoObject *d = MoDict_Copy(ns);
    if (d == NULL)
        return NULL;
    if (MoDict_GetItemString(d, "__qualname__") != NULL && MoDict_DelItemString(d, "__qualname__") < 0)
        goto fail;
    if (MoDict_GetItemString(d, "__module__") == NULL &&
        dict_put(d, "__module__", MoUnicode_FromConstant("__main__")) < 0)
        goto fail;
    for (MoMemberDef *m = ht->ht_members; m && m->name; m++)
        if (dict_put(d, m->name, MoDescr_NewMember(t, m)) < 0)
            goto fail;
    if (lay->add_dict && dict_put(d, "__dict__", MoDescr_NewGetSet(t, &dict_getset)) < 0)
        goto fail;
    if (lay->add_weakref && dict_put(d, "__weakref__", MoDescr_NewGetSet(t, &weakref_getset)) < 0)
        goto fail;
    if (MoDict_GetItemString(d, "__doc__") == NULL && dict_put(d, "__doc__", Mo_NewRef(Mo_None)) < 0)
        goto fail;
    if (MoDict_GetItemString(d, "__eq__") != NULL && MoDict_GetItemString(d, "__hash__") == NULL &&
        dict_put(d, "__hash__", Mo_NewRef(Mo_None)) < 0)
        goto fail;
    return d;
fail:
    Mo_DECREF(d);
    return NULL;
}

/* The slots every class has: instances are made, traversed and freed by this
   file; the special methods are set from the MRO by _MoType_FixupSlots. */
static void class_set_slots(MoHeapTypeObject *ht, MoTypeObject *base)
{
    MoTypeObject *t = &ht->ht_type;
    t->tp_flags |= MO_TPFLAGS_HEAPTYPE | MO_TPFLAGS_BASETYPE | MO_TPFLAGS_HAVE_GC;
    t->tp_flags |= base->tp_flags & MO_TPFLAGS_MANAGED_DICT;
    t->tp_base = (MoTypeObject *)Mo_NewRef((MoObject *)base);   /* owned, as 3.11's type_new */
    t->tp_dealloc = instance_dealloc;
    t->tp_traverse = instance_traverse;
    t->tp_clear = instance_clear;
    t->tp_alloc = class_alloc;
    /* The tables start as the base's (list's sq_concat for a subclass of list);
       the slot table then overrides what the class's methods name. */
    if (base->tp_as_number != NULL)
        ht->as_number = *base->tp_as_number;
    if (base->tp_as_sequence != NULL)
        ht->as_sequence = *base->tp_as_sequence;
    if (base->tp_as_mapping != NULL)
        ht->as_mapping = *base->tp_as_mapping;
    t->tp_as_number = &ht->as_number;
    t->tp_as_sequence = &ht->as_sequence;
    t->tp_as_mapping = &ht->as_mapping;
}

/* ------------------------------------------------------- choosing the base */

/* 3.11's solid_base: the nearest type on t's base chain that adds fields to its
   base's layout (a weakref slot a class added does not count). */
static MoTypeObject *solid_base(MoTypeObject *t)
{
    if (t->tp_base == NULL)
        return t;
    MoTypeObject *base = solid_base(t->tp_base);
    Mo_ssize_t size = t->tp_basicsize;
    if (t->tp_itemsize != 0 || base->tp_itemsize != 0)
        return size != base->tp_basicsize || t->tp_itemsize != base->tp_itemsize ? t : base;
    if (t->tp_weaklistoffset != 0 && base->tp_weaklistoffset == 0 &&
        t->tp_weaklistoffset + (Mo_ssize_t)sizeof(MoObject *) == size && MoType_HasFeature(t, MO_TPFLAGS_HEAPTYPE))
        size -= (Mo_ssize_t)sizeof(MoObject *);
    return size != base->tp_basicsize ? t : base;
}

/* borrowed: the base whose layout the class extends (3.11's best_base), or NULL
   with TypeError: a base that is no type or cannot be subclassed, or two bases
   whose layouts conflict. */
static MoTypeObject *class_best_base(MoObject *bases)
{
    MoTypeObject *best = NULL, *winner = NULL;
    for (Mo_ssize_t i = 0; i < MoTuple_GET_SIZE(bases); i++) {
        MoObject *b = MoTuple_GET_ITEM(bases, i);
        if (!MoType_Check(b)) {
            MoErr_SetString(MoExc_TypeError, "metaclass conflict: the metaclass of a derived class must be a "
                                             "(non-strict) subclass of the metaclasses of all its bases");
            return NULL;
        }
        MoTypeObject *bt = (MoTypeObject *)b;
        if (!MoType_HasFeature(bt, MO_TPFLAGS_BASETYPE)) {
            MoErr_Format(MoExc_TypeError, "type '%s' is not an acceptable base type", bt->tp_name);
            return NULL;
        }
        if (MoType_Ready(bt) < 0)
            return NULL;
        MoTypeObject *candidate = solid_base(bt);
        if (winner == NULL || MoType_IsSubtype(candidate, winner)) {
            if (winner == NULL || candidate != winner)
                best = bt;
            winner = candidate;
        } else if (!MoType_IsSubtype(winner, candidate)) {
            MoErr_SetString(MoExc_TypeError, "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return best;
}

/* -------------------------------------------------------------- the MRO */

/* The linearisations being merged (3.11's mro_implementation): each base's MRO,
   then the list of bases; heads[i] is how far list i has been taken. */
typedef struct {
    Mo_ssize_t n;
    MoObject **lists;        /* tuples */
    Mo_ssize_t *heads;
} mro_merge;

/* 1 if t appears in the tail (past the head) of some list. */
static int mro_in_tail(mro_merge *m, MoObject *t)
{
    for (Mo_ssize_t i = 0; i < m->n; i++)
        for (Mo_ssize_t j = m->heads[i] + 1; j < MoTuple_GET_SIZE(m->lists[i]); j++)
            if (MoTuple_GET_ITEM(m->lists[i], j) == t)
                return 1;
    return 0;
}

/* 3.11's error: the heads still waiting, each named once, in list order. */
static void mro_error(mro_merge *m)
{
    MoObject *seen = MoList_New(0);
    MoObject *names = MoList_New(0);
    for (Mo_ssize_t i = 0; seen != NULL && names != NULL && i < m->n; i++) {
        if (m->heads[i] >= MoTuple_GET_SIZE(m->lists[i]))
            continue;
        MoObject *head = MoTuple_GET_ITEM(m->lists[i], m->heads[i]);
        if (MoSequence_Contains(seen, head) != 0)
            continue;
        MoObject *name = MoUnicode_FromString(((MoTypeObject *)head)->tp_name);
        if (name == NULL || MoList_Append(seen, head) < 0 || MoList_Append(names, name) < 0) {
            Mo_XDECREF(name);
            goto done;
        }
        Mo_DECREF(name);
    }
    MoObject *sep = MoUnicode_FromString(", ");
    MoObject *joined = sep != NULL ? MoUnicode_Join(sep, names) : NULL;
    if (joined != NULL)
        MoErr_Format(MoExc_TypeError, "Cannot create a consistent method resolution\norder (MRO) for bases %U",
                     joined);
    Mo_XDECREF(joined);
    Mo_XDECREF(sep);
done:
    Mo_XDECREF(seen);
    Mo_XDECREF(names);
}

/* Take the first head that is in no tail into out, and advance every list that
   starts with it; 1 done, 0 taken, -1 no good head (error set). */
static int mro_step(mro_merge *m, MoObject *out)
{
    int empty = 1;
    for (Mo_ssize_t i = 0; i < m->n; i++) {
        if (m->heads[i] >= MoTuple_GET_SIZE(m->lists[i]))
            continue;
        empty = 0;
        MoObject *candidate = MoTuple_GET_ITEM(m->lists[i], m->heads[i]);
        if (mro_in_tail(m, candidate))
            continue;
        if (MoList_Append(out, candidate) < 0)
            return -1;
        for (Mo_ssize_t j = 0; j < m->n; j++)
            if (m->heads[j] < MoTuple_GET_SIZE(m->lists[j]) && MoTuple_GET_ITEM(m->lists[j], m->heads[j]) == candidate)
                m->heads[j]++;
        return 0;
    }
    if (empty)
        return 1;
    mro_error(m);
    return -1;
}

/* new: the MRO tuple of a base (static types: their base chain). */
static MoObject *type_mro_tuple(MoTypeObject *t)
{
    if (t->tp_mro != NULL)
        return Mo_NewRef(t->tp_mro);
    MoObject *l = MoList_New(0);
    MoTypeObject *k;
    for (Mo_ssize_t i = 0; l != NULL && (k = _MoType_MroAt(t, i)) != NULL; i++)
        if (MoList_Append(l, (MoObject *)k) < 0)
            Mo_CLEAR(l);
    MoObject *res = l != NULL ? MoList_AsTuple(l) : NULL;
    Mo_XDECREF(l);
    return res;
}

/* C.__mro__ by C3 (3.11's mro()): C, then the merge of the bases' MROs and the
   bases; a duplicate base or an order that cannot be kept is a TypeError. The
   mro holds the class itself: with it, a class that nothing outside holds is
   cyclic garbage even without descriptors (heaptype_clear breaks it). */
static int class_set_mro(MoTypeObject *t)
{
    MoObject *bases = t->tp_bases;
    Mo_ssize_t nbases = MoTuple_GET_SIZE(bases);
    for (Mo_ssize_t i = 0; i < nbases; i++)
        for (Mo_ssize_t j = i + 1; j < nbases; j++)
            if (MoTuple_GET_ITEM(bases, i) == MoTuple_GET_ITEM(bases, j)) {
                MoErr_Format(MoExc_TypeError, "duplicate base class %s",
                             ((MoTypeObject *)MoTuple_GET_ITEM(bases, i))->tp_name);
                return -1;
            }
    mro_merge m = {nbases + 1, NULL, NULL};
    m.lists = MoMem_Calloc((size_t)m.n, sizeof(MoObject *));
    m.heads = MoMem_Calloc((size_t)m.n, sizeof(Mo_ssize_t));
    MoObject *out = MoList_New(0);
    int r = -1;
    if (m.lists == NULL || m.heads == NULL || out == NULL || MoList_Append(out, (MoObject *)t) < 0)
        goto done;
    for (Mo_ssize_t i = 0; i < nbases; i++)
        if ((m.lists[i] = type_mro_tuple((MoTypeObject *)MoTuple_GET_ITEM(bases, i))) == NULL)
            goto done;
    m.lists[nbases] = Mo_NewRef(bases);
    while ((r = mro_step(&m, out)) == 0)
        ;
    if (r == 1) {
        t->tp_mro = MoList_AsTuple(out);
        r = t->tp_mro != NULL ? 0 : -1;
    }
done:
    if (r < 0 && !MoErr_Occurred())
        MoErr_NoMemory();
    for (Mo_ssize_t i = 0; m.lists != NULL && i < m.n; i++)
        Mo_XDECREF(m.lists[i]);
    MoMem_Free(m.lists);
    MoMem_Free(m.heads);
    Mo_XDECREF(out);
    return r < 0 ? -1 : 0;
}

/* Tell each heap base about its new subclass (so a method assigned to the base
   later reaches the subclass's slots). */
static int class_register(MoTypeObject *t)
{
    for (Mo_ssize_t i = 0; i < MoTuple_GET_SIZE(t->tp_bases); i++)
        if (_MoType_AddSubclass((MoTypeObject *)MoTuple_GET_ITEM(t->tp_bases, i), t) < 0)
            return -1;
    return 0;
}

/* ------------------------------------------------------------- building it */

static MoObject *class_build(MoObject *name, MoObject *qualname, MoObject *bases, MoTypeObject *base, MoObject *ns,
                             class_layout *lay);

/* region class_new */
MoObject *MoType_FromNameBasesDict(MoObject *name, MoObject *bases, MoObject *ns)
{
    if (!MoUnicode_Check(name) || !MoTuple_Check(bases) || !MoDict_Check(ns)) {
        MoObject *bad = !MoUnicode_Check(name) ? name : !MoTuple_Check(bases) ? bases : ns;
        int argno = !MoUnicode_Check(name) ? 1 : !MoTuple_Check(bases) ? 2 : 3;
        const char *want = argno == 1 ? "str" : argno == 2 ? "tuple" : "dict";
        MoErr_Format(MoExc_TypeError, "type.__new__() argument %d must be %s, not %s", argno, want,
                     Mo_TYPE(bad)->tp_name);
        return NULL;
    }
    MoObject *qualname = MoDict_GetItemString(ns, "__qualname__");
    if (qualname != NULL && !MoUnicode_Check(qualname)) {
        MoErr_Format(MoExc_TypeError, "type __qualname__ must be a str, not %s", Mo_TYPE(qualname)->tp_name);
        return NULL;
    }
    if (class_ready_types() < 0)
        return NULL;
    MoObject *object_only = NULL;
    if (MoTuple_GET_SIZE(bases) == 0) {
        bases = object_only = MoTuple_Pack(1, (MoObject *)&MoBaseObject_Type);
        if (bases == NULL)
            return NULL;
    }
    MoObject *res = NULL;
    MoTypeObject *base = class_best_base(bases);
    const char **slots = NULL;
    MoObject *slots_keep = NULL;
    class_layout lay;
    if (base == NULL || class_slot_names(ns, &slots, &slots_keep) < 0 ||
        class_parse_slots(MoUnicode_AsUTF8(name), slots, base, &lay) < 0)
        goto done;
    res = class_build(name, qualname != NULL ? qualname : name, bases, base, ns, &lay);
    MoMem_Free(lay.names);
done:
    MoMem_Free(slots);
    Mo_XDECREF(slots_keep);
    Mo_XDECREF(object_only);
    return res;
}

/* new: the class laid out as lay says (3.11's type_new_impl): dict, bases and
   MRO, slots from the MRO, then registered with its heap bases and tracked. */
static MoObject *class_build(MoObject *name, MoObject *qualname, MoObject *bases, MoTypeObject *base, MoObject *ns,
                             class_layout *lay)
{
    MoHeapTypeObject *ht = (MoHeapTypeObject *)_MoType_AllocNoTrack(&_MoHeapType_Type, 0);
    if (ht == NULL)
        return NULL;
    MoTypeObject *t = &ht->ht_type;
    ht->ht_name = Mo_NewRef(name);
    ht->ht_qualname = Mo_NewRef(qualname);
    t->tp_name = MoUnicode_AsUTF8(name);
    class_set_slots(ht, base);
    if (class_set_layout(ht, lay, base) < 0)
        goto fail;
    MoObject *spec = MoDict_GetItemString(ns, "__slots__");
    ht->ht_slots = spec != NULL ? MoSequence_Tuple(spec) : NULL;   /* for __slots__ names: a tuple */
    if (spec != NULL && ht->ht_slots == NULL)
        goto fail;
    if (MoType_HasFeature(t, MO_TPFLAGS_MANAGED_DICT) && (ht->ht_cached_keys = _MoDict_NewKeysForClass()) == NULL)
        goto fail;
    t->tp_bases = Mo_NewRef(bases);
    t->tp_dict = class_make_dict(ht, ns, lay);
    if (t->tp_dict == NULL || MoType_Ready(t) < 0 || class_set_mro(t) < 0 || class_register(t) < 0)
        goto fail;
    _MoType_FixupSlots(t);
    if (!_MoObject_GC_IS_TRACKED((MoObject *)ht))   /* as in class_alloc */
        MoObject_GC_Track(ht);
    return (MoObject *)ht;
fail:
    /* Untracked, so no collection would find the cycles: break them (descriptors
       and mro hold the class) to make this the last reference. */
    heaptype_clear((MoObject *)ht);
    Mo_DECREF(ht);
    return NULL;
}

MoObject *MoClass_New(const char *name, const char *const *slots)
{
    if (name == NULL) {
        MoErr_BadInternalCall();
        return NULL;
    }
    /* What a class statement hands type(): __module__ first, then __slots__. */
    MoObject *nameobj = MoUnicode_FromString(name);
    MoObject *ns = MoDict_New();
    MoObject *bases = MoTuple_New(0);
    MoObject *res = NULL;
    if (nameobj == NULL || ns == NULL || bases == NULL ||
        dict_put(ns, "__module__", MoUnicode_FromConstant("__main__")) < 0)
        goto done;
    if (slots != NULL) {
        Mo_ssize_t n = 0;
        while (slots[n])
            n++;
        MoObject *tuple = MoTuple_New(n);
        if (tuple == NULL)
            goto done;
        for (Mo_ssize_t i = 0; i < n; i++) {
            MoObject *s = MoUnicode_FromString(slots[i]);
            if (s == NULL) {
                Mo_DECREF(tuple);
                goto done;
            }
            MoTuple_SET_ITEM(tuple, i, s);
        }
        if (dict_put(ns, "__slots__", tuple) < 0)
            goto done;
    }
    res = MoType_FromNameBasesDict(nameobj, bases, ns);
done:
    Mo_XDECREF(nameobj);
    Mo_XDECREF(ns);
    Mo_XDECREF(bases);
    return res;
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
    for (Mo_ssize_t i = 0; t->tp_bases != NULL && i < MoTuple_GET_SIZE(t->tp_bases); i++)
        _MoType_RemoveSubclass((MoTypeObject *)MoTuple_GET_ITEM(t->tp_bases, i), t);
    Mo_CLEAR(t->tp_dict);
    Mo_CLEAR(t->tp_bases);
    Mo_CLEAR(ht->ht_slots);
    Mo_CLEAR(ht->ht_qualname);
    MoMem_Free(ht->ht_subclasses);
    ht->ht_subclasses = NULL;
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
