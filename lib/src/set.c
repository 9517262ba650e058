/* set and frozenset: 3.11's open-addressed hash table (Objects/setobject.c).
 *
 * The table is an array of (key, hash) entries, 2^k long. An entry is one of:
 *   unused  key == NULL,  hash == 0   (ends a search)
 *   dummy   key == dummy, hash == -1  (a deleted key: searches go on past it)
 *   active  any other key, with its hash
 * Invariants:
 *   1. fill (active + dummy) stays below 3/5 of the table: adding the entry that
 *      makes fill*5 >= mask*3 resizes, so a search always meets an unused entry.
 *   2. The first 8-entry table lives inside the object (smalltable: 216 bytes with
 *      the GC header); bigger tables are separate allocations.
 *   3. Iteration walks the table in slot order, so the order of the elements is
 *      their slot order: the same as CPython's when hashes, sizes and probing agree.
 *
 * Probing looks at LINEAR_PROBES neighbours of a slot first (cheap, cache-friendly)
 * and then jumps as dict does: i = 5i + 1 + perturb, perturb >>= 5.
 * Start reading at set_add_entry and set_lookkey.
 */
#include <string.h>
#include "internal.h"

#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

/* The sentinel key of deleted entries: a static object never handed out. */
static MoTypeObject set_dummy_type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "<dummy key> type",
    .tp_basicsize = sizeof(MoObject),
};
static MoObject set_dummy_struct = MoObject_HEAD_INIT(&set_dummy_type);
#define dummy (&set_dummy_struct)

/* ================================================================= the table */

/* 1 if the two exact strs are equal (no code can run). */
static inline int set_unicode_eq(MoObject *a, MoObject *b)
{
    return MoUnicode_CheckExact(a) && MoUnicode_CheckExact(b) && _MoUnicode_Equal(a, b);
}

static inline Mo_hash_t set_hash_key(MoObject *key)
{
    if (MoUnicode_CheckExact(key)) {
        Mo_hash_t h = ((MoASCIIObject *)key)->hash;
        if (h != -1)
            return h;
    }
    return MoObject_Hash(key);
}

/* region set_lookkey */
/* The entry holding key, or the unused entry where a search for it ends; NULL
   with an exception when a comparison fails. A comparison can run code that
   changes the set: then the search starts over. */
