/* dict: 3.11's compact, insertion-ordered hash table (Objects/dictobject.c).
 *
 * A dict object (48 bytes, 64 with its GC header) points at a keys object:
 *
 *     header (32 bytes) | dk_indices: 2^k slots of 1, 2, 4 or 8 bytes | entries
 *
 * Invariants:
 *   1. dk_indices is the hash table. A slot holds DKIX_EMPTY (-1), DKIX_DUMMY (-2:
 *      an entry was deleted, keep probing past it) or the index of an entry.
 *   2. The entries array is dense and in insertion order: a new key always goes to
 *      entries[dk_nentries]. Deleting leaves a NULL entry behind; only a resize
 *      compacts. So iterating the entries gives insertion order.
 *   3. dk_usable + dk_nentries == USABLE_FRACTION(size) (2/3 of the slots): at most
 *      2/3 full, so probing always meets an EMPTY slot.
 *   4. A "unicode" keys object holds only exact str keys and its entries drop the
 *      hash (a str caches its own): 16 bytes instead of 24. The first other key
 *      converts the table to "general".
 *   5. Every empty dict shares one static keys object (size 8, nothing usable),
 *      which is never freed and never counted by __sizeof__.
 *   6. A split table (PEP 412, the instance dicts of classes) has ma_values != NULL:
 *      its keys are the class's shared keys (kind DICT_KEYS_SPLIT: str keys only, 64
 *      slots, at most 30 entries, dk_refcnt = 1 for the class + 1 per split dict)
 *      and its values sit in a separate values array, one slot per shared entry.
 *      Bytes before the array record which slots this dict uses, in insertion
 *      order, so iterating a split dict follows that order, not the entries'. A
 *      store that the shared keys cannot take (a non-str key, no room left) or a
 *      popitem turns the dict into an ordinary combined one first.
 *
 * Start reading at dict_insert (the driver for a store) and dict_lookup; split
 * tables and the instances that use them without a dict are at the end.
 */
#include <string.h>
#include "internal.h"

/* ================================================================ keys objects */

#define DKIX_EMPTY (-1)
#define DKIX_DUMMY (-2)
#define DKIX_ERROR (-3)

#define DICT_KEYS_GENERAL 0
#define DICT_KEYS_UNICODE 1
#define DICT_KEYS_SPLIT 2

#define DICT_LOG_MINSIZE 3
#define DICT_MINSIZE 8
#define DICT_MAXFREELIST 80
#define PERTURB_SHIFT 5

/* region dict_keys_layout */
struct _modictkeysobject {
    Mo_ssize_t dk_refcnt;        /* dicts sharing this keys object */
    uint8_t dk_log2_size;        /* the hash table has 2^dk_log2_size slots */
    uint8_t dk_log2_index_bytes; /* dk_indices takes 2^this bytes */
    uint8_t dk_kind;             /* DICT_KEYS_GENERAL, _UNICODE or _SPLIT */
    uint32_t dk_version;         /* 0 once a key is added (for caches keyed on it) */
    Mo_ssize_t dk_usable;        /* entries that can still be appended */
    Mo_ssize_t dk_nentries;      /* entries used so far, deleted ones included */
    /* then: char dk_indices[1 << dk_log2_index_bytes]; then the entries */
};

typedef struct {
    Mo_hash_t me_hash;
    MoObject *me_key;
    MoObject *me_value;          /* NULL: the entry was deleted */
} MoDictKeyEntry;                /* general keys: 24 bytes */

typedef struct {
    MoObject *me_key;            /* an exact str: its hash is cached in the str */
    MoObject *me_value;
} MoDictUnicodeEntry;            /* unicode keys: 16 bytes */
/* endregion dict_keys_layout */

/* 2/3 of the table may be used: 5 of 8, 10 of 16, 21 of 32. */
#define USABLE_FRACTION(n) (((n) << 1) / 3)
/* The minimum size a table grows to when it is full (3.11's insertion_resize). */
#define GROWTH_RATE(d) ((d)->ma_used * 3)

#define DK_SIZE(dk) ((Mo_ssize_t)1 << (dk)->dk_log2_size)
#define DK_MASK(dk) (DK_SIZE(dk) - 1)
#define DK_IS_UNICODE(dk) ((dk)->dk_kind != DICT_KEYS_GENERAL)

/* Shared keys: 2^6 slots, room for 30 names (3.11's SHARED_KEYS_MAX_SIZE). */
#define SHARED_KEYS_MAX_SIZE 30
#define NEXT_LOG2_SHARED_KEYS_MAX_SIZE 6

/* region dict_values_layout */
/* A split table's values: one pointer per shared-key slot. Before values[0] sit
   prefix bytes, read backwards: [-1] the prefix's size (a multiple of 8), [-2] how
   many slots are in use, [-3 - i] the slot of the i-th value in insertion order. */
struct _modictvalues {
    MoObject *values[1];
};
/* endregion dict_values_layout */

/* The static keys object every empty dict points at: 8 EMPTY slots and no room,
   so the first insertion always allocates a real one. Its count is never touched. */
static struct {
    MoDictKeysObject hdr;
    int8_t indices[DICT_MINSIZE];
} empty_keys_struct = {
    { _MO_STATIC_REFCNT, DICT_LOG_MINSIZE, DICT_LOG_MINSIZE, DICT_KEYS_UNICODE, 1, 0, 0 },
    { -1, -1, -1, -1, -1, -1, -1, -1 },
};
#define Mo_EMPTY_KEYS (&empty_keys_struct.hdr)

static uint64_t dict_global_version = 0;
#define DICT_NEXT_VERSION() (++dict_global_version)

static inline char *keys_indices(MoDictKeysObject *dk) { return (char *)(dk + 1); }

static inline MoDictKeyEntry *keys_entries(MoDictKeysObject *dk)
{
    return (MoDictKeyEntry *)(keys_indices(dk) + ((size_t)1 << dk->dk_log2_index_bytes));
}

static inline MoDictUnicodeEntry *keys_unicode_entries(MoDictKeysObject *dk)
{
    return (MoDictUnicodeEntry *)(keys_indices(dk) + ((size_t)1 << dk->dk_log2_index_bytes));
}

static inline size_t keys_entry_size(int unicode)
{
    return unicode ? sizeof(MoDictUnicodeEntry) : sizeof(MoDictKeyEntry);
}

/* The entry's key, value and hash, whatever the kind. */
static inline MoObject **entry_key_ptr(MoDictKeysObject *dk, Mo_ssize_t ix)
{
    return DK_IS_UNICODE(dk) ? &keys_unicode_entries(dk)[ix].me_key : &keys_entries(dk)[ix].me_key;
}

static inline MoObject **entry_value_ptr(MoDictKeysObject *dk, Mo_ssize_t ix)
{
    return DK_IS_UNICODE(dk) ? &keys_unicode_entries(dk)[ix].me_value : &keys_entries(dk)[ix].me_value;
}

static inline Mo_hash_t unicode_cached_hash(MoObject *s) { return ((MoASCIIObject *)s)->hash; }

static inline Mo_hash_t entry_hash(MoDictKeysObject *dk, Mo_ssize_t ix)
{
    return DK_IS_UNICODE(dk) ? unicode_cached_hash(keys_unicode_entries(dk)[ix].me_key)
                             : keys_entries(dk)[ix].me_hash;
}

/* Slot i of the index, read with the width the table size calls for. */
static inline Mo_ssize_t keys_get_index(MoDictKeysObject *dk, size_t i)
{
    int log2 = dk->dk_log2_size;
    char *ix = keys_indices(dk);
    if (log2 < 8)
        return ((int8_t *)ix)[i];
    if (log2 < 16)
        return ((int16_t *)ix)[i];
    if (log2 >= 32)
        return ((int64_t *)ix)[i];
    return ((int32_t *)ix)[i];
}

static inline void keys_set_index(MoDictKeysObject *dk, size_t i, Mo_ssize_t v)
{
    int log2 = dk->dk_log2_size;
    char *ix = keys_indices(dk);
    if (log2 < 8)
        ((int8_t *)ix)[i] = (int8_t)v;
    else if (log2 < 16)
        ((int16_t *)ix)[i] = (int16_t)v;
    else if (log2 >= 32)
        ((int64_t *)ix)[i] = (int64_t)v;
    else
        ((int32_t *)ix)[i] = (int32_t)v;
}

/* Bytes a keys object of this shape occupies (what __sizeof__ adds). */
static size_t keys_size(MoDictKeysObject *dk)
{
    return sizeof(MoDictKeysObject) + ((size_t)1 << dk->dk_log2_index_bytes) +
           (size_t)USABLE_FRACTION(DK_SIZE(dk)) * keys_entry_size(DK_IS_UNICODE(dk));
}

/* 3.11's calculate_log2_keysize, quirk included: any minsize from 1 to 7 gives 16
   slots (so {'a': 1} then d[1] = 1 is 352 bytes, not 224). */
static uint8_t keys_log2_for(Mo_ssize_t minsize)
{
    size_t m = (((size_t)minsize | DICT_MINSIZE) - 1) | (DICT_MINSIZE - 1);
    uint8_t bits = 0;
    while (m) {
        bits++;
        m >>= 1;
    }
    return bits;
}

/* The size for n items with room to spare (3.11's estimate_log2_keysize). */
static uint8_t keys_log2_estimate(Mo_ssize_t n) { return keys_log2_for((n * 3 + 1) / 2); }

/* 3.11 keeps up to 80 freed minimum-size unicode keys objects for reuse. */
static MoDictKeysObject *keys_free_list[DICT_MAXFREELIST];
static int keys_numfree = 0;

