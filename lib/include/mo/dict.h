/* dict: 3.11's compact dict. A keys object holds a hash index (dk_indices, 1 to 8
 * bytes per slot) and a dense entries array in insertion order; when every key is
 * an exact str the entries drop their hash field (16 bytes instead of 24), as 3.11's
 * "unicode" keys. An empty dict shares one static empty keys object.
 */
#ifndef MO_DICT_H
#define MO_DICT_H

#include "object.h"

typedef struct _modictkeysobject MoDictKeysObject;
typedef struct _modictvalues MoDictValues;

typedef struct {
    MoObject_HEAD
    Mo_ssize_t ma_used;          /* number of items */
    uint64_t ma_version_tag;     /* changes on every mutation */
    MoDictKeysObject *ma_keys;
    MoDictValues *ma_values;     /* NULL for a combined table; a split table's values (see below) */
} MoDictObject;

extern MoTypeObject MoDict_Type;
extern MoTypeObject MoDictIterKey_Type, MoDictIterValue_Type, MoDictIterItem_Type;
extern MoTypeObject MoDictKeys_Type, MoDictValues_Type, MoDictItems_Type;
#define MoDict_Check(op) MoType_FastSubclass(Mo_TYPE(op), MO_TPFLAGS_DICT_SUBCLASS)
#define MoDict_CheckExact(op) Mo_IS_TYPE((op), &MoDict_Type)

/* new: an empty dict (untracked, sharing the static empty keys object; recycled
   from the free list of 80 when possible). NULL with MemoryError. */
MoObject *MoDict_New(void);
/* d[k] = v. Takes new references to k and v (steals nothing). 0, or -1 with
   TypeError "unhashable type: 'list'" (or whatever k's __eq__ raised). */
int MoDict_SetItem(MoObject *d, MoObject *k, MoObject *v);
/* borrowed; NULL when missing. Errors (unhashable key, failed comparison) are
   cleared and an exception already pending is preserved, as PyDict_GetItem. */
MoObject *MoDict_GetItem(MoObject *d, MoObject *k);
/* borrowed; NULL with an exception set on error, NULL without one when missing. */
MoObject *MoDict_GetItemWithError(MoObject *d, MoObject *k);
/* del d[k]: 0, or -1 with KeyError(k) when missing (str(exc) is "'a'" for 'a'). */
int MoDict_DelItem(MoObject *d, MoObject *k);
/* d[k] = v with the key interned, as CPython's PyDict_SetItemString. v: new reference taken. */
int MoDict_SetItemString(MoObject *d, const char *k, MoObject *v);
/* borrowed; NULL when missing (errors cleared). */
MoObject *MoDict_GetItemString(MoObject *d, const char *k);
/* del d[k]: 0, or -1 with KeyError. */
int MoDict_DelItemString(MoObject *d, const char *k);
/* len(d); -1 with SystemError if d is not a dict. */
Mo_ssize_t MoDict_Size(MoObject *d);
/* Iterate in insertion order: *pos starts at 0; returns 1 with borrowed *k, *v
   (either may be NULL to skip it), or 0 at the end. The dict must not change
   size during the walk. Cannot fail. */
int MoDict_Next(MoObject *d, Mo_ssize_t *pos, MoObject **k, MoObject **v);
/* k in d: 1, 0, or -1 on error (unhashable key). */
int MoDict_Contains(MoObject *d, MoObject *k);
/* d.clear(): back to the shared empty keys (getsizeof 64). Cannot fail. */
void MoDict_Clear(MoObject *d);
/* new: a shallow copy (tracked if d is). NULL with MemoryError. */
MoObject *MoDict_Copy(MoObject *d);
/* new lists (not views): list(d), list(d.values()), list(d.items()). */
MoObject *MoDict_Keys(MoObject *d);
MoObject *MoDict_Values(MoObject *d);
MoObject *MoDict_Items(MoObject *d);
/* d.update(other) for a dict, or any mapping with keys() and __getitem__.
   0, or -1 with an exception (RuntimeError "dict mutated during update"). */
int MoDict_Update(MoObject *d, MoObject *other);
/* new: d.setdefault(k, v); returns the value now stored (v is not stolen). */
MoObject *MoDict_SetDefault(MoObject *d, MoObject *k, MoObject *v);
/* Untrack d if it holds only atomic keys and values (what a full collection does). */
void _MoDict_MaybeUntrack(MoObject *d);

/* ------------------------------------------------------------- split tables
 * The machinery behind classes' managed dicts (class.h): a class's shared keys, and
 * the values array an instance keeps instead of a dict until someone asks for
 * __dict__. Internal (_Mo); only class.c and typeobject.c call these. */

/* A class's shared keys (64 slots, 30 usable names, str only); owned by the caller
   (release with _MoDictKeys_DecRef). NULL with MemoryError. */
MoDictKeysObject *_MoDict_NewKeysForClass(void);
void _MoDictKeys_DecRef(MoDictKeysObject *dk);
/* Bytes of a keys object (what type.__sizeof__ adds for the shared keys). */
Mo_ssize_t _MoDict_KeysSize(MoDictKeysObject *dk);
/* new: an empty split dict over a class's shared keys. NULL with MemoryError. */
MoObject *_MoDict_NewWithSharedKeys(MoDictKeysObject *dk);
/* A new instance of managed-dict type t gets an empty values array (and takes one
   slot of spare room from the shared keys, as 3.11). 0, or -1 with MemoryError. */
int _MoObject_InitInlineValues(MoObject *obj, MoTypeObject *t);
/* borrowed: the value of attribute name (an exact str) in obj's values, or NULL
   (no exception) when it has none. */
MoObject *_MoObject_GetInstanceAttribute(MoObject *obj, MoDictValues *values, MoObject *name);
/* obj.name = value (value NULL deletes) into obj's values array. When the shared
   keys cannot take the name (not a str, or 30 names already), obj gets a real dict
   (its values pointer becomes NULL) and the store goes there. 0, or -1 with
   AttributeError "'C' object has no attribute 'x'" (deleting a missing attribute),
   KeyError (the same, through a dict) or MemoryError. */
int _MoObject_StoreInstanceAttribute(MoObject *obj, MoDictValues *values, MoObject *name, MoObject *value);
/* new: a split dict adopting obj's values array (the caller then sets obj's values
   pointer to NULL and stores the dict); tracked only if a value may be tracked.
   NULL with MemoryError. */
MoObject *_MoObject_MakeDictFromInstanceAttributes(MoObject *obj, MoDictValues *values);
/* tp_traverse / tp_clear / tp_dealloc helpers for obj's values array (no-ops when
   obj has none). Free also frees the array and sets obj's values pointer to NULL. */
int _MoObject_VisitInstanceAttributes(MoObject *obj, visitproc visit, void *arg);
void _MoObject_ClearInstanceAttributes(MoObject *obj);
void _MoObject_FreeInstanceAttributes(MoObject *obj);

#endif