static setentry *set_lookkey(MoSetObject *so, MoObject *key, Mo_hash_t hash)
{
restart:;
    size_t mask = (size_t)so->mask;
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    for (;;) {
        setentry *entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL)
                return entry;
            if (entry->hash == hash) {
                MoObject *startkey = entry->key;
                if (startkey == key || set_unicode_eq(startkey, key))
                    return entry;
                setentry *table = so->table;
                Mo_INCREF(startkey);
                int cmp = MoObject_RichCompareBool(startkey, key, MO_EQ);
                Mo_DECREF(startkey);
                if (cmp < 0)
                    return NULL;
                if (table != so->table || entry->key != startkey)
                    goto restart;
                if (cmp > 0)
                    return entry;
                mask = (size_t)so->mask;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}
/* endregion set_lookkey */

/* Put a key known to be absent into a table without dummies (resizing). */
static void set_insert_clean(setentry *table, size_t mask, MoObject *key, Mo_hash_t hash)
{
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    for (;;) {
        setentry *entry = &table[i];
        if (entry->key == NULL)
            goto found_null;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (entry->key == NULL)
                    goto found_null;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found_null:
        entry->key = key;
        entry->hash = hash;
        return;
    }
}

/* region set_table_resize */
/* Move the active entries into a table of the smallest power of two > minused
   (at least 8), dropping the dummies. 0, or -1 with MemoryError. */
static int set_table_resize(MoSetObject *so, Mo_ssize_t minused)
{
    size_t newsize = MoSet_MINSIZE;
    while (newsize <= (size_t)minused)
        newsize <<= 1;

    setentry *oldtable = so->table;
    size_t oldmask = (size_t)so->mask;
    int oldtable_is_malloced = oldtable != so->smalltable;
    setentry small_copy[MoSet_MINSIZE];
    setentry *newtable;

    if (newsize == MoSet_MINSIZE) {
        newtable = so->smalltable;
        if (newtable == oldtable) {
            if (so->fill == so->used)
                return 0;   /* no dummies to purge */
            memcpy(small_copy, oldtable, sizeof small_copy);
            oldtable = small_copy;
        }
    } else {
        newtable = MoMem_New(setentry, newsize);
        if (newtable == NULL) {
            MoErr_NoMemory();
            return -1;
        }
    }
    memset(newtable, 0, sizeof(setentry) * newsize);
    so->mask = (Mo_ssize_t)newsize - 1;
    so->table = newtable;
    so->fill = so->used;
    for (setentry *entry = oldtable; entry <= oldtable + oldmask; entry++)
        if (entry->key != NULL && entry->key != dummy)
            set_insert_clean(newtable, newsize - 1, entry->key, entry->hash);
    if (oldtable_is_malloced)
        MoMem_Free(oldtable);
    return 0;
}
/* endregion set_table_resize */

/* region set_add_entry */
/* Add key (a new reference is taken) unless an equal key is there.
   0, or -1 with an exception. */
static int set_add_entry(MoSetObject *so, MoObject *key, Mo_hash_t hash)
{
    /* Held from the start: a comparison could otherwise free it under us. */
    Mo_INCREF(key);
restart:;
    size_t mask = (size_t)so->mask;
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    setentry *freeslot = NULL;
    setentry *entry;
    for (;;) {
        entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL)
                goto found_unused_or_dummy;
            if (entry->hash == hash) {
                MoObject *startkey = entry->key;
                if (startkey == key || set_unicode_eq(startkey, key))
                    goto found_active;
                setentry *table = so->table;
                Mo_INCREF(startkey);
                int cmp = MoObject_RichCompareBool(startkey, key, MO_EQ);
                Mo_DECREF(startkey);
                if (cmp > 0)
                    goto found_active;
                if (cmp < 0) {
                    Mo_DECREF(key);
                    return -1;
                }
                if (table != so->table || entry->key != startkey)
                    goto restart;
                mask = (size_t)so->mask;
            } else if (entry->hash == -1 && freeslot == NULL) {
                freeslot = entry;   /* a dummy: reuse the first one seen */
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }

found_unused_or_dummy:
    if (freeslot != NULL) {
        so->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    so->fill++;
    so->used++;
    entry->key = key;
    entry->hash = hash;
    if ((size_t)so->fill * 5 < mask * 3)
        return 0;
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);

found_active:
    Mo_DECREF(key);
    return 0;
}
/* endregion set_add_entry */

static int set_add_key(MoSetObject *so, MoObject *key)
{
    Mo_hash_t hash = set_hash_key(key);
    if (hash == -1)
        return -1;
    return set_add_entry(so, key, hash);
}

/* 1 present, 0 absent, -1 error. */
static int set_contains_entry(MoSetObject *so, MoObject *key, Mo_hash_t hash)
{
    setentry *entry = set_lookkey(so, key, hash);
    if (entry == NULL)
        return -1;
    return entry->key != NULL;
}

static int set_contains_key(MoSetObject *so, MoObject *key)
{
    Mo_hash_t hash = set_hash_key(key);
    if (hash == -1)
        return -1;
    return set_contains_entry(so, key, hash);
}

/* 1 found and removed, 0 not there, -1 error. */
static int set_discard_entry(MoSetObject *so, MoObject *key, Mo_hash_t hash)
{
    setentry *entry = set_lookkey(so, key, hash);
    if (entry == NULL)
        return -1;
    if (entry->key == NULL)
        return 0;
    MoObject *old_key = entry->key;
    entry->key = dummy;
    entry->hash = -1;
    so->used--;
    Mo_DECREF(old_key);
    return 1;
}

static int set_discard_key(MoSetObject *so, MoObject *key)
{
    Mo_hash_t hash = set_hash_key(key);
    if (hash == -1)
        return -1;
    return set_discard_entry(so, key, hash);
}

/* The next active entry at or after *pos: 1 and *entry_ptr set, or 0 at the end. */
static int set_next(MoSetObject *so, Mo_ssize_t *pos, setentry **entry_ptr)
{
    Mo_ssize_t i = *pos;
    while (i <= so->mask && (so->table[i].key == NULL || so->table[i].key == dummy))
        i++;
    *pos = i + 1;
    if (i > so->mask)
        return 0;
    *entry_ptr = &so->table[i];
    return 1;
}

static void set_empty_to_minsize(MoSetObject *so)
{
    memset(so->smalltable, 0, sizeof so->smalltable);
    so->fill = 0;
    so->used = 0;
    so->mask = MoSet_MINSIZE - 1;
    so->table = so->smalltable;
    so->hash = -1;
}

/* Empty the set first, then release the keys from a private copy: a DECREF may
   run code that looks at (or changes) this set. */
static int set_clear_internal(MoObject *op)
{
    MoSetObject *so = (MoSetObject *)op;
    setentry *table = so->table;
    Mo_ssize_t used = so->used;
    int table_is_malloced = table != so->smalltable;
    setentry small_copy[MoSet_MINSIZE];

    if (table_is_malloced) {
        set_empty_to_minsize(so);
    } else if (so->fill > 0) {
        memcpy(small_copy, table, sizeof small_copy);
        table = small_copy;
        set_empty_to_minsize(so);
    }
    for (setentry *entry = table; used > 0; entry++) {
        if (entry->key != NULL && entry->key != dummy) {
            used--;
            Mo_DECREF(entry->key);
        }
    }
    if (table_is_malloced)
        MoMem_Free(table);
    return 0;
}

/* region set_merge */
/* so |= other for a set or frozenset other. */
static int set_merge(MoSetObject *so, MoSetObject *other)
{
    if (other == so || other->used == 0)
        return 0;
    /* One big resize first, expecting few keys in common. */
    if ((so->fill + other->used) * 5 >= so->mask * 3) {
        if (set_table_resize(so, (so->used + other->used) * 2) != 0)
            return -1;
    }
    setentry *so_entry = so->table, *other_entry = other->table;

    /* Same size, empty target, no dummies: copy slot for slot. */
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        for (Mo_ssize_t i = 0; i <= other->mask; i++, so_entry++, other_entry++) {
            if (other_entry->key != NULL) {
                so_entry->key = Mo_NewRef(other_entry->key);
                so_entry->hash = other_entry->hash;
            }
        }
        so->fill = other->fill;
        so->used = other->used;
        return 0;
    }
    /* Empty target: no key can be there yet. */
    if (so->fill == 0) {
        so->fill = other->used;
        so->used = other->used;
        for (Mo_ssize_t i = other->mask + 1; i > 0; i--, other_entry++) {
            MoObject *key = other_entry->key;
            if (key != NULL && key != dummy)
                set_insert_clean(so->table, (size_t)so->mask, Mo_NewRef(key), other_entry->hash);
        }
        return 0;
    }
    for (Mo_ssize_t i = 0; i <= other->mask; i++) {
        other_entry = &other->table[i];
        MoObject *key = other_entry->key;
        if (key != NULL && key != dummy && set_add_entry(so, key, other_entry->hash) < 0)
            return -1;
    }
    return 0;
}
/* endregion set_merge */