/* A fresh keys object with every slot EMPTY; NULL with MemoryError. */
static MoDictKeysObject *keys_new(uint8_t log2_size, int unicode)
{
    uint8_t log2_bytes;
    if (log2_size < 8)
        log2_bytes = log2_size;
    else if (log2_size < 16)
        log2_bytes = log2_size + 1;
    else if (log2_size >= 32)
        log2_bytes = log2_size + 3;
    else
        log2_bytes = log2_size + 2;

    Mo_ssize_t usable = USABLE_FRACTION((Mo_ssize_t)1 << log2_size);
    size_t entry_size = keys_entry_size(unicode);
    MoDictKeysObject *dk;
    if (log2_size == DICT_LOG_MINSIZE && unicode && keys_numfree > 0) {
        dk = keys_free_list[--keys_numfree];
    } else {
        dk = MoMem_Malloc(sizeof(MoDictKeysObject) + ((size_t)1 << log2_bytes) + entry_size * (size_t)usable);
        if (dk == NULL) {
            MoErr_NoMemory();
            return NULL;
        }
    }
    dk->dk_refcnt = 1;
    dk->dk_log2_size = log2_size;
    dk->dk_log2_index_bytes = log2_bytes;
    dk->dk_kind = unicode ? DICT_KEYS_UNICODE : DICT_KEYS_GENERAL;
    dk->dk_version = 0;
    dk->dk_usable = usable;
    dk->dk_nentries = 0;
    memset(keys_indices(dk), 0xff, (size_t)1 << log2_bytes);
    memset(keys_entries(dk), 0, entry_size * (size_t)usable);
    return dk;
}

/* Give back a keys object's memory (its entries already moved or released). */
static void keys_free_memory(MoDictKeysObject *dk)
{
    if (dk == Mo_EMPTY_KEYS)
        return;
    if (dk->dk_log2_size == DICT_LOG_MINSIZE && dk->dk_kind == DICT_KEYS_UNICODE &&
        keys_numfree < DICT_MAXFREELIST) {
        keys_free_list[keys_numfree++] = dk;
        return;
    }
    MoMem_Free(dk);
}

/* Drop one owner; the last one releases every key and value and the memory. */
static void keys_decref(MoDictKeysObject *dk)
{
    if (dk == Mo_EMPTY_KEYS)
        return;
    if (--dk->dk_refcnt > 0)
        return;
    Mo_ssize_t n = dk->dk_nentries;
    for (Mo_ssize_t i = 0; i < n; i++) {
        Mo_XDECREF(*entry_key_ptr(dk, i));
        Mo_XDECREF(*entry_value_ptr(dk, i));
    }
    keys_free_memory(dk);
}

/* ================================================================ values arrays */

/* How many values a split table over dk can hold: the shared entries so far plus
   the room left (3.11's shared_keys_usable_size). */
static inline Mo_ssize_t shared_keys_capacity(MoDictKeysObject *dk) { return dk->dk_nentries + dk->dk_usable; }

static inline uint8_t *values_prefix(MoDictValues *v) { return (uint8_t *)v; }
static inline Mo_ssize_t values_count(MoDictValues *v) { return values_prefix(v)[-2]; }
/* The slot of the i-th value in insertion order. */
static inline Mo_ssize_t values_order(MoDictValues *v, Mo_ssize_t i) { return values_prefix(v)[-3 - i]; }

/* region dict_values_new */
/* An empty values array of size slots (all NULL), allocated with MoMem_Malloc as
   3.11's new_values: the prefix is size + 2 bytes rounded up to 8. NULL with
   MemoryError. */
static MoDictValues *values_new(Mo_ssize_t size)
{
    size_t prefix = ((size_t)size + 2 + 7) & ~(size_t)7;
    uint8_t *mem = MoMem_Malloc(prefix + (size_t)size * sizeof(MoObject *));
    if (mem == NULL) {
        MoErr_NoMemory();
        return NULL;
    }
    memset(mem, 0, prefix + (size_t)size * sizeof(MoObject *));
    mem[prefix - 1] = (uint8_t)prefix;
    return (MoDictValues *)(mem + prefix);
}
/* endregion dict_values_new */

static void values_free(MoDictValues *v)
{
    MoMem_Free(values_prefix(v) - values_prefix(v)[-1]);
}

/* Release the first n values (a split table's dk_nentries) and free the array. */
static void values_release(MoDictValues *v, Mo_ssize_t n)
{
    for (Mo_ssize_t i = 0; i < n; i++)
        Mo_XDECREF(v->values[i]);
    values_free(v);
}

/* Slot ix now holds a value: it goes last in the insertion order. */
static void values_add_to_order(MoDictValues *v, Mo_ssize_t ix)
{
    uint8_t *count = values_prefix(v) - 2;
    (*count)++;
    count[-*count] = (uint8_t)ix;
}

/* Slot ix was emptied: close the gap it leaves in the insertion order. */
static void values_delete_from_order(MoDictValues *v, Mo_ssize_t ix)
{
    uint8_t *count = values_prefix(v) - 2;
    int n = *count, i = 1;
    while (i <= n && count[-i] != ix)
        i++;
    for (; i < n; i++)
        count[-i] = count[-i - 1];
    *count = (uint8_t)(n - 1);
}

/* ====================================================================== lookup */

/* The hash of a key, using the cached hash of a str. -1 with an exception. */
static inline Mo_hash_t dict_hash_key(MoObject *key)
{
    if (MoUnicode_CheckExact(key)) {
        Mo_hash_t h = unicode_cached_hash(key);
        if (h != -1)
            return h;
    }
    return MoObject_Hash(key);
}

/* 1 if the str a equals the str b (both exact str). */
static inline int unicode_eq(MoObject *a, MoObject *b) { return _MoUnicode_Equal(a, b); }

/* region dict_lookup */
/* Find key in mp: the entry index, DKIX_EMPTY when absent or DKIX_ERROR when a
   comparison failed. *value_addr gets the value (borrowed) or NULL: NULL with an
   index >= 0 when a split table's shared keys know the key but this dict has no
   value for it.
   Probing visits i, then i = 5i + 1 + perturb (mod size) with perturb shifted
   right 5 bits each step, so every bit of the hash takes part and every slot is
   eventually reached. A comparison may run code that changes the dict: then the
   search starts over. */
