/* Lab 02, part A: the Symbol type (see symbol.h for what each function promises).
 *
 * The invariants:
 *  - at most one live symbol per name: Symbol_New looks in the table before it makes
 *    a symbol, and every new symbol is put in the table;
 *  - the table holds no reference to a symbol (its values are weak): a symbol dies
 *    when its last outside reference goes, and its entry goes with it;
 *  - equality, hash and repr work on the object itself: two symbols are equal only
 *    when they are one object.
 *
 * Start reading at Symbol_New.
 */
#include "symbol.h"
#include "atfinalize.h"

/* name (str) -> Symbol, with weak values; NULL before Symbol_Ready and after
   Mo_Finalize. */
static MoObject *symbol_table;

/* ------------------------------------------------------------------ the table */

/* At Mo_Finalize: the table goes (the symbols it points to are not its own). */
static MoObject *symbol_table_release(MoObject *self, MoObject *args)
{
    (void)self;
    (void)args;
    Mo_CLEAR(symbol_table);
    Mo_RETURN_NONE;
}

int Symbol_Ready(void)
{
    if (MoType_Ready(&Symbol_Type) < 0)
        return -1;
    if (symbol_table != NULL)
        return 0;
    symbol_table = MoWeakValueDict_New();
    if (symbol_table == NULL)
        return -1;
    return Lab02_AtFinalize("symbol_table_release", symbol_table_release);
}

Mo_ssize_t Symbol_Count(void)
{
    return symbol_table != NULL ? MoObject_Length(symbol_table) : 0;
}

MoObject *Symbol_Name(MoObject *symbol)
{
    return ((SymbolObject *)symbol)->name;
}

/* ----------------------------------------------------------------- interning */

/* new: a fresh symbol named name (borrowed), not yet in the table. */
static MoObject *symbol_alloc(MoObject *name)
{
    SymbolObject *s = MoObject_New(SymbolObject, &Symbol_Type);
    if (s == NULL)
        return NULL;
    s->name = Mo_NewRef(name);
    s->weakreflist = NULL;
    return (MoObject *)s;
}

/* region symbol_new */
MoObject *Symbol_New(MoObject *name)
{
    if (!MoUnicode_Check(name)) {
        MoErr_Format(MoExc_TypeError, "symbol name must be str, not '%s'", Mo_TYPE(name)->tp_name);
        return NULL;
    }
    // TODO: look the name up in symbol_table (MoObject_GetItem: a new reference,
    // or NULL with KeyError when absent); when absent, make a symbol
    // (symbol_alloc) and store it in the table (MoObject_SetItem).
    (void)symbol_alloc;
    MoErr_SetString(MoExc_NotImplementedError, "Symbol_New is not written yet");
    return NULL;
}
/* endregion symbol_new */

MoObject *Symbol_FromString(const char *text)
{
    // TODO: a str from the text, then Symbol_New; release the str.
    (void)text;
    MoErr_SetString(MoExc_NotImplementedError, "Symbol_FromString is not written yet");
    return NULL;
}

/* ------------------------------------------------------------------ the type */

/* region symbol_dealloc */
static void symbol_dealloc(MoObject *self)
{
    SymbolObject *s = (SymbolObject *)self;
    // TODO: tell the weak references (the table's entry) that the symbol is
    // gone (MoObject_ClearWeakRefs), then release the name.
    (void)s;
    Mo_TYPE(self)->tp_free(self);
}
/* endregion symbol_dealloc */

/* "Symbol('alpha')" */
static MoObject *symbol_repr(MoObject *self)
{
    (void)self;
    MoErr_SetString(MoExc_NotImplementedError, "symbol_repr is not written yet");
    return NULL;
}

/* region symbol_hash_compare */
static Mo_hash_t symbol_hash(MoObject *self)
{
    (void)self;
    MoErr_SetString(MoExc_NotImplementedError, "symbol_hash is not written yet");
    return -1;
}

/* == and != by identity; no ordering (NotImplemented, so the runtime raises
   TypeError for <). */
static MoObject *symbol_richcompare(MoObject *self, MoObject *other, int op)
{
    (void)self;
    (void)other;
    (void)op;
    MoErr_SetString(MoExc_NotImplementedError, "symbol_richcompare is not written yet");
    return NULL;
}
/* endregion symbol_hash_compare */

MoTypeObject Symbol_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "lab02.Symbol",
    .tp_basicsize = sizeof(SymbolObject),
    .tp_dealloc = symbol_dealloc,
    .tp_repr = symbol_repr,
    .tp_hash = symbol_hash,
    .tp_richcompare = symbol_richcompare,
    .tp_weaklistoffset = offsetof(SymbolObject, weakreflist),
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_doc = "An interned name: one object per name.",
};