/* so |= iterable: sets merge table to table, dicts reuse their stored hashes. */
static int set_update_internal(MoSetObject *so, MoObject *other)
{
    if (MoAnySet_Check(other))
        return set_merge(so, (MoSetObject *)other);
    if (MoDict_CheckExact(other)) {
        Mo_ssize_t dictsize = MoDict_Size(other);
        if ((so->fill + dictsize) * 5 >= so->mask * 3) {
            if (set_table_resize(so, (so->used + dictsize) * 2) != 0)
                return -1;
        }
        Mo_ssize_t pos = 0;
        MoObject *key, *value;
        while (MoDict_Next(other, &pos, &key, &value)) {
            if (set_add_key(so, key) < 0)
                return -1;
        }
        return 0;
    }
    MoObject *it = MoObject_GetIter(other);
    if (it == NULL)
        return -1;
    MoObject *key;
    while ((key = MoIter_Next(it)) != NULL) {
        int r = set_add_key(so, key);
        Mo_DECREF(key);
        if (r < 0) {
            Mo_DECREF(it);
            return -1;
        }
    }
    Mo_DECREF(it);
    return MoErr_Occurred() ? -1 : 0;
}

/* ============================================================ construction */

static MoObject *make_new_set(MoTypeObject *type, MoObject *iterable)
{
    /* A subclass's instance comes from its tp_alloc (the class's fields, a
       reference to the class), as 3.11's make_new_set does for every type. */
    MoSetObject *so = type == &MoSet_Type || type == &MoFrozenSet_Type ? MoObject_GC_New(MoSetObject, type)
                                                                       : (MoSetObject *)type->tp_alloc(type, 0);
    if (so == NULL)
        return NULL;
    if (_MoObject_GC_IS_TRACKED((MoObject *)so))   /* tp_alloc tracks: untracked while being filled */
        MoObject_GC_UnTrack(so);
    memset(so->smalltable, 0, sizeof so->smalltable);
    so->fill = 0;
    so->used = 0;
    so->mask = MoSet_MINSIZE - 1;
    so->table = so->smalltable;
    so->hash = -1;
    so->finger = 0;
    so->weakreflist = NULL;
    MoObject_GC_Track(so);
    if (iterable != NULL && set_update_internal(so, iterable) < 0) {
        Mo_DECREF(so);
        return NULL;
    }
    return (MoObject *)so;
}