static Mo_ssize_t dict_lookup(MoDictObject *mp, MoObject *key, Mo_hash_t hash, MoObject **value_addr)
{
restart:;
    MoDictKeysObject *dk = mp->ma_keys;
    size_t mask = (size_t)DK_MASK(dk);
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    int key_is_str = MoUnicode_CheckExact(key);
    for (;;) {
        Mo_ssize_t ix = keys_get_index(dk, i);
        if (ix == DKIX_EMPTY) {
            *value_addr = NULL;
            return DKIX_EMPTY;
        }
        if (ix >= 0) {
            MoObject *startkey = *entry_key_ptr(dk, ix);
            if (startkey == key)
                goto found;
            if (entry_hash(dk, ix) == hash) {
                if (key_is_str && MoUnicode_CheckExact(startkey)) {
                    if (unicode_eq(startkey, key))
                        goto found;
                } else {
                    Mo_INCREF(startkey);
                    int cmp = MoObject_RichCompareBool(startkey, key, MO_EQ);
                    Mo_DECREF(startkey);
                    if (cmp < 0) {
                        *value_addr = NULL;
                        return DKIX_ERROR;
                    }
                    if (dk != mp->ma_keys || *entry_key_ptr(dk, ix) != startkey)
                        goto restart;
                    if (cmp > 0)
                        goto found;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
        continue;
    found:
        *value_addr = mp->ma_values != NULL ? mp->ma_values->values[ix] : *entry_value_ptr(dk, ix);
        return ix;
    }
}
/* endregion dict_lookup */

/* Where entry ix's value lives: the values array of a split table, else the entry. */
static inline MoObject **dict_value_ptr(MoDictObject *mp, Mo_ssize_t ix)
{
    return mp->ma_values != NULL ? &mp->ma_values->values[ix] : entry_value_ptr(mp->ma_keys, ix);
}

/* region dict_next_index */
/* The entry index of the item at iteration position *pos (advanced past it), or
   -1 at the end. A combined table walks its entries, skipping deleted ones; a
   split table walks its values' insertion order. */
static Mo_ssize_t dict_next_index(MoDictObject *mp, Mo_ssize_t *pos)
{
    Mo_ssize_t i = *pos;
    if (i < 0)
        return -1;
    if (mp->ma_values != NULL) {
        if (i >= mp->ma_used)
            return -1;
        *pos = i + 1;
        return values_order(mp->ma_values, i);
    }
    MoDictKeysObject *dk = mp->ma_keys;
    while (i < dk->dk_nentries && *entry_value_ptr(dk, i) == NULL)
        i++;
    if (i >= dk->dk_nentries)
        return -1;
    *pos = i + 1;
    return i;
}
/* endregion dict_next_index */

/* The index slot that holds entry ix (which must be there). */
static size_t keys_slot_of(MoDictKeysObject *dk, Mo_hash_t hash, Mo_ssize_t ix)
{
    size_t mask = (size_t)DK_MASK(dk);
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    while (keys_get_index(dk, i) != ix) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* The first EMPTY or DUMMY slot on hash's probe sequence. */
static size_t keys_find_empty_slot(MoDictKeysObject *dk, Mo_hash_t hash)
{
    size_t mask = (size_t)DK_MASK(dk);
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    while (keys_get_index(dk, i) >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* ========================================================= insertion and resize */

/* Rebuild the index of a freshly filled keys object (its entries are compact). */
static void keys_build_indices(MoDictKeysObject *dk)
{
    for (Mo_ssize_t ix = 0; ix < dk->dk_nentries; ix++)
        keys_set_index(dk, keys_find_empty_slot(dk, entry_hash(dk, ix)), ix);
}

/* region dict_resize */
/* Move mp's items into a new keys object of 2^log2_newsize slots, dropping the
   deleted entries; a split table becomes combined (its keys stay shared, so each
   gets a new reference; the values array is freed). unicode: keep the compact
   str-only layout if the old table had it. 0, or -1 with MemoryError (mp
   unchanged). */
static int dict_resize(MoDictObject *mp, uint8_t log2_newsize, int unicode)
{
    MoDictKeysObject *oldkeys = mp->ma_keys;
    MoDictValues *oldvalues = mp->ma_values;
    if (!DK_IS_UNICODE(oldkeys))
        unicode = 0;
    MoDictKeysObject *newkeys = keys_new(log2_newsize, unicode);
    if (newkeys == NULL)
        return -1;
    Mo_ssize_t pos = 0, i, j = 0;
    while ((i = dict_next_index(mp, &pos)) >= 0) {
        MoObject *value = *dict_value_ptr(mp, i);
        MoObject *key = *entry_key_ptr(oldkeys, i);
        if (oldvalues != NULL)
            Mo_INCREF(key);
        if (unicode) {
            keys_unicode_entries(newkeys)[j].me_key = key;
            keys_unicode_entries(newkeys)[j].me_value = value;
        } else {
            MoDictKeyEntry *ep = &keys_entries(newkeys)[j];
            ep->me_hash = entry_hash(oldkeys, i);
            ep->me_key = key;
            ep->me_value = value;
        }
        j++;
    }
    newkeys->dk_nentries = j;
    newkeys->dk_usable -= j;
    keys_build_indices(newkeys);
    mp->ma_keys = newkeys;
    mp->ma_values = NULL;
    if (oldvalues != NULL) {
        values_free(oldvalues);
        keys_decref(oldkeys);        /* the class and other dicts still share them */
    } else {
        keys_free_memory(oldkeys);   /* the items moved: free the memory only */
    }
    return 0;
}
/* endregion dict_resize */

static int dict_insertion_resize(MoDictObject *mp, int unicode)
{
    return dict_resize(mp, keys_log2_for(GROWTH_RATE(mp)), unicode);
}

/* 3.11's MAINTAIN_TRACKING: a dict starts untracked and is tracked as soon as it
   holds something that could be part of a cycle. */
static inline void dict_maintain_tracking(MoDictObject *mp, MoObject *key, MoObject *value)
{
    if (!_MoObject_GC_IS_TRACKED((MoObject *)mp) &&
        (_MoObject_GC_MAY_BE_TRACKED(key) || _MoObject_GC_MAY_BE_TRACKED(value)))
        MoObject_GC_Track(mp);
}

/* region dict_insert */
/* Store key -> value, stealing both references (released on failure too).
   0, or -1 with an exception (a failed comparison, MemoryError). */
static int dict_insert(MoDictObject *mp, MoObject *key, Mo_hash_t hash, MoObject *value)
{
    MoObject *old_value;
    if (DK_IS_UNICODE(mp->ma_keys) && !MoUnicode_CheckExact(key)) {
        if (dict_insertion_resize(mp, 0) < 0)
            goto fail;
    }
    Mo_ssize_t ix = dict_lookup(mp, key, hash, &old_value);
    if (ix == DKIX_ERROR)
        goto fail;
    dict_maintain_tracking(mp, key, value);

    if (ix == DKIX_EMPTY) {
        /* A new key: append an entry and point a free slot at it. The table may
           be full, or (when a comparison emptied the dict) the shared empty keys,
           whose kind is unicode. */
        int key_is_str = MoUnicode_CheckExact(key);
        if (mp->ma_keys->dk_usable <= 0 || (DK_IS_UNICODE(mp->ma_keys) && !key_is_str)) {
            if (dict_insertion_resize(mp, key_is_str) < 0)
                goto fail;
        }
        MoDictKeysObject *dk = mp->ma_keys;
        dk->dk_version = 0;
        size_t slot = keys_find_empty_slot(dk, hash);
        keys_set_index(dk, slot, dk->dk_nentries);
        if (mp->ma_values != NULL) {
            /* Split: the key joins the shared keys (every instance sees the new
               slot), the value goes into this dict's own array. */
            keys_unicode_entries(dk)[dk->dk_nentries].me_key = key;
            mp->ma_values->values[dk->dk_nentries] = value;
            values_add_to_order(mp->ma_values, dk->dk_nentries);
        } else if (DK_IS_UNICODE(dk)) {
            MoDictUnicodeEntry *ep = &keys_unicode_entries(dk)[dk->dk_nentries];
            ep->me_key = key;
            ep->me_value = value;
        } else {
            MoDictKeyEntry *ep = &keys_entries(dk)[dk->dk_nentries];
            ep->me_hash = hash;
            ep->me_key = key;
            ep->me_value = value;
        }
        mp->ma_used++;
        mp->ma_version_tag = DICT_NEXT_VERSION();
        dk->dk_usable--;
        dk->dk_nentries++;
        return 0;
    }

    /* An existing key keeps its place (and its original key object). In a split
       table the key may be shared but have no value here yet. */
    if (old_value != value) {
        *dict_value_ptr(mp, ix) = value;
        if (old_value == NULL) {
            values_add_to_order(mp->ma_values, ix);
            mp->ma_used++;
        }
        mp->ma_version_tag = DICT_NEXT_VERSION();
        Mo_XDECREF(old_value);   /* may run code: the dict is consistent already */
    } else {
        Mo_DECREF(value);
    }
    Mo_DECREF(key);
    return 0;

fail:
    Mo_DECREF(value);
    Mo_DECREF(key);
    return -1;
}
/* endregion dict_insert */

/* ==================================================================== deletion */

/* Remove entry ix found at hash; releases the key and value (last, as the DECREFs
   may run code). A split table only empties its value slot: the key stays shared. */
static void dict_delete_entry(MoDictObject *mp, Mo_hash_t hash, Mo_ssize_t ix)
{
    if (mp->ma_values != NULL) {
        MoObject *old_value = mp->ma_values->values[ix];
        mp->ma_values->values[ix] = NULL;
        values_delete_from_order(mp->ma_values, ix);
        mp->ma_used--;
        mp->ma_version_tag = DICT_NEXT_VERSION();
        Mo_DECREF(old_value);
        return;
    }
    MoDictKeysObject *dk = mp->ma_keys;
    keys_set_index(dk, keys_slot_of(dk, hash, ix), DKIX_DUMMY);
    MoObject **kp = entry_key_ptr(dk, ix), **vp = entry_value_ptr(dk, ix);
    MoObject *old_key = *kp, *old_value = *vp;
    *kp = NULL;
    *vp = NULL;
    mp->ma_used--;
    mp->ma_version_tag = DICT_NEXT_VERSION();
    Mo_DECREF(old_key);
    Mo_DECREF(old_value);
}

/* ================================================================== public API */

static MoDictObject *dict_free_list[DICT_MAXFREELIST];
static int dict_numfree = 0;

/* An empty dict's fields: the shared empty keys, no values. */
static MoObject *dict_set_empty(MoDictObject *mp)
{
    mp->ma_keys = Mo_EMPTY_KEYS;
    mp->ma_values = NULL;
    mp->ma_used = 0;
    mp->ma_version_tag = DICT_NEXT_VERSION();
    return (MoObject *)mp;
}

/* region dict_new */
MoObject *MoDict_New(void)
{
    MoDictObject *mp;
    if (dict_numfree > 0) {
        mp = dict_free_list[--dict_numfree];
        _Mo_NewReference((MoObject *)mp);
    } else {
        mp = MoObject_GC_New(MoDictObject, &MoDict_Type);
        if (mp == NULL)
            return NULL;
    }
    return dict_set_empty(mp);   /* untracked until something trackable goes in */
}
/* endregion dict_new */

static int dict_bad_call(MoObject *d)
{
    if (d == NULL || !MoDict_Check(d)) {
        MoErr_BadInternalCall();
        return 1;
    }
    return 0;
}

int MoDict_SetItem(MoObject *d, MoObject *key, MoObject *value)
{
    if (dict_bad_call(d))
        return -1;
    Mo_hash_t hash = dict_hash_key(key);
    if (hash == -1)
        return -1;
    return dict_insert((MoDictObject *)d, Mo_NewRef(key), hash, Mo_NewRef(value));
}

MoObject *MoDict_GetItemWithError(MoObject *d, MoObject *key)
{
    if (dict_bad_call(d))
        return NULL;
    Mo_hash_t hash = dict_hash_key(key);
    if (hash == -1)
        return NULL;
    MoObject *value;
    dict_lookup((MoDictObject *)d, key, hash, &value);
    return value;
}

MoObject *MoDict_GetItem(MoObject *d, MoObject *key)
{
    if (d == NULL || !MoDict_Check(d))
        return NULL;
    /* Errors are swallowed, and an exception already pending is kept. */
    MoObject *saved = MoErr_GetRaisedException();
    MoObject *value = MoDict_GetItemWithError(d, key);
    if (value == NULL)
        MoErr_Clear();
    MoErr_SetRaisedException(saved);
    return value;
}

int MoDict_DelItem(MoObject *d, MoObject *key)
{
    if (dict_bad_call(d))
        return -1;
    Mo_hash_t hash = dict_hash_key(key);
    if (hash == -1)
        return -1;
    MoObject *value;
    Mo_ssize_t ix = dict_lookup((MoDictObject *)d, key, hash, &value);
    if (ix == DKIX_ERROR)
        return -1;
    if (ix == DKIX_EMPTY || value == NULL) {
        MoErr_SetObject(MoExc_KeyError, key);
        return -1;
    }
    dict_delete_entry((MoDictObject *)d, hash, ix);
    return 0;
}

int MoDict_SetItemString(MoObject *d, const char *k, MoObject *v)
{
    MoObject *key = MoUnicode_InternFromString(k);
    if (key == NULL)
        return -1;
    int r = MoDict_SetItem(d, key, v);
    Mo_DECREF(key);
    return r;
}

MoObject *MoDict_GetItemString(MoObject *d, const char *k)
{
    MoObject *key = MoUnicode_FromString(k);
    if (key == NULL) {
        MoErr_Clear();
        return NULL;
    }
    MoObject *v = MoDict_GetItem(d, key);
    Mo_DECREF(key);
    return v;
}

int MoDict_DelItemString(MoObject *d, const char *k)
{
    MoObject *key = MoUnicode_FromString(k);
    if (key == NULL)
        return -1;
    int r = MoDict_DelItem(d, key);
    Mo_DECREF(key);
    return r;
}

Mo_ssize_t MoDict_Size(MoObject *d)
{
    if (dict_bad_call(d))
        return -1;
    return ((MoDictObject *)d)->ma_used;
}

int MoDict_Next(MoObject *d, Mo_ssize_t *pos, MoObject **k, MoObject **v)
{
    if (d == NULL || !MoDict_Check(d))
        return 0;
    MoDictObject *mp = (MoDictObject *)d;
    Mo_ssize_t i = dict_next_index(mp, pos);
    if (i < 0)
        return 0;
    if (k)
        *k = *entry_key_ptr(mp->ma_keys, i);
    if (v)
        *v = *dict_value_ptr(mp, i);
    return 1;
}

/* Like MoDict_Next, also giving the stored hash. */
static int dict_next_with_hash(MoDictObject *mp, Mo_ssize_t *pos, MoObject **k, MoObject **v, Mo_hash_t *h)
{
    Mo_ssize_t i = dict_next_index(mp, pos);
    if (i < 0)
        return 0;
    *k = *entry_key_ptr(mp->ma_keys, i);
    *v = *dict_value_ptr(mp, i);
    *h = entry_hash(mp->ma_keys, i);
    return 1;
}

int MoDict_Contains(MoObject *d, MoObject *key)
{
    if (dict_bad_call(d))
        return -1;
    Mo_hash_t hash = dict_hash_key(key);
    if (hash == -1)
        return -1;
    MoObject *value;
    Mo_ssize_t ix = dict_lookup((MoDictObject *)d, key, hash, &value);
    if (ix == DKIX_ERROR)
        return -1;
    return ix != DKIX_EMPTY && value != NULL;
}

void MoDict_Clear(MoObject *d)
{
    if (d == NULL || !MoDict_Check(d))
        return;
    MoDictObject *mp = (MoDictObject *)d;
    MoDictKeysObject *oldkeys = mp->ma_keys;
    MoDictValues *oldvalues = mp->ma_values;
    if (oldkeys == Mo_EMPTY_KEYS)
        return;
    /* Empty the dict first, then release the items: a DECREF may run code that
       looks at this dict, and it must find it empty, not half-freed. */
    mp->ma_keys = Mo_EMPTY_KEYS;
    mp->ma_values = NULL;
    mp->ma_used = 0;
    mp->ma_version_tag = DICT_NEXT_VERSION();
    if (oldvalues != NULL)
        values_release(oldvalues, oldkeys->dk_nentries);
    keys_decref(oldkeys);
}

/* A compact copy of a dict's keys object (every item gets a new reference). */
static MoDictKeysObject *keys_clone(MoDictKeysObject *orig)
{
    size_t size = keys_size(orig);
    MoDictKeysObject *dk = MoMem_Malloc(size);
    if (dk == NULL) {
        MoErr_NoMemory();
        return NULL;
    }
    memcpy(dk, orig, size);
    for (Mo_ssize_t i = 0; i < dk->dk_nentries; i++) {
        if (*entry_value_ptr(dk, i) != NULL) {
            Mo_INCREF(*entry_value_ptr(dk, i));
            Mo_INCREF(*entry_key_ptr(dk, i));
        }
    }
    dk->dk_refcnt = 1;
    return dk;
}

/* region dict_merge */
/* a.update(b) for a dict b: override 1 replaces existing values, 0 keeps them.
   0, or -1 with an exception. */
static int dict_merge_dict(MoDictObject *mp, MoDictObject *other, int override)
{
    if (other == mp || other->ma_used == 0)
        return 0;
    if (mp->ma_used == 0) {
        override = 1;
        MoDictKeysObject *okeys = other->ma_keys;
        /* A clean table (no deletions) is copied as a block, as 3.11 does. */
        if (other->ma_values == NULL && other->ma_used == okeys->dk_nentries &&
            (okeys->dk_log2_size == DICT_LOG_MINSIZE || USABLE_FRACTION(DK_SIZE(okeys) / 2) < other->ma_used)) {
            MoDictKeysObject *keys = keys_clone(okeys);
            if (keys == NULL)
                return -1;
            MoDictKeysObject *old = mp->ma_keys;
            mp->ma_keys = keys;
            mp->ma_used = other->ma_used;
            mp->ma_version_tag = DICT_NEXT_VERSION();
            keys_decref(old);
            if (_MoObject_GC_IS_TRACKED((MoObject *)other) && !_MoObject_GC_IS_TRACKED((MoObject *)mp))
                MoObject_GC_Track(mp);
            return 0;
        }
    }
    /* One big resize first, rather than growing step by step. */
    if (USABLE_FRACTION(DK_SIZE(mp->ma_keys)) < other->ma_used) {
        if (dict_resize(mp, keys_log2_estimate(mp->ma_used + other->ma_used), DK_IS_UNICODE(other->ma_keys)) < 0)
            return -1;
    }
    Mo_ssize_t orig_size = other->ma_used, pos = 0;
    MoObject *key, *value;
    Mo_hash_t hash;
    while (dict_next_with_hash(other, &pos, &key, &value, &hash)) {
        Mo_INCREF(key);
        Mo_INCREF(value);
        int err = 0;
        if (override) {
            err = dict_insert(mp, key, hash, value);
        } else {
            MoObject *existing;
            Mo_ssize_t ix = dict_lookup(mp, key, hash, &existing);
            if (ix == DKIX_ERROR) {
                Mo_DECREF(key);
                Mo_DECREF(value);
                return -1;
            }
            if (ix == DKIX_EMPTY || existing == NULL)
                err = dict_insert(mp, key, hash, value);
            else {
                Mo_DECREF(key);
                Mo_DECREF(value);
            }
        }
        if (err < 0)
            return -1;
        if (other->ma_used != orig_size) {
            MoErr_SetString(MoExc_RuntimeError, "dict mutated during update");
            return -1;
        }
    }
    return 0;
}
/* endregion dict_merge */

/* a.update(m) for a mapping m that is not a dict: m.keys() and m[key]. */
static int dict_merge_mapping(MoDictObject *mp, MoObject *other)
{
    MoObject *keys = MoObject_CallMethod(other, "keys", NULL);
    if (keys == NULL)
        return -1;
    MoObject *it = MoObject_GetIter(keys);
    Mo_DECREF(keys);
    if (it == NULL)
        return -1;
    MoObject *key;
    while ((key = MoIter_Next(it)) != NULL) {
        MoObject *value = MoObject_GetItem(other, key);
        int r = value == NULL ? -1 : MoDict_SetItem((MoObject *)mp, key, value);
        Mo_XDECREF(value);
        Mo_DECREF(key);
        if (r < 0) {
            Mo_DECREF(it);
            return -1;
        }
    }
    Mo_DECREF(it);
    return MoErr_Occurred() ? -1 : 0;
}

/* a.update(seq) for an iterable of pairs, with 3.11's messages. */
static int dict_merge_pairs(MoDictObject *mp, MoObject *seq)
{
    MoObject *it = MoObject_GetIter(seq);
    if (it == NULL)
        return -1;
    MoObject *item;
    Mo_ssize_t i = 0;
    int r = 0;
    for (; r == 0 && (item = MoIter_Next(it)) != NULL; i++) {
        MoObject *fast = MoSequence_Tuple(item);
        if (fast == NULL) {
            if (MoErr_ExceptionMatches(MoExc_TypeError)) {
                MoErr_Clear();
                MoErr_Format(MoExc_TypeError, "cannot convert dictionary update sequence element #%zd to a sequence", i);
            }
            r = -1;
        } else if (MoTuple_GET_SIZE(fast) != 2) {
            MoErr_Format(MoExc_ValueError, "dictionary update sequence element #%zd has length %zd; 2 is required",
                         i, MoTuple_GET_SIZE(fast));
            r = -1;
        } else {
            r = MoDict_SetItem((MoObject *)mp, MoTuple_GET_ITEM(fast, 0), MoTuple_GET_ITEM(fast, 1));
        }
        Mo_XDECREF(fast);
        Mo_DECREF(item);
    }
    Mo_DECREF(it);
    if (r == 0 && MoErr_Occurred())
        r = -1;
    return r;
}

int MoDict_Update(MoObject *d, MoObject *other)
{
    if (dict_bad_call(d) || other == NULL) {
        if (other == NULL)
            MoErr_BadInternalCall();
        return -1;
    }
    if (MoDict_Check(other))
        return dict_merge_dict((MoDictObject *)d, (MoDictObject *)other, 1);
    return dict_merge_mapping((MoDictObject *)d, other);
}

/* A copy of a split table is split too: the same shared keys, a copy of the
   values array (insertion order included), as 3.11. */
static MoObject *dict_copy_split(MoDictObject *mp)
{
    Mo_ssize_t size = shared_keys_capacity(mp->ma_keys);
    MoDictValues *values = values_new(size);
    if (values == NULL)
        return NULL;
    MoDictObject *copy = (MoDictObject *)MoDict_New();
    if (copy == NULL) {
        values_free(values);
        return NULL;
    }
    size_t prefix = values_prefix(values)[-1];
    memcpy(values_prefix(values) - prefix, values_prefix(mp->ma_values) - prefix, prefix - 1);
    for (Mo_ssize_t i = 0; i < size; i++)
        values->values[i] = Mo_XNewRef(mp->ma_values->values[i]);
    mp->ma_keys->dk_refcnt++;
    copy->ma_keys = mp->ma_keys;
    copy->ma_values = values;
    copy->ma_used = mp->ma_used;
    if (_MoObject_GC_IS_TRACKED((MoObject *)mp))
        MoObject_GC_Track(copy);
    return (MoObject *)copy;
}

MoObject *MoDict_Copy(MoObject *o)
{
    if (dict_bad_call(o))
        return NULL;
    MoDictObject *mp = (MoDictObject *)o;
    if (mp->ma_used == 0)
        return MoDict_New();
    if (mp->ma_values != NULL)
        return dict_copy_split(mp);
    if (mp->ma_used >= (mp->ma_keys->dk_nentries * 2) / 3) {
        /* Few deletions: copy the table as it is. */
        MoDictKeysObject *keys = keys_clone(mp->ma_keys);
        if (keys == NULL)
            return NULL;
        MoDictObject *copy = (MoDictObject *)MoDict_New();
        if (copy == NULL) {
            keys_decref(keys);
            return NULL;
        }
        copy->ma_keys = keys;
        copy->ma_used = mp->ma_used;
        if (_MoObject_GC_IS_TRACKED(o))
            MoObject_GC_Track(copy);
        return (MoObject *)copy;
    }
    MoObject *copy = MoDict_New();
    if (copy == NULL)
        return NULL;
    if (dict_merge_dict((MoDictObject *)copy, mp, 1) < 0) {
        Mo_DECREF(copy);
        return NULL;
    }
    return copy;
}

/* A new list of the keys (0), values (1) or (key, value) tuples (2). */
static MoObject *dict_to_list(MoObject *d, int what)
{
    if (dict_bad_call(d))
        return NULL;
    MoObject *list = MoList_New(0);
    if (list == NULL)
        return NULL;
    Mo_ssize_t pos = 0;
    MoObject *k, *v;
    while (MoDict_Next(d, &pos, &k, &v)) {
        MoObject *item = what == 0 ? Mo_NewRef(k) : what == 1 ? Mo_NewRef(v) : MoTuple_Pack(2, k, v);
        if (item == NULL || MoList_Append(list, item) < 0) {
            Mo_XDECREF(item);
            Mo_DECREF(list);
            return NULL;
        }
        Mo_DECREF(item);
    }
    return list;
}

MoObject *MoDict_Keys(MoObject *d) { return dict_to_list(d, 0); }
MoObject *MoDict_Values(MoObject *d) { return dict_to_list(d, 1); }
MoObject *MoDict_Items(MoObject *d) { return dict_to_list(d, 2); }

MoObject *MoDict_SetDefault(MoObject *d, MoObject *key, MoObject *deflt)
{
    if (dict_bad_call(d))
        return NULL;
    Mo_hash_t hash = dict_hash_key(key);
    if (hash == -1)
        return NULL;
    MoObject *value;
    Mo_ssize_t ix = dict_lookup((MoDictObject *)d, key, hash, &value);
    if (ix == DKIX_ERROR)
        return NULL;
    if (ix != DKIX_EMPTY && value != NULL)
        return Mo_NewRef(value);
    if (dict_insert((MoDictObject *)d, Mo_NewRef(key), hash, Mo_NewRef(deflt)) < 0)
        return NULL;
    return Mo_NewRef(deflt);
}

void _MoDict_MaybeUntrack(MoObject *d)
{
    if (d == NULL || !MoDict_CheckExact(d) || !_MoObject_GC_IS_TRACKED(d))
        return;
    MoDictObject *mp = (MoDictObject *)d;
    MoDictKeysObject *dk = mp->ma_keys;
    for (Mo_ssize_t i = 0; i < dk->dk_nentries; i++) {
        MoObject *value = *dict_value_ptr(mp, i);
        if (value == NULL)
            continue;
        if (_MoObject_GC_MAY_BE_TRACKED(value))
            return;
        if (!DK_IS_UNICODE(dk) && _MoObject_GC_MAY_BE_TRACKED(*entry_key_ptr(dk, i)))
            return;
    }
    MoObject_GC_UnTrack(d);
}

/* ================================================================== type slots */

static void dict_dealloc(MoObject *op)
{
    MoDictObject *mp = (MoDictObject *)op;
    MoObject_GC_UnTrack(op);
    MO_TRASHCAN_BEGIN(op, dict_dealloc)
    MoDictKeysObject *keys = mp->ma_keys;
    MoDictValues *values = mp->ma_values;
    mp->ma_keys = NULL;
    mp->ma_values = NULL;
    if (values != NULL)
        values_release(values, keys->dk_nentries);
    if (keys != NULL)
        keys_decref(keys);
    if (dict_numfree < DICT_MAXFREELIST && MoDict_CheckExact(op))
        dict_free_list[dict_numfree++] = mp;
    else
        Mo_TYPE(op)->tp_free(op);
    MO_TRASHCAN_END
}

static int dict_traverse(MoObject *op, visitproc visit, void *arg)
{
    MoDictObject *mp = (MoDictObject *)op;
    MoDictKeysObject *dk = mp->ma_keys;
    for (Mo_ssize_t i = 0; i < dk->dk_nentries; i++) {
        MoObject *value = *dict_value_ptr(mp, i);
        if (value == NULL)
            continue;
        if (!DK_IS_UNICODE(dk))
            Mo_VISIT(*entry_key_ptr(dk, i));   /* str keys cannot be in a cycle */
        Mo_VISIT(value);
    }
    return 0;
}

static int dict_tp_clear(MoObject *op)
{
    MoDict_Clear(op);
    return 0;
}

/* region dict_sizeof */
/* __sizeof__: the object, plus a split table's values array counted as one pointer
   per slot the shared keys can hold *now* (which shrinks as the class makes more
   instances: facts 1.9), plus its keys object when it is the only owner. */
static Mo_ssize_t dict_sizeof(MoObject *op)
{
    MoDictObject *mp = (MoDictObject *)op;
    Mo_ssize_t size = Mo_TYPE(op)->tp_basicsize;
    if (mp->ma_values != NULL)
        size += shared_keys_capacity(mp->ma_keys) * (Mo_ssize_t)sizeof(MoObject *);
    if (mp->ma_keys->dk_refcnt == 1)
        size += (Mo_ssize_t)keys_size(mp->ma_keys);
    return size;
}
/* endregion dict_sizeof */

/* Write repr(o) to the writer; -1 on error. */
static int writer_write_repr(_MoUnicodeWriter *w, MoObject *o)
{
    MoObject *s = MoObject_Repr(o);
    if (s == NULL)
        return -1;
    int r = _MoUnicodeWriter_WriteStr(w, s);
    Mo_DECREF(s);
    return r;
}

/* region dict_repr */
static int dict_repr_items(MoObject *op, _MoUnicodeWriter *w)
{
    Mo_ssize_t pos = 0;
    MoObject *key, *value;
    int first = 1;
    if (_MoUnicodeWriter_WriteASCII(w, "{", 1) < 0)
        return -1;
    while (MoDict_Next(op, &pos, &key, &value)) {
        /* Hold both: repr may run code that removes them from the dict. */
        Mo_INCREF(key);
        Mo_INCREF(value);
        int r = (first || _MoUnicodeWriter_WriteASCII(w, ", ", 2) == 0) && writer_write_repr(w, key) == 0 &&
                _MoUnicodeWriter_WriteASCII(w, ": ", 2) == 0 && writer_write_repr(w, value) == 0;
        Mo_DECREF(key);
        Mo_DECREF(value);
        if (!r)
            return -1;
        first = 0;
    }
    return _MoUnicodeWriter_WriteASCII(w, "}", 1);
}

static MoObject *dict_repr(MoObject *op)
{
    int status = Mo_ReprEnter(op);
    if (status != 0)
        return status > 0 ? MoUnicode_FromString("{...}") : NULL;
    if (((MoDictObject *)op)->ma_used == 0) {
        Mo_ReprLeave(op);
        return MoUnicode_FromString("{}");
    }
    if (Mo_EnterRecursiveCall(" while getting the repr of an object")) {
        Mo_ReprLeave(op);
        return NULL;
    }
    _MoUnicodeWriter w;
    _MoUnicodeWriter_Init(&w);
    int r = dict_repr_items(op, &w);
    Mo_LeaveRecursiveCall();
    Mo_ReprLeave(op);
    if (r < 0) {
        _MoUnicodeWriter_Dealloc(&w);
        return NULL;
    }
    return _MoUnicodeWriter_Finish(&w);
}
/* endregion dict_repr */

/* 1 if a == b item by item, 0 if not, -1 on error. */
static int dict_equal(MoDictObject *a, MoDictObject *b)
{
    if (a->ma_used != b->ma_used)
        return 0;
    Mo_ssize_t pos = 0, i;
    while ((i = dict_next_index(a, &pos)) >= 0) {
        MoDictKeysObject *dk = a->ma_keys;
        MoObject *aval = *dict_value_ptr(a, i);
        MoObject *key = *entry_key_ptr(dk, i);
        Mo_hash_t hash = entry_hash(dk, i);
        Mo_INCREF(aval);
        Mo_INCREF(key);
        MoObject *bval;
        Mo_ssize_t ix = dict_lookup(b, key, hash, &bval);
        int cmp;
        if (ix == DKIX_ERROR)
            cmp = -1;
        else if (bval == NULL)
            cmp = 0;
        else {
            Mo_INCREF(bval);
            cmp = MoObject_RichCompareBool(aval, bval, MO_EQ);
            Mo_DECREF(bval);
        }
        Mo_DECREF(key);
        Mo_DECREF(aval);
        if (cmp <= 0)
            return cmp;
    }
    return 1;
}

static MoObject *dict_richcompare(MoObject *v, MoObject *w, int op)
{
    if (!MoDict_Check(v) || !MoDict_Check(w) || (op != MO_EQ && op != MO_NE))
        Mo_RETURN_NOTIMPLEMENTED;
    int cmp = dict_equal((MoDictObject *)v, (MoDictObject *)w);
    if (cmp < 0)
        return NULL;
    return _MoBool_From(op == MO_EQ ? cmp : !cmp);
}

static Mo_ssize_t dict_length(MoObject *op) { return ((MoDictObject *)op)->ma_used; }

static MoObject *dict_subscript(MoObject *op, MoObject *key)
{
    MoObject *value = MoDict_GetItemWithError(op, key);
    if (value == NULL) {
        if (!MoErr_Occurred())
            MoErr_SetObject(MoExc_KeyError, key);
        return NULL;
    }
    return Mo_NewRef(value);
}

static int dict_ass_subscript(MoObject *op, MoObject *key, MoObject *value)
{
    return value == NULL ? MoDict_DelItem(op, key) : MoDict_SetItem(op, key, value);
}

static int dict_contains(MoObject *op, MoObject *key) { return MoDict_Contains(op, key); }

/* ===================================================================== methods */

static MoObject *dict_get(MoObject *self, MoObject *args)
{
    MoObject *key, *deflt = Mo_None;
    if (!MoArg_UnpackTuple(args, "get", 1, 2, &key, &deflt))
        return NULL;
    MoObject *value = MoDict_GetItemWithError(self, key);
    if (value == NULL && MoErr_Occurred())
        return NULL;
    return Mo_NewRef(value != NULL ? value : deflt);
}

static MoObject *dict_setdefault_method(MoObject *self, MoObject *args)
{
    MoObject *key, *deflt = Mo_None;
    if (!MoArg_UnpackTuple(args, "setdefault", 1, 2, &key, &deflt))
        return NULL;
    return MoDict_SetDefault(self, key, deflt);
}

static MoObject *dict_pop(MoObject *self, MoObject *args)
{
    MoObject *key, *deflt = NULL;
    if (!MoArg_UnpackTuple(args, "pop", 1, 2, &key, &deflt))
        return NULL;
    Mo_hash_t hash = dict_hash_key(key);
    if (hash == -1)
        return NULL;
    MoObject *value;
    Mo_ssize_t ix = dict_lookup((MoDictObject *)self, key, hash, &value);
    if (ix == DKIX_ERROR)
        return NULL;
    if (ix == DKIX_EMPTY || value == NULL) {
        if (deflt != NULL)
            return Mo_NewRef(deflt);
        MoErr_SetObject(MoExc_KeyError, key);
        return NULL;
    }
    Mo_INCREF(value);
    dict_delete_entry((MoDictObject *)self, hash, ix);
    return value;
}

static MoObject *dict_popitem(MoObject *self, MoObject *unused)
{
    (void)unused;
    MoDictObject *mp = (MoDictObject *)self;
    if (mp->ma_used == 0) {
        MoErr_SetString(MoExc_KeyError, "popitem(): dictionary is empty");
        return NULL;
    }
    /* A split table has no "last entry" of its own: make it combined first. */
    if (mp->ma_values != NULL && dict_resize(mp, mp->ma_keys->dk_log2_size, 1) < 0)
        return NULL;
    MoDictKeysObject *dk = mp->ma_keys;
    Mo_ssize_t i = dk->dk_nentries - 1;
    while (*entry_value_ptr(dk, i) == NULL)
        i--;
    MoObject *key = *entry_key_ptr(dk, i), *value = *entry_value_ptr(dk, i);
    MoObject *pair = MoTuple_Pack(2, key, value);
    if (pair == NULL)
        return NULL;
    dict_delete_entry(mp, entry_hash(dk, i), i);
    dk->dk_nentries = i;   /* the last entry is free again (dk_usable stays: a DUMMY remains) */
    return pair;
}

static MoObject *dict_update_method(MoObject *self, MoObject *args)
{
    MoObject *other = NULL;
    if (!MoArg_UnpackTuple(args, "update", 0, 1, &other))
        return NULL;
    int r = 0;
    if (other == NULL)
        r = 0;
    else if (MoDict_Check(other))
        r = dict_merge_dict((MoDictObject *)self, (MoDictObject *)other, 1);
    else if (MoObject_HasAttrString(other, "keys"))
        r = dict_merge_mapping((MoDictObject *)self, other);
    else
        r = dict_merge_pairs((MoDictObject *)self, other);
    if (r < 0)
        return NULL;
    Mo_RETURN_NONE;
}

static MoObject *dict_clear_method(MoObject *self, MoObject *unused)
{
    (void)unused;
    MoDict_Clear(self);
    Mo_RETURN_NONE;
}

static MoObject *dict_copy_method(MoObject *self, MoObject *unused)
{
    (void)unused;
    return MoDict_Copy(self);
}

static MoObject *dictview_new(MoObject *dict, MoTypeObject *type);

static MoObject *dict_keys_method(MoObject *self, MoObject *unused)
{
    (void)unused;
    return dictview_new(self, &MoDictKeys_Type);
}

static MoObject *dict_values_method(MoObject *self, MoObject *unused)
{
    (void)unused;
    return dictview_new(self, &MoDictValues_Type);
}

static MoObject *dict_items_method(MoObject *self, MoObject *unused)
{
    (void)unused;
    return dictview_new(self, &MoDictItems_Type);
}

static MoObject *dict_sizeof_method(MoObject *self, MoObject *unused)
{
    (void)unused;
    return MoLong_FromSsize_t(dict_sizeof(self));
}

static MoMethodDef dict_methods[] = {
    {"get", dict_get, MO_METH_VARARGS, "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", dict_setdefault_method, MO_METH_VARARGS, "Insert key with a value of default if key is not in the dictionary."},
    {"pop", dict_pop, MO_METH_VARARGS, "D.pop(k[,d]) -> v, remove specified key and return the corresponding value."},
    {"popitem", dict_popitem, MO_METH_NOARGS, "Remove and return a (key, value) pair as a 2-tuple."},
    {"keys", dict_keys_method, MO_METH_NOARGS, "D.keys() -> a set-like object providing a view on D's keys"},
    {"values", dict_values_method, MO_METH_NOARGS, "D.values() -> an object providing a view on D's values"},
    {"items", dict_items_method, MO_METH_NOARGS, "D.items() -> a set-like object providing a view on D's items"},
    {"update", dict_update_method, MO_METH_VARARGS, "D.update([E]) -> None.  Update D from dict/iterable E."},
    {"clear", dict_clear_method, MO_METH_NOARGS, "D.clear() -> None.  Remove all items from D."},
    {"copy", dict_copy_method, MO_METH_NOARGS, "D.copy() -> a shallow copy of D"},
    {"__sizeof__", dict_sizeof_method, MO_METH_NOARGS, "D.__sizeof__() -> size of D in memory, in bytes"},
    {NULL, NULL, 0, NULL},
};

/* An empty instance of a subclass of dict (a class's tp_alloc gives zeroed,
   tracked memory). */
static MoObject *dict_new_subtype(MoTypeObject *type)
{
    MoDictObject *mp = (MoDictObject *)type->tp_alloc(type, 0);
    return mp != NULL ? dict_set_empty(mp) : NULL;
}

/* dict(), dict(mapping) or dict(iterable of pairs). */
static MoObject *dict_tp_new(MoTypeObject *type, MoObject *args, MoObject *kwds)
{
    MoObject *d = type == &MoDict_Type ? MoDict_New() : dict_new_subtype(type);
    if (d == NULL)
        return NULL;
    if (args != NULL && MoTuple_GET_SIZE(args) > 0) {
        MoObject *r = dict_update_method(d, args);
        if (r == NULL) {
            Mo_DECREF(d);
            return NULL;
        }
        Mo_DECREF(r);
    }
    if (kwds != NULL && dict_merge_dict((MoDictObject *)d, (MoDictObject *)kwds, 1) < 0) {
        Mo_DECREF(d);
        return NULL;
    }
    return d;
}

static MoObject *dict_iter(MoObject *op);

static MoMappingMethods dict_as_mapping = {dict_length, dict_subscript, dict_ass_subscript};
static MoSequenceMethods dict_as_sequence = {.sq_contains = dict_contains};

MoTypeObject MoDict_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0),
    .tp_name = "dict",
    .tp_basicsize = sizeof(MoDictObject),
    .tp_dealloc = dict_dealloc,
    .tp_repr = dict_repr,
    .tp_as_sequence = &dict_as_sequence,
    .tp_as_mapping = &dict_as_mapping,
    .tp_hash = MoObject_HashNotImplemented,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC | MO_TPFLAGS_BASETYPE | MO_TPFLAGS_DICT_SUBCLASS |
                MO_TPFLAGS_MAPPING,
    .tp_doc = "dict() -> new empty dictionary",
    .tp_traverse = dict_traverse,
    .tp_clear = dict_tp_clear,
    .tp_richcompare = dict_richcompare,
    .tp_iter = dict_iter,
    .tp_methods = dict_methods,
    .tp_new = dict_tp_new,
    .tp_free = MoObject_GC_Del,
    .tp_sizeof = dict_sizeof,
};

/* =================================================================== iterators */

/* region dict_iterator */
typedef struct {
    MoObject_HEAD
    MoDictObject *di_dict;   /* NULL once exhausted */
    Mo_ssize_t di_used;      /* ma_used when the iterator was made: a change is an error */
    Mo_ssize_t di_pos;       /* next entry to look at */
    MoObject *di_result;     /* 3.11 reuses a result tuple here; always NULL in ours */
    Mo_ssize_t len;          /* items still to come */
} dictiterobject;
/* endregion dict_iterator */

static MoObject *dictiter_new(MoDictObject *dict, MoTypeObject *type)
{
    dictiterobject *di = MoObject_GC_New(dictiterobject, type);
    if (di == NULL)
        return NULL;
    di->di_dict = (MoDictObject *)Mo_NewRef(dict);
    di->di_used = dict->ma_used;
    di->di_pos = 0;
    di->di_result = NULL;
    di->len = dict->ma_used;
    MoObject_GC_Track(di);
    return (MoObject *)di;
}

static MoObject *dict_iter(MoObject *op) { return dictiter_new((MoDictObject *)op, &MoDictIterKey_Type); }

static void dictiter_dealloc(MoObject *op)
{
    dictiterobject *di = (dictiterobject *)op;
    MoObject_GC_UnTrack(op);
    Mo_XDECREF(di->di_dict);
    Mo_XDECREF(di->di_result);
    Mo_TYPE(op)->tp_free(op);
}

static int dictiter_traverse(MoObject *op, visitproc visit, void *arg)
{
    Mo_VISIT(((dictiterobject *)op)->di_dict);
    Mo_VISIT(((dictiterobject *)op)->di_result);
    return 0;
}

/* Advance to the next live entry: its index, or -1 at the end or on error (the
   iterator then lets go of the dict). */
static Mo_ssize_t dictiter_advance(dictiterobject *di)
{
    MoDictObject *d = di->di_dict;
    if (d == NULL)
        return -1;
    if (di->di_used != d->ma_used) {
        MoErr_SetString(MoExc_RuntimeError, "dictionary changed size during iteration");
        di->di_used = -1;   /* keep failing */
        return -1;
    }
    Mo_ssize_t pos = di->di_pos;
    Mo_ssize_t i = dict_next_index(d, &pos);
    if (i < 0)
        goto done;
    if (di->len == 0) {
        MoErr_SetString(MoExc_RuntimeError, "dictionary keys changed during iteration");
        goto done;
    }
    di->di_pos = pos;
    di->len--;
    return i;
done:
    di->di_dict = NULL;
    Mo_DECREF(d);
    return -1;
}

static MoObject *dictiter_nextkey(MoObject *op)
{
    dictiterobject *di = (dictiterobject *)op;
    Mo_ssize_t i = dictiter_advance(di);
    return i < 0 ? NULL : Mo_NewRef(*entry_key_ptr(di->di_dict->ma_keys, i));
}

static MoObject *dictiter_nextvalue(MoObject *op)
{
    dictiterobject *di = (dictiterobject *)op;
    Mo_ssize_t i = dictiter_advance(di);
    return i < 0 ? NULL : Mo_NewRef(*dict_value_ptr(di->di_dict, i));
}

static MoObject *dictiter_nextitem(MoObject *op)
{
    dictiterobject *di = (dictiterobject *)op;
    Mo_ssize_t i = dictiter_advance(di);
    if (i < 0)
        return NULL;
    MoDictObject *d = di->di_dict;
    return MoTuple_Pack(2, *entry_key_ptr(d->ma_keys, i), *dict_value_ptr(d, i));
}

static MoObject *dictiter_length_hint(MoObject *self, MoObject *unused)
{
    (void)unused;
    dictiterobject *di = (dictiterobject *)self;
    Mo_ssize_t n = di->di_dict != NULL && di->di_used == di->di_dict->ma_used ? di->len : 0;
    return MoLong_FromSsize_t(n);
}

static MoMethodDef dictiter_methods[] = {
    {"__length_hint__", dictiter_length_hint, MO_METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, 0, NULL},
};

#define DICTITER_TYPE(cname, name, next)                                     \
    MoTypeObject cname = {                                                   \
        .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0),                              \
        .tp_name = name,                                                     \
        .tp_basicsize = sizeof(dictiterobject),                              \
        .tp_dealloc = dictiter_dealloc,                                      \
        .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC,                 \
        .tp_traverse = dictiter_traverse,                                    \
        .tp_iter = MoObject_SelfIter,                                        \
        .tp_iternext = next,                                                 \
        .tp_methods = dictiter_methods,                                      \
        .tp_free = MoObject_GC_Del,                                          \
    }

DICTITER_TYPE(MoDictIterKey_Type, "dict_keyiterator", dictiter_nextkey);
DICTITER_TYPE(MoDictIterValue_Type, "dict_valueiterator", dictiter_nextvalue);
DICTITER_TYPE(MoDictIterItem_Type, "dict_itemiterator", dictiter_nextitem);

/* ======================================================================= views */

typedef struct {
    MoObject_HEAD
    MoDictObject *dv_dict;
} dictviewobject;   /* 24 bytes, 40 with the GC header, as 3.11 */

static MoObject *dictview_new(MoObject *dict, MoTypeObject *type)
{
    dictviewobject *dv = MoObject_GC_New(dictviewobject, type);
    if (dv == NULL)
        return NULL;
    dv->dv_dict = (MoDictObject *)Mo_NewRef(dict);
    MoObject_GC_Track(dv);
    return (MoObject *)dv;
}

static void dictview_dealloc(MoObject *op)
{
    MoObject_GC_UnTrack(op);
    Mo_XDECREF(((dictviewobject *)op)->dv_dict);
    Mo_TYPE(op)->tp_free(op);
}

static int dictview_traverse(MoObject *op, visitproc visit, void *arg)
{
    Mo_VISIT(((dictviewobject *)op)->dv_dict);
    return 0;
}

static Mo_ssize_t dictview_len(MoObject *op) { return ((dictviewobject *)op)->dv_dict->ma_used; }

/* The iterator type that walks what a view shows. */
static MoTypeObject *dictview_iter_type(MoObject *op)
{
    if (Mo_IS_TYPE(op, &MoDictKeys_Type))
        return &MoDictIterKey_Type;
    if (Mo_IS_TYPE(op, &MoDictValues_Type))
        return &MoDictIterValue_Type;
    return &MoDictIterItem_Type;
}

static MoObject *dictview_iter(MoObject *op)
{
    return dictiter_new(((dictviewobject *)op)->dv_dict, dictview_iter_type(op));
}

/* "dict_keys(['a', 'b'])" */
static MoObject *dictview_repr(MoObject *op)
{
    int status = Mo_ReprEnter(op);
    if (status != 0)
        return status > 0 ? MoUnicode_FromString("...") : NULL;
    MoObject *list = dict_to_list((MoObject *)((dictviewobject *)op)->dv_dict,
                                  Mo_IS_TYPE(op, &MoDictKeys_Type) ? 0 : Mo_IS_TYPE(op, &MoDictValues_Type) ? 1 : 2);
    MoObject *result = list == NULL ? NULL : MoUnicode_FromFormat("%s(%R)", Mo_TYPE(op)->tp_name, list);
    Mo_XDECREF(list);
    Mo_ReprLeave(op);
    return result;
}

static int dictkeys_contains(MoObject *op, MoObject *key)
{
    return MoDict_Contains((MoObject *)((dictviewobject *)op)->dv_dict, key);
}

/* (k, v) in d.items(): k is a key whose value equals v. */
static int dictitems_contains(MoObject *op, MoObject *item)
{
    if (!MoTuple_Check(item) || MoTuple_GET_SIZE(item) != 2)
        return 0;
    MoObject *found = MoDict_GetItemWithError((MoObject *)((dictviewobject *)op)->dv_dict, MoTuple_GET_ITEM(item, 0));
    if (found == NULL)
        return MoErr_Occurred() ? -1 : 0;
    Mo_INCREF(found);
    int r = MoObject_RichCompareBool(found, MoTuple_GET_ITEM(item, 1), MO_EQ);
    Mo_DECREF(found);
    return r;
}

static MoSequenceMethods dictkeys_as_sequence = {.sq_length = dictview_len, .sq_contains = dictkeys_contains};
static MoSequenceMethods dictvalues_as_sequence = {.sq_length = dictview_len};
static MoSequenceMethods dictitems_as_sequence = {.sq_length = dictview_len, .sq_contains = dictitems_contains};

#define DICTVIEW_TYPE(cname, name, seq)                                      \
    MoTypeObject cname = {                                                   \
        .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0),                              \
        .tp_name = name,                                                     \
        .tp_basicsize = sizeof(dictviewobject),                              \
        .tp_dealloc = dictview_dealloc,                                      \
        .tp_repr = dictview_repr,                                            \
        .tp_as_sequence = seq,                                               \
        .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC,                 \
        .tp_traverse = dictview_traverse,                                    \
        .tp_iter = dictview_iter,                                            \
        .tp_free = MoObject_GC_Del,                                          \
    }

DICTVIEW_TYPE(MoDictKeys_Type, "dict_keys", &dictkeys_as_sequence);
DICTVIEW_TYPE(MoDictValues_Type, "dict_values", &dictvalues_as_sequence);
DICTVIEW_TYPE(MoDictItems_Type, "dict_items", &dictitems_as_sequence);

/* ============================================== shared keys and instance values */

/* The keys a class's instances share: see class.h for where instances keep their
   values array, and invariant 6 above for the split dicts made from it. */
static inline MoDictKeysObject *class_cached_keys(MoTypeObject *t)
{
    return ((MoHeapTypeObject *)t)->ht_cached_keys;
}

MoDictKeysObject *_MoDict_NewKeysForClass(void)
{
    MoDictKeysObject *dk = keys_new(NEXT_LOG2_SHARED_KEYS_MAX_SIZE, 1);
    if (dk == NULL)
        return NULL;
    /* One more than can be used: every new instance takes one away first. */
    dk->dk_usable = SHARED_KEYS_MAX_SIZE;
    dk->dk_kind = DICT_KEYS_SPLIT;
    return dk;
}

void _MoDictKeys_DecRef(MoDictKeysObject *dk)
{
    keys_decref(dk);
}

Mo_ssize_t _MoDict_KeysSize(MoDictKeysObject *dk)
{
    return (Mo_ssize_t)keys_size(dk);
}

/* Find the exact str key among dk's unicode entries: its index or DKIX_EMPTY.
   Comparing strs runs no code, so this cannot fail. */
static Mo_ssize_t keys_lookup_str(MoDictKeysObject *dk, MoObject *key, Mo_hash_t hash)
{
    size_t mask = (size_t)DK_MASK(dk);
    size_t perturb = (size_t)hash;
    for (size_t i = (size_t)hash & mask;; i = (i * 5 + (perturb >>= PERTURB_SHIFT) + 1) & mask) {
        Mo_ssize_t ix = keys_get_index(dk, i);
        if (ix == DKIX_EMPTY)
            return DKIX_EMPTY;
        if (ix >= 0) {
            MoObject *k = keys_unicode_entries(dk)[ix].me_key;
            if (k == key || (unicode_cached_hash(k) == hash && unicode_eq(k, key)))
                return ix;
        }
    }
}

static Mo_hash_t str_hash(MoObject *s)
{
    Mo_hash_t h = unicode_cached_hash(s);
    return h != -1 ? h : MoObject_Hash(s);
}

/* region dict_shared_keys_insert */
/* The shared slot for the str name, adding it to the class's keys if there is
   room; DKIX_EMPTY when the keys are full (the instance must get a real dict). */
static Mo_ssize_t shared_keys_insert(MoDictKeysObject *dk, MoObject *name)
{
    Mo_hash_t hash = str_hash(name);
    Mo_ssize_t ix = keys_lookup_str(dk, name, hash);
    if (ix != DKIX_EMPTY)
        return ix;
    if (dk->dk_usable <= 0)
        return DKIX_EMPTY;
    dk->dk_version = 0;
    ix = dk->dk_nentries;
    keys_set_index(dk, keys_find_empty_slot(dk, hash), ix);
    keys_unicode_entries(dk)[ix].me_key = Mo_NewRef(name);
    dk->dk_usable--;
    dk->dk_nentries++;
    return ix;
}
/* endregion dict_shared_keys_insert */

/* region dict_init_inline_values */
int _MoObject_InitInlineValues(MoObject *obj, MoTypeObject *t)
{
    MoDictKeysObject *dk = class_cached_keys(t);
    /* 3.11 shrinks the room left in the shared keys by one per new instance (down
       to 1), so that a class whose instances stop gaining attributes stops paying
       for slots nobody uses. This is why getsizeof(o.__dict__) depends on how many
       instances were made before. */
    if (dk->dk_usable > 1)
        dk->dk_usable--;
    MoDictValues *values = values_new(shared_keys_capacity(dk));
    if (values == NULL)
        return -1;
    *_MoObject_ValuesPointer(obj) = values;
    return 0;
}
/* endregion dict_init_inline_values */

/* A new split dict over dk (one more owner) adopting values, which hold used
   values; tracked if any of them may be. NULL with MemoryError (values kept by
   the caller). */
static MoObject *dict_new_split(MoDictKeysObject *dk, MoDictValues *values, Mo_ssize_t used)
{
    MoDictObject *mp = (MoDictObject *)MoDict_New();
    if (mp == NULL)
        return NULL;
    dk->dk_refcnt++;
    mp->ma_keys = dk;
    mp->ma_values = values;
    mp->ma_used = used;
    for (Mo_ssize_t i = 0; i < dk->dk_nentries; i++) {
        if (values->values[i] != NULL && _MoObject_GC_MAY_BE_TRACKED(values->values[i])) {
            MoObject_GC_Track(mp);
            break;
        }
    }
    return (MoObject *)mp;
}

MoObject *_MoObject_MakeDictFromInstanceAttributes(MoObject *obj, MoDictValues *values)
{
    return dict_new_split(class_cached_keys(Mo_TYPE(obj)), values, values_count(values));
}

MoObject *_MoDict_NewWithSharedKeys(MoDictKeysObject *dk)
{
    MoDictValues *values = values_new(shared_keys_capacity(dk));
    if (values == NULL)
        return NULL;
    MoObject *d = dict_new_split(dk, values, 0);
    if (d == NULL)
        values_free(values);
    return d;
}

MoObject *_MoObject_GetInstanceAttribute(MoObject *obj, MoDictValues *values, MoObject *name)
{
    MoDictKeysObject *dk = class_cached_keys(Mo_TYPE(obj));
    Mo_ssize_t ix = keys_lookup_str(dk, name, str_hash(name));
    return ix == DKIX_EMPTY ? NULL : values->values[ix];
}

/* region dict_store_instance_attribute */
int _MoObject_StoreInstanceAttribute(MoObject *obj, MoDictValues *values, MoObject *name, MoObject *value)
{
    MoDictKeysObject *dk = class_cached_keys(Mo_TYPE(obj));
    Mo_ssize_t ix = MoUnicode_CheckExact(name) ? shared_keys_insert(dk, name) : DKIX_EMPTY;
    if (ix == DKIX_EMPTY) {
        /* The shared keys cannot take it: the instance gets a real dict (split for
           now; the store below makes it combined). */
        MoObject *dict = _MoObject_MakeDictFromInstanceAttributes(obj, values);
        if (dict == NULL)
            return -1;
        *_MoObject_ValuesPointer(obj) = NULL;
        *_MoObject_ManagedDictPointer(obj) = dict;
        return value == NULL ? MoDict_DelItem(dict, name) : MoDict_SetItem(dict, name, value);
    }
    MoObject *old = values->values[ix];
    values->values[ix] = Mo_XNewRef(value);
    if (old == NULL) {
        if (value == NULL) {
            MoErr_Format(MoExc_AttributeError, "'%s' object has no attribute '%U'", Mo_TYPE(obj)->tp_name, name);
            return -1;
        }
        values_add_to_order(values, ix);
    } else {
        if (value == NULL)
            values_delete_from_order(values, ix);
        Mo_DECREF(old);
    }
    return 0;
}
/* endregion dict_store_instance_attribute */

int _MoObject_VisitInstanceAttributes(MoObject *obj, visitproc visit, void *arg)
{
    MoDictValues *values = *_MoObject_ValuesPointer(obj);
    if (values == NULL)
        return 0;
    Mo_ssize_t n = class_cached_keys(Mo_TYPE(obj))->dk_nentries;
    for (Mo_ssize_t i = 0; i < n; i++)
        Mo_VISIT(values->values[i]);
    return 0;
}

void _MoObject_ClearInstanceAttributes(MoObject *obj)
{
    MoDictValues *values = *_MoObject_ValuesPointer(obj);
    if (values == NULL)
        return;
    Mo_ssize_t n = class_cached_keys(Mo_TYPE(obj))->dk_nentries;
    values_prefix(values)[-2] = 0;   /* nothing in order any more */
    for (Mo_ssize_t i = 0; i < n; i++)
        Mo_CLEAR(values->values[i]);
}

void _MoObject_FreeInstanceAttributes(MoObject *obj)
{
    MoDictValues *values = *_MoObject_ValuesPointer(obj);
    if (values == NULL)
        return;
    *_MoObject_ValuesPointer(obj) = NULL;
    values_release(values, class_cached_keys(Mo_TYPE(obj))->dk_nentries);
}

/* ================================================================== lifecycle */

int _MoDict_Init(void)
{
    MoTypeObject *types[] = {&MoDict_Type, &MoDictIterKey_Type, &MoDictIterValue_Type, &MoDictIterItem_Type,
                             &MoDictKeys_Type, &MoDictValues_Type, &MoDictItems_Type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (MoType_Ready(types[i]) < 0)
            return -1;
    return 0;
}

void _MoDict_Fini(void)
{
    while (dict_numfree > 0) {
        MoObject *op = (MoObject *)dict_free_list[--dict_numfree];
        MoObject_GC_Del(op);
    }
    while (keys_numfree > 0)
        MoMem_Free(keys_free_list[--keys_numfree]);
}
