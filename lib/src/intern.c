/* String interning: at most one interned str per value, as 3.11's interned dict.
 *
 * The table is a private open-addressing hash set (linear probing) of BORROWED
 * pointers: it adds no reference, so interned strings are mortal as in 3.11 (the
 * intern table "adds 0 references"). Two invariants keep that safe:
 *   1. a string is in the table iff its state.interned is SSTATE_INTERNED_MORTAL;
 *   2. str's dealloc of an interned string removes it (_MoUnicode_InternForget),
 *      so the table never holds a dead pointer.
 * Deletion shifts later entries of the probe run back (no tombstones), so a probe
 * for a key always stops at the first empty slot.
 *
 * What gets interned, as CPython 3.11: sys.intern, MoUnicode_InternFromString, and
 * code constants made only of ASCII letters, digits and underscores
 * (MoUnicode_FromConstant; any length, the empty string included).
 * One difference from 3.11: there, the one-character latin-1 cache and the interned
 * dict are separate, and startup interned some one-letter names ('a', 'b', 'x'...)
 * as objects distinct from chr(97) etc. Here the one-character singleton itself is
 * what gets interned, so MoUnicode_FromConstant("a") is MoUnicode_FromString("a")
 * for every character (in 3.11, `chr(97) is 'a'` is False but `chr(65) is 'A'` True).
 */
#include "internal.h"

#include <string.h>

static struct {
    MoObject **slots;   /* NULL = empty; otherwise a borrowed, interned str */
    size_t mask;        /* capacity - 1 (capacity a power of two), 0 when unallocated */
    Mo_ssize_t used;
} interned;

#define INTERN_MIN_SIZE 64

static size_t intern_slot_of(MoObject *s)
{
    return (size_t)((MoASCIIObject *)s)->hash & interned.mask;
}

/* Borrowed: the member equal to s (whose hash is computed), or NULL. */
static MoObject *intern_find(MoObject *s)
{
    if (interned.slots == NULL)
        return NULL;
    Mo_hash_t h = ((MoASCIIObject *)s)->hash;
    for (size_t i = intern_slot_of(s);; i = (i + 1) & interned.mask) {
        MoObject *m = interned.slots[i];
        if (m == NULL)
            return NULL;
        if (((MoASCIIObject *)m)->hash == h && _MoUnicode_Equal(m, s))
            return m;
    }
}

static void intern_place(MoObject *s)
{
    size_t i = intern_slot_of(s);
    while (interned.slots[i] != NULL)
        i = (i + 1) & interned.mask;
    interned.slots[i] = s;
}

/* Keep the load at most 2/3. 0, or -1 with MemoryError (table unchanged). */
static int intern_grow_if_needed(void)
{
    size_t cap = interned.slots ? interned.mask + 1 : 0;
    if ((size_t)(interned.used + 1) * 3 <= cap * 2)
        return 0;
    size_t newcap = cap ? cap * 2 : INTERN_MIN_SIZE;
    MoObject **old = interned.slots;
    MoObject **slots = MoMem_Calloc(newcap, sizeof *slots);
    if (slots == NULL) {
        MoErr_NoMemory();
        return -1;
    }
    interned.slots = slots;
    interned.mask = newcap - 1;
    for (size_t i = 0; i < cap; i++)
        if (old[i] != NULL)
            intern_place(old[i]);
    MoMem_Free(old);
    return 0;
}

static int intern_add(MoObject *s)
{
    if (intern_grow_if_needed() < 0)
        return -1;
    intern_place(s);
    interned.used++;
    ((MoASCIIObject *)s)->state.interned = SSTATE_INTERNED_MORTAL;
    return 0;
}

/* Remove slot i and shift back the entries after it whose probe run passes i. */
static void intern_remove_slot(size_t i)
{
    size_t j = i;
    interned.slots[i] = NULL;
    for (;;) {
        j = (j + 1) & interned.mask;
        MoObject *m = interned.slots[j];
        if (m == NULL)
            break;
        size_t home = intern_slot_of(m);
        /* m may move to the hole at i if its home is not in the cyclic range (i, j] */
        int stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (!stays) {
            interned.slots[i] = m;
            interned.slots[j] = NULL;
            i = j;
        }
    }
    interned.used--;
}

void _MoUnicode_InternForget(MoObject *s)
{
    ((MoASCIIObject *)s)->state.interned = SSTATE_NOT_INTERNED;
    if (interned.slots == NULL)
        return;
    for (size_t i = intern_slot_of(s); interned.slots[i] != NULL; i = (i + 1) & interned.mask) {
        if (interned.slots[i] == s) {
            intern_remove_slot(i);
            return;
        }
    }
}

/* region intern_in_place */
void MoUnicode_InternInPlace(MoObject **p)
{
    MoObject *s = *p;
    if (s == NULL || !MoUnicode_CheckExact(s))
        return;
    if (((MoASCIIObject *)s)->state.interned != SSTATE_NOT_INTERNED)
        return;
    if (MoObject_Hash(s) == -1) {
        MoErr_Clear();
        return;
    }
    MoObject *t = intern_find(s);
    if (t != NULL) {              /* an equal string is interned: use that one */
        Mo_SETREF(*p, Mo_NewRef(t));
        return;
    }
    if (intern_add(s) < 0)        /* s stays usable, just not interned */
        MoErr_Clear();
}
/* endregion intern_in_place */

MoObject *MoUnicode_InternFromString(const char *utf8)
{
    MoObject *s = MoUnicode_FromString(utf8);
    if (s != NULL)
        MoUnicode_InternInPlace(&s);
    return s;
}

/* 3.11's compiler rule (all_name_chars): every character an ASCII letter, digit
   or underscore. */
static int intern_all_name_chars(MoObject *s)
{
    if (!MoUnicode_IS_ASCII(s))
        return 0;
    const unsigned char *p = MoUnicode_DATA(s);
    for (Mo_ssize_t i = 0; i < MoUnicode_GET_LENGTH(s); i++) {
        unsigned char c = p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    return 1;
}

void _MoUnicode_InternConstant(MoObject **p)
{
    if (MoUnicode_CheckExact(*p) && intern_all_name_chars(*p))
        MoUnicode_InternInPlace(p);
}

MoObject *MoUnicode_FromConstant(const char *utf8)
{
    MoObject *s = MoUnicode_FromString(utf8);
    if (s != NULL)
        _MoUnicode_InternConstant(&s);
    return s;
}

MoObject *_MoUnicode_Intern(MoObject *s)
{
    if (!MoUnicode_Check(s)) {
        MoErr_Format(MoExc_TypeError, "intern() argument must be str, not %.50s", _Mo_TypeName(s));
        return NULL;
    }
    if (!MoUnicode_CheckExact(s)) {
        MoErr_Format(MoExc_TypeError, "can't intern %.400s", _Mo_TypeName(s));
        return NULL;
    }
    Mo_INCREF(s);
    MoUnicode_InternInPlace(&s);
    return s;
}

Mo_ssize_t _MoUnicode_InternedSize(void)
{
    return interned.used;
}

void _MoUnicode_InternFini(void)
{
    for (size_t i = 0; interned.slots != NULL && i <= interned.mask; i++)
        if (interned.slots[i] != NULL)
            ((MoASCIIObject *)interned.slots[i])->state.interned = SSTATE_NOT_INTERNED;
    MoMem_Free(interned.slots);
    interned.slots = NULL;
    interned.mask = 0;
    interned.used = 0;
}