MoObject *MoSet_New(MoObject *iterable) { return make_new_set(&MoSet_Type, iterable); }

MoObject *MoFrozenSet_New(MoObject *iterable) { return make_new_set(&MoFrozenSet_Type, iterable); }

/* ================================================================ public API */

static int set_bad_call(MoObject *s, int mutable_only)
{
    if (s == NULL || (mutable_only ? !MoSet_Check(s) : !MoAnySet_Check(s))) {
        MoErr_BadInternalCall();
        return 1;
    }
    return 0;
}

int MoSet_Add(MoObject *s, MoObject *o)
{
    /* Frozensets may be filled while nobody else sees them (as PySet_Add allows). */
    if (s == NULL || !(MoSet_Check(s) || (MoFrozenSet_CheckExact(s) && Mo_REFCNT(s) == 1))) {
        MoErr_BadInternalCall();
        return -1;
    }
    return set_add_key((MoSetObject *)s, o);
}

int MoSet_Contains(MoObject *s, MoObject *o)
{
    if (set_bad_call(s, 0))
        return -1;
    return set_contains_key((MoSetObject *)s, o);
}

int MoSet_Discard(MoObject *s, MoObject *o)
{
    if (set_bad_call(s, 1))
        return -1;
    return set_discard_key((MoSetObject *)s, o);
}

Mo_ssize_t MoSet_Size(MoObject *s)
{
    if (set_bad_call(s, 0))
        return -1;
    return ((MoSetObject *)s)->used;
}

/* region set_pop */
MoObject *MoSet_Pop(MoObject *s)
{
    if (set_bad_call(s, 1))
        return NULL;
    MoSetObject *so = (MoSetObject *)s;
    if (so->used == 0) {
        MoErr_SetString(MoExc_KeyError, "pop from an empty set");
        return NULL;
    }
    /* The finger remembers where the last pop stopped, so that popping every
       element is linear rather than quadratic. */
    setentry *entry = so->table + (so->finger & so->mask);
    setentry *limit = so->table + so->mask;
    while (entry->key == NULL || entry->key == dummy) {
        entry++;
        if (entry > limit)
            entry = so->table;
    }
    MoObject *key = entry->key;
    entry->key = dummy;
    entry->hash = -1;
    so->used--;
    so->finger = entry - so->table + 1;
    return key;
}
/* endregion set_pop */

int MoSet_Clear(MoObject *s)
{
    if (set_bad_call(s, 1))
        return -1;
    return set_clear_internal(s);
}

/* ================================================================ type slots */

