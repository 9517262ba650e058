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
    MoDictValues *ma_values;     /* NULL for a combined table (split tables come with classes) */
} MoDictObject;

extern MoTypeObject MoDict_Type;
extern MoTypeObject MoDictIterKey_Type, MoDictIterValue_Type, MoDictIterItem_Type;
extern MoTypeObject MoDictKeys_Type, MoDictValues_Type, MoDictItems_Type;
#define MoDict_Check(op) MoType_FastSubclass(Mo_TYPE(op), MO_TPFLAGS_DICT_SUBCLASS)
#define MoDict_CheckExact(op) Mo_IS_TYPE((op), &MoDict_Type)

MoObject *MoDict_New(void);                                   /* new */
/* Takes new references to k and v. TypeError "unhashable type: 'list'". */
int MoDict_SetItem(MoObject *d, MoObject *k, MoObject *v);
/* borrowed; NULL when missing (or on error, which is cleared, as PyDict_GetItem). */
MoObject *MoDict_GetItem(MoObject *d, MoObject *k);
/* borrowed; NULL with an exception set on error, NULL without one when missing. */
MoObject *MoDict_GetItemWithError(MoObject *d, MoObject *k);
/* KeyError with the key when missing. */
int MoDict_DelItem(MoObject *d, MoObject *k);
/* The key is interned, as CPython's PyDict_SetItemString does. */
int MoDict_SetItemString(MoObject *d, const char *k, MoObject *v);
MoObject *MoDict_GetItemString(MoObject *d, const char *k);  /* borrowed */
int MoDict_DelItemString(MoObject *d, const char *k);
Mo_ssize_t MoDict_Size(MoObject *d);
/* Iterate: pos starts at 0; 1 with borrowed *k, *v, or 0 at the end. */
int MoDict_Next(MoObject *d, Mo_ssize_t *pos, MoObject **k, MoObject **v);
/* 1, 0, or -1 on error (unhashable key). */
int MoDict_Contains(MoObject *d, MoObject *k);
void MoDict_Clear(MoObject *d);
MoObject *MoDict_Copy(MoObject *d);   /* new */
MoObject *MoDict_Keys(MoObject *d);   /* new list */
MoObject *MoDict_Values(MoObject *d); /* new list */
MoObject *MoDict_Items(MoObject *d);  /* new list of 2-tuples */
/* d.update(other) for a dict other. */
int MoDict_Update(MoObject *d, MoObject *other);
/* new: d.setdefault(k, v); returns the value now stored. */
MoObject *MoDict_SetDefault(MoObject *d, MoObject *k, MoObject *v);
/* Untrack d if it holds only atomic keys and values (what a full collection does). */
void _MoDict_MaybeUntrack(MoObject *d);

#endif
