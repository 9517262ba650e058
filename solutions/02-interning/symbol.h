/* Lab 02, part A: Symbol, an interned name. There is at most one symbol per name:
 * Symbol_New returns the existing symbol for an equal name, so that symbols can be
 * compared by identity (`is`), as CPython compares interned strings.
 *
 * The table that finds the existing symbol (name -> symbol) holds no reference to
 * the symbols: a symbol lives as long as someone outside the table refers to it,
 * and leaves the table when it dies, as 3.11's interned strings do. (The table is a
 * WeakValueDictionary; that is why a symbol has a weak-reference list.)
 *
 * Failure: functions returning MoObject * return NULL with an exception set.
 */
#ifndef LAB02_SYMBOL_H
#define LAB02_SYMBOL_H

#include "mo.h"

typedef struct {
    MoObject_HEAD
    MoObject *name;          /* a str, owned by the symbol */
    MoObject *weakreflist;   /* the weak references to the symbol (the table's) */
} SymbolObject;

/* The type: "lab02.Symbol". */
extern MoTypeObject Symbol_Type;
#define Symbol_Check(op) Mo_IS_TYPE((op), &Symbol_Type)

/* Ready Symbol_Type and make the table (released at Mo_Finalize): call it after
   Mo_Initialize. 0, or -1 with an exception set. */
int Symbol_Ready(void);

/* new: the symbol named name: the existing one when a symbol with an equal name is
   alive, a new one otherwise. Borrows name, which must be a str: TypeError "symbol
   name must be str, not 'int'" otherwise. NULL with MemoryError leaves the table
   as it was. */
MoObject *Symbol_New(MoObject *name);

/* new: Symbol_New of the str made from the UTF-8 text. The text is the caller's and
   may change after the call: the symbol depends only on its value at the call. */
MoObject *Symbol_FromString(const char *text);

/* borrowed: the symbol's name (valid while the symbol lives). */
MoObject *Symbol_Name(MoObject *symbol);

/* How many symbols are alive (the entries of the table). */
Mo_ssize_t Symbol_Count(void);

/* The identity hash of an object, as Python's object.__hash__ (_Py_HashPointer): its
   address rotated right by 4 bits. A symbol's hash is this. */
static inline Mo_hash_t Symbol_IdentityHash(MoObject *op)
{
    uintptr_t y = (uintptr_t)op;
    y = (y >> 4) | (y << (8 * sizeof(y) - 4));
    Mo_hash_t h = (Mo_hash_t)y;
    return h == -1 ? -2 : h;
}

#endif /* LAB02_SYMBOL_H */