static void set_dealloc(MoObject *op)
{
    MoSetObject *so = (MoSetObject *)op;
    MoObject_GC_UnTrack(op);
    MO_TRASHCAN_BEGIN(op, set_dealloc)
    if (so->weakreflist != NULL)
        MoObject_ClearWeakRefs(op);
    for (setentry *entry = so->table; entry <= so->table + so->mask; entry++)
        if (entry->key != NULL && entry->key != dummy)
            Mo_DECREF(entry->key);
    if (so->table != so->smalltable)
        MoMem_Free(so->table);
    Mo_TYPE(op)->tp_free(op);
    MO_TRASHCAN_END
}

static int set_traverse(MoObject *op, visitproc visit, void *arg)
{
    MoSetObject *so = (MoSetObject *)op;
    Mo_ssize_t pos = 0;
    setentry *entry;
    while (set_next(so, &pos, &entry))
        Mo_VISIT(entry->key);
    return 0;
}

/* __sizeof__: the object, plus the separate table when there is one. */
static Mo_ssize_t set_sizeof(MoObject *op)
{
    MoSetObject *so = (MoSetObject *)op;
    Mo_ssize_t size = Mo_TYPE(op)->tp_basicsize;
    if (so->table != so->smalltable)
        size += (so->mask + 1) * (Mo_ssize_t)sizeof(setentry);
    return size;
}

static Mo_ssize_t set_len(MoObject *op) { return ((MoSetObject *)op)->used; }

/* key in s; a set key is looked up as the equal frozenset, as 3.11 does. */
static int set_contains(MoObject *op, MoObject *key)
{
    int rv = set_contains_key((MoSetObject *)op, key);
    if (rv < 0 && MoSet_Check(key) && MoErr_ExceptionMatches(MoExc_TypeError)) {
        MoErr_Clear();
        MoObject *tmpkey = make_new_set(&MoFrozenSet_Type, key);
        if (tmpkey == NULL)
            return -1;
        rv = set_contains_key((MoSetObject *)op, tmpkey);
        Mo_DECREF(tmpkey);
    }
    return rv;
}

/* region set_repr */
/* "{1, 2, 3}", "set()", "frozenset({1, 2})", "frozenset()". */
static int set_repr_items(MoSetObject *so, _MoUnicodeWriter *w)
{
    /* Snapshot the keys: repr may run code that changes the set. */
    MoObject *keys = MoSequence_List((MoObject *)so);
    if (keys == NULL)
        return -1;
    int r = 0;
    for (Mo_ssize_t i = 0; r == 0 && i < MoList_GET_SIZE(keys); i++) {
        if (i > 0)
            r = _MoUnicodeWriter_WriteASCII(w, ", ", 2);
        MoObject *s = r == 0 ? MoObject_Repr(MoList_GET_ITEM(keys, i)) : NULL;
        r = s == NULL ? -1 : _MoUnicodeWriter_WriteStr(w, s);
        Mo_XDECREF(s);
    }
    Mo_DECREF(keys);
    return r;
}

static MoObject *set_repr(MoObject *op)
{
    MoSetObject *so = (MoSetObject *)op;
    const char *name = Mo_TYPE(op)->tp_name;
    int status = Mo_ReprEnter(op);
    if (status != 0)
        return status > 0 ? MoUnicode_FromFormat("%s(...)", name) : NULL;
    if (so->used == 0) {
        Mo_ReprLeave(op);
        return MoUnicode_FromFormat("%s()", name);
    }
    if (Mo_EnterRecursiveCall(" while getting the repr of an object")) {
        Mo_ReprLeave(op);
        return NULL;
    }
    int exact_set = Mo_IS_TYPE(op, &MoSet_Type);
    _MoUnicodeWriter w;
    _MoUnicodeWriter_Init(&w);
    int r = 0;
    if (!exact_set)
        r = _MoUnicodeWriter_WriteASCII(&w, name, (Mo_ssize_t)strlen(name)) |
            _MoUnicodeWriter_WriteASCII(&w, "(", 1);
    if (r == 0)
        r = _MoUnicodeWriter_WriteASCII(&w, "{", 1);
    if (r == 0)
        r = set_repr_items(so, &w);
    if (r == 0)
        r = _MoUnicodeWriter_WriteASCII(&w, exact_set ? "}" : "})", exact_set ? 1 : 2);
    Mo_LeaveRecursiveCall();
    Mo_ReprLeave(op);
    if (r != 0) {
        _MoUnicodeWriter_Dealloc(&w);
        return NULL;
    }
    return _MoUnicodeWriter_Finish(&w);
}
/* endregion set_repr */

/* region frozenset_hash */
/* Spread a hash's bits so that xor-ing many of them does not cancel out. */
static size_t shuffle_bits(size_t h)
{
    return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL;
}

/* The hash of a frozenset: independent of the order of its elements (xor is
   commutative), computed once and cached. */
static Mo_hash_t frozenset_hash(MoObject *op)
{
    MoSetObject *so = (MoSetObject *)op;
    if (so->hash != -1)
        return so->hash;
    size_t hash = 0;
    /* Every entry, unused and dummy ones included, then their effect removed. */
    for (setentry *entry = so->table; entry <= &so->table[so->mask]; entry++)
        hash ^= shuffle_bits((size_t)entry->hash);
    if ((so->mask + 1 - so->fill) & 1)
        hash ^= shuffle_bits(0);
    if ((so->fill - so->used) & 1)
        hash ^= shuffle_bits((size_t)-1);
    hash ^= ((size_t)so->used + 1) * 1927868237UL;
    /* Disperse patterns arising in nested frozensets. */
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923UL;
    if (hash == (size_t)-1)
        hash = 590923713UL;
    so->hash = (Mo_hash_t)hash;
    return so->hash;
}
/* endregion frozenset_hash */

/* 1 if every element of so is in other (both sets), 0 if not, -1 on error. */
static int set_issubset(MoSetObject *so, MoSetObject *other)
{
    if (so->used > other->used)
        return 0;
    Mo_ssize_t pos = 0;
    setentry *entry;
    while (set_next(so, &pos, &entry)) {
        MoObject *key = Mo_NewRef(entry->key);
        int rv = set_contains_entry(other, key, entry->hash);
        Mo_DECREF(key);
        if (rv <= 0)
            return rv;
    }
    return 1;
}

static MoObject *set_richcompare(MoObject *v, MoObject *w, int op)
{
    if (!MoAnySet_Check(w))
        Mo_RETURN_NOTIMPLEMENTED;
    MoSetObject *a = (MoSetObject *)v, *b = (MoSetObject *)w;
    int r;
    switch (op) {
    case MO_EQ:
    case MO_NE:
        if (a->used != b->used)
            r = 0;
        else if (a->hash != -1 && b->hash != -1 && a->hash != b->hash)
            r = 0;
        else
            r = set_issubset(a, b);
        if (r >= 0 && op == MO_NE)
            r = !r;
        break;
    case MO_LE:
        r = set_issubset(a, b);
        break;
    case MO_GE:
        r = set_issubset(b, a);
        break;
    case MO_LT:
        r = a->used < b->used ? set_issubset(a, b) : 0;
        break;
    case MO_GT:
        r = a->used > b->used ? set_issubset(b, a) : 0;
        break;
    default:
        Mo_RETURN_NOTIMPLEMENTED;
    }
    return r < 0 ? NULL : _MoBool_From(r);
}

/* ================================================================== methods */

static MoObject *set_add_method(MoObject *self, MoObject *key)
{
    if (set_add_key((MoSetObject *)self, key) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* Discard key; a set key is looked up as the equal frozenset. 1, 0 or -1. */
static int set_discard_any(MoSetObject *so, MoObject *key)
{
    int rv = set_discard_key(so, key);
    if (rv < 0 && MoSet_Check(key) && MoErr_ExceptionMatches(MoExc_TypeError)) {
        MoErr_Clear();
        MoObject *tmpkey = make_new_set(&MoFrozenSet_Type, key);
        if (tmpkey == NULL)
            return -1;
        rv = set_discard_key(so, tmpkey);
        Mo_DECREF(tmpkey);
    }
    return rv;
}

static MoObject *set_discard_method(MoObject *self, MoObject *key)
{
    if (set_discard_any((MoSetObject *)self, key) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

static MoObject *set_remove_method(MoObject *self, MoObject *key)
{
    int rv = set_discard_any((MoSetObject *)self, key);
    if (rv < 0)
        return NULL;
    if (rv == 0) {
        _MoErr_SetKeyError(key);
        return NULL;
    }
    Mo_RETURN_NONE;
}

static MoObject *set_pop_method(MoObject *self, MoObject *unused)
{
    (void)unused;
    return MoSet_Pop(self);
}

static MoObject *set_clear_method(MoObject *self, MoObject *unused)
{
    (void)unused;
    set_clear_internal(self);
    Mo_RETURN_NONE;
}

static MoObject *set_copy_method(MoObject *self, MoObject *unused)
{
    (void)unused;
    return make_new_set(Mo_TYPE(self), self);
}

/* frozenset.copy() is the frozenset itself: it cannot change. */
static MoObject *frozenset_copy_method(MoObject *self, MoObject *unused)
{
    (void)unused;
    if (MoFrozenSet_CheckExact(self))
        return Mo_NewRef(self);
    return make_new_set(Mo_TYPE(self), self);
}

static MoObject *set_sizeof_method(MoObject *self, MoObject *unused)
{
    (void)unused;
    return MoLong_FromSsize_t(set_sizeof(self));
}

static MoObject *set_issubset_method(MoObject *self, MoObject *other)
{
    return set_richcompare(self, other, MO_LE);
}

static MoObject *set_issuperset_method(MoObject *self, MoObject *other)
{
    return set_richcompare(self, other, MO_GE);
}

static MoMethodDef set_methods[] = {
    {"add", set_add_method, MO_METH_O, "Add an element to a set."},
    {"discard", set_discard_method, MO_METH_O, "Remove an element from a set if it is a member."},
    {"remove", set_remove_method, MO_METH_O, "Remove an element from a set; it must be a member."},
    {"pop", set_pop_method, MO_METH_NOARGS, "Remove and return an arbitrary set element."},
    {"clear", set_clear_method, MO_METH_NOARGS, "Remove all elements from this set."},
    {"copy", set_copy_method, MO_METH_NOARGS, "Return a shallow copy of a set."},
    {"issubset", set_issubset_method, MO_METH_O, "Report whether another set contains this set."},
    {"issuperset", set_issuperset_method, MO_METH_O, "Report whether this set contains another set."},
    {"__sizeof__", set_sizeof_method, MO_METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {NULL, NULL, 0, NULL},
};

static MoMethodDef frozenset_methods[] = {
    {"copy", frozenset_copy_method, MO_METH_NOARGS, "Return a shallow copy of a set."},
    {"issubset", set_issubset_method, MO_METH_O, "Report whether another set contains this set."},
    {"issuperset", set_issuperset_method, MO_METH_O, "Report whether this set contains another set."},
    {"__sizeof__", set_sizeof_method, MO_METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {NULL, NULL, 0, NULL},
};

/* set(), set(iterable), frozenset(...): at most one positional argument. */
static MoObject *set_tp_new(MoTypeObject *type, MoObject *args, MoObject *kwds)
{
    MoObject *iterable = NULL;
    if (kwds != NULL && MoDict_Size(kwds) > 0) {
        MoErr_Format(MoExc_TypeError, "%s() takes no keyword arguments", type->tp_name);
        return NULL;
    }
    if (args != NULL && !MoArg_UnpackTuple(args, type->tp_name, 0, 1, &iterable))
        return NULL;
    if (type == &MoFrozenSet_Type && iterable != NULL && MoFrozenSet_CheckExact(iterable))
        return Mo_NewRef(iterable);
    return make_new_set(type, iterable);
}

static MoObject *set_iter(MoObject *op);

static MoSequenceMethods set_as_sequence = {.sq_length = set_len, .sq_contains = set_contains};

MoTypeObject MoSet_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "set",
    .tp_basicsize = sizeof(MoSetObject),
    .tp_dealloc = set_dealloc,
    .tp_repr = set_repr,
    .tp_as_sequence = &set_as_sequence,
    .tp_hash = MoObject_HashNotImplemented,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC | MO_TPFLAGS_BASETYPE,
    .tp_doc = "set() -> new empty set object\nset(iterable) -> new set object",
    .tp_traverse = set_traverse,
    .tp_clear = set_clear_internal,
    .tp_richcompare = set_richcompare,
    .tp_weaklistoffset = offsetof(MoSetObject, weakreflist),
    .tp_iter = set_iter,
    .tp_methods = set_methods,
    .tp_new = set_tp_new,
    .tp_free = MoObject_GC_Del,
    .tp_sizeof = set_sizeof,
};

MoTypeObject MoFrozenSet_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "frozenset",
    .tp_basicsize = sizeof(MoSetObject),
    .tp_dealloc = set_dealloc,
    .tp_repr = set_repr,
    .tp_as_sequence = &set_as_sequence,
    .tp_hash = frozenset_hash,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC | MO_TPFLAGS_BASETYPE,
    .tp_doc = "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object",
    .tp_traverse = set_traverse,
    .tp_clear = set_clear_internal,
    .tp_richcompare = set_richcompare,
    .tp_weaklistoffset = offsetof(MoSetObject, weakreflist),
    .tp_iter = set_iter,
    .tp_methods = frozenset_methods,
    .tp_new = set_tp_new,
    .tp_free = MoObject_GC_Del,
    .tp_sizeof = set_sizeof,
};

/* ================================================================= iterator */

typedef struct {
    MoObject_HEAD
    MoSetObject *si_set;   /* NULL once exhausted */
    Mo_ssize_t si_used;    /* the set's size when iteration began */
    Mo_ssize_t si_pos;     /* next slot to look at */
    Mo_ssize_t len;        /* elements still to come */
} setiterobject;           /* 48 bytes, 64 with the GC header, as 3.11 */

static MoObject *set_iter(MoObject *op)
{
    setiterobject *si = MoObject_GC_New(setiterobject, &MoSetIter_Type);
    if (si == NULL)
        return NULL;
    si->si_set = (MoSetObject *)Mo_NewRef(op);
    si->si_used = ((MoSetObject *)op)->used;
    si->si_pos = 0;
    si->len = si->si_used;
    MoObject_GC_Track(si);
    return (MoObject *)si;
}

static void setiter_dealloc(MoObject *op)
{
    MoObject_GC_UnTrack(op);
    Mo_XDECREF(((setiterobject *)op)->si_set);
    Mo_TYPE(op)->tp_free(op);
}

static int setiter_traverse(MoObject *op, visitproc visit, void *arg)
{
    Mo_VISIT(((setiterobject *)op)->si_set);
    return 0;
}

static MoObject *setiter_iternext(MoObject *op)
{
    setiterobject *si = (setiterobject *)op;
    MoSetObject *so = si->si_set;
    if (so == NULL)
        return NULL;
    if (si->si_used != so->used) {
        MoErr_SetString(MoExc_RuntimeError, "Set changed size during iteration");
        si->si_used = -1;   /* keep failing */
        return NULL;
    }
    Mo_ssize_t i = si->si_pos;
    setentry *entry;
    if (!set_next(so, &i, &entry)) {
        si->si_set = NULL;
        Mo_DECREF(so);
        return NULL;
    }
    si->si_pos = i;
    si->len--;
    return Mo_NewRef(entry->key);
}

static MoObject *setiter_length_hint(MoObject *self, MoObject *unused)
{
    (void)unused;
    setiterobject *si = (setiterobject *)self;
    Mo_ssize_t n = si->si_set != NULL && si->si_used == si->si_set->used ? si->len : 0;
    return MoLong_FromSsize_t(n);
}

static MoMethodDef setiter_methods[] = {
    {"__length_hint__", setiter_length_hint, MO_METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, 0, NULL},
};

MoTypeObject MoSetIter_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "set_iterator",
    .tp_basicsize = sizeof(setiterobject),
    .tp_dealloc = setiter_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC,
    .tp_traverse = setiter_traverse,
    .tp_iter = MoObject_SelfIter,
    .tp_iternext = setiter_iternext,
    .tp_methods = setiter_methods,
    .tp_free = MoObject_GC_Del,
};

/* ================================================================ lifecycle */

int _MoSet_Init(void)
{
    if (MoType_Ready(&MoSet_Type) < 0 || MoType_Ready(&MoFrozenSet_Type) < 0 || MoType_Ready(&MoSetIter_Type) < 0)
        return -1;
    return 0;
}
