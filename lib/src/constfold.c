/* Constant folding and per-unit constant merging, as CPython 3.11's compiler.
 *
 * Two jobs decide which objects a compiled unit holds, and so which `is` tests
 * between its constants come out True:
 *
 *   1. Folding (Python/ast_opt.c). An operation whose operands are all constants
 *      is computed at compile time and replaced by its result, unless the result
 *      could be big: before computing, the safe_* checks refuse a str or bytes
 *      longer than 4096, a tuple of more than 256 items or more than 1024 counting
 *      nested ones, and an int of more than 128 bits. A folding that raises (1 / 0)
 *      is not an error: the operation is left for run time, where it raises.
 *   2. Merging (Python/compile.c, merge_consts_recursive). Every constant the unit
 *      keeps goes through one dict, the unit's constant cache, under its
 *      _PyCode_ConstantKey; the first object registered under a key is the one
 *      every later equal constant becomes. One module is one unit (all its
 *      functions share the cache); each exec() or REPL line is a unit of its own.
 *
 * Start reading at MoAST_FoldBinOp and MoCompile_MergeConst.
 */
#include "internal.h"
#include "mo/constfold.h"

#include <math.h>

/* ================================================================ the limits */

/* region check_complexity */
/* limit minus the number of items of obj, counting those of nested tuples and
   frozensets; negative as soon as the count passes limit. */
static Mo_ssize_t fold_check_complexity(MoObject *obj, Mo_ssize_t limit)
{
    if (MoTuple_Check(obj)) {
        limit -= MoTuple_GET_SIZE(obj);
        for (Mo_ssize_t i = 0; limit >= 0 && i < MoTuple_GET_SIZE(obj); i++)
            limit = fold_check_complexity(MoTuple_GET_ITEM(obj, i), limit);
    }
    else if (MoFrozenSet_Check(obj)) {
        limit -= MoSet_Size(obj);
        MoObject *it = MoObject_GetIter(obj), *item;
        while (it != NULL && limit >= 0 && (item = MoIter_Next(it)) != NULL) {
            limit = fold_check_complexity(item, limit);
            Mo_DECREF(item);
        }
        Mo_XDECREF(it);
    }
    return limit;
}
/* endregion check_complexity */

/* region safe_multiply */
/* 1 if 3.11 computes v * w at compile time: an int product of at most 128 bits,
   a tuple repeated into at most 256 items and 1024 in all, a str or bytes
   repeated into at most 4096. Anything else is left to the operation itself. */
static int fold_multiply_is_safe(MoObject *v, MoObject *w)
{
    if (MoLong_Check(v) && MoLong_Check(w))
        return Mo_SIZE(v) == 0 || Mo_SIZE(w) == 0 ||
               _MoLong_NumBits(v) + _MoLong_NumBits(w) <= MO_AST_MAX_INT_SIZE;
    if (!MoLong_Check(v))   /* sequence * int: check it as int * sequence */
        return MoLong_Check(w) ? fold_multiply_is_safe(w, v) : 1;
    Mo_ssize_t size, max;
    if (MoTuple_Check(w) || MoFrozenSet_Check(w)) {
        size = MoTuple_Check(w) ? MoTuple_GET_SIZE(w) : MoSet_Size(w);
        max = MO_AST_MAX_COLLECTION_SIZE;
    }
    else if (MoUnicode_Check(w) || MoBytes_Check(w)) {
        size = MoUnicode_Check(w) ? MoUnicode_GET_LENGTH(w) : MoBytes_GET_SIZE(w);
        max = MO_AST_MAX_STR_SIZE;
    }
    else
        return 1;
    if (size == 0)
        return 1;
    long n = MoLong_AsLong(v);
    if (n == -1 && MoErr_Occurred()) {
        MoErr_Clear();
        return 0;
    }
    if (n < 0 || n > max / size)
        return 0;
    if (max == MO_AST_MAX_COLLECTION_SIZE && n > 0 &&
        fold_check_complexity(w, MO_AST_MAX_TOTAL_ITEMS / n) < 0)
        return 0;
    return 1;
}
/* endregion safe_multiply */

/* 1 if v ** w stays within 128 bits: bits(v) * w <= 128 for a positive int w. */
static int fold_power_is_safe(MoObject *v, MoObject *w)
{
    if (!MoLong_Check(v) || !MoLong_Check(w) || Mo_SIZE(v) == 0 || Mo_SIZE(w) <= 0)
        return 1;
    if (_MoLong_NumBits(w) > 8)           /* w > 255: more than 128 bits for any v != 0 */
        return 0;
    return _MoLong_NumBits(v) <= MO_AST_MAX_INT_SIZE / (size_t)MoLong_AsLong(w);
}

/* 1 if v << w stays within 128 bits. */
static int fold_lshift_is_safe(MoObject *v, MoObject *w)
{
    if (!MoLong_Check(v) || !MoLong_Check(w) || Mo_SIZE(v) == 0 || Mo_SIZE(w) == 0)
        return 1;
    if (Mo_SIZE(w) < 0)
        return 1;                         /* a negative count raises: left to run time */
    if (_MoLong_NumBits(w) > 8)
        return 0;
    size_t shift = (size_t)MoLong_AsLong(w);
    return shift <= MO_AST_MAX_INT_SIZE && _MoLong_NumBits(v) <= MO_AST_MAX_INT_SIZE - shift;
}

/* =================================================================== folding */

/* The folded value as fold_binop's make_const takes it: a result, or NULL with the
   operation's error cleared (it will be raised at run time instead). MemoryError
   stays set: the compiler itself failed. */
static MoObject *fold_result(MoObject *value)
{
    if (value == NULL && !MoErr_ExceptionMatches(MoExc_MemoryError))
        MoErr_Clear();
    return value;
}

/* region fold_binop */
MoObject *MoAST_FoldBinOp(MoAST_BinOp op, MoObject *lhs, MoObject *rhs)
{
    switch (op) {
    case MO_AST_ADD:      return fold_result(MoNumber_Add(lhs, rhs));
    case MO_AST_SUB:      return fold_result(MoNumber_Subtract(lhs, rhs));
    case MO_AST_DIV:      return fold_result(MoNumber_TrueDivide(lhs, rhs));
    case MO_AST_FLOORDIV: return fold_result(MoNumber_FloorDivide(lhs, rhs));
    case MO_AST_RSHIFT:   return fold_result(MoNumber_Rshift(lhs, rhs));
    case MO_AST_MULT:     /* each of these three checks the result's size first */
        if (!fold_multiply_is_safe(lhs, rhs))
            return NULL;
        return fold_result(MoNumber_Multiply(lhs, rhs));
    case MO_AST_POW:
        if (!fold_power_is_safe(lhs, rhs))
            return NULL;
        return fold_result(MoNumber_Power(lhs, rhs));
    case MO_AST_LSHIFT:
        if (!fold_lshift_is_safe(lhs, rhs))
            return NULL;
        return fold_result(MoNumber_Lshift(lhs, rhs));
    case MO_AST_MOD:      /* '%' formatting of a str or bytes is never folded */
        if (MoUnicode_Check(lhs) || MoBytes_Check(lhs))
            return NULL;
        return fold_result(MoNumber_Remainder(lhs, rhs));
    }
    return NULL;
}
/* endregion fold_binop */

MoObject *MoAST_FoldUnaryOp(MoAST_UnaryOp op, MoObject *operand)
{
    switch (op) {
    case MO_AST_INVERT: return fold_result(MoNumber_Invert(operand));
    case MO_AST_UADD:   return fold_result(MoNumber_Positive(operand));
    case MO_AST_USUB:   return fold_result(MoNumber_Negative(operand));
    case MO_AST_NOT: {
        int r = MoObject_IsTrue(operand);
        return r < 0 ? fold_result(NULL) : MoBool_FromLong(!r);
    }
    }
    return NULL;
}

MoObject *MoAST_FoldSubscript(MoObject *value, MoObject *index)
{
    return fold_result(MoObject_GetItem(value, index));
}

MoObject *MoAST_FoldIter(MoObject *items, int is_set)
{
    return is_set ? MoFrozenSet_New(items) : Mo_NewRef(items);
}

MoObject *MoCompile_DisplayConstant(MoObject *items, int is_set)
{
    if (MoTuple_GET_SIZE(items) <= 2)
        return NULL;
    return MoAST_FoldIter(items, is_set);
}

/* =================================================================== merging */

/* new: (a, b) or (a, b, c) from borrowed items. */
static MoObject *key_pack(MoObject *a, MoObject *b, MoObject *c)
{
    return c ? MoTuple_Pack(3, a, b, c) : MoTuple_Pack(2, a, b);
}

/* new: the tuple of the keys of t's items. */
static MoObject *key_of_items(MoObject *t)
{
    MoObject *keys = MoTuple_New(MoTuple_GET_SIZE(t));
    for (Mo_ssize_t i = 0; keys != NULL && i < MoTuple_GET_SIZE(t); i++) {
        MoObject *k = MoCode_ConstantKey(MoTuple_GET_ITEM(t, i));
        if (k == NULL)
            Mo_CLEAR(keys);
        else
            MoTuple_SET_ITEM(keys, i, k);
    }
    return keys;
}

/* new: the frozenset of the keys of the items of the frozenset s. */
static MoObject *key_of_members(MoObject *s)
{
    MoObject *keys = MoList_New(0), *it = MoObject_GetIter(s), *item, *result = NULL;
    while (keys != NULL && it != NULL && (item = MoIter_Next(it)) != NULL) {
        MoObject *k = MoCode_ConstantKey(item);
        Mo_DECREF(item);
        if (k == NULL || MoList_Append(keys, k) < 0) {
            Mo_XDECREF(k);
            goto done;
        }
        Mo_DECREF(k);
    }
    if (keys != NULL && it != NULL && !MoErr_Occurred())
        result = MoFrozenSet_New(keys);
done:
    Mo_XDECREF(it);
    Mo_XDECREF(keys);
    return result;
}

/* region constant_key */
MoObject *MoCode_ConstantKey(MoObject *op)
{
    if (op == Mo_None || MoLong_CheckExact(op) || MoUnicode_CheckExact(op))
        return Mo_NewRef(op);   /* never equal to an object of another type */
    if (MoBool_Check(op) || MoBytes_CheckExact(op))
        return key_pack((MoObject *)Mo_TYPE(op), op, NULL);   /* True != 1 here */
    if (MoFloat_CheckExact(op)) {
        double d = MoFloat_AsDouble(op);
        int negative_zero = d == 0.0 && signbit(d);           /* -0.0 != 0.0 here */
        MoObject *type = (MoObject *)Mo_TYPE(op);
        return key_pack(type, op, negative_zero ? Mo_None : NULL);
    }
    if (MoTuple_CheckExact(op) || MoFrozenSet_CheckExact(op)) {
        MoObject *keys = MoTuple_CheckExact(op) ? key_of_items(op)
                                                : key_of_members(op);
        if (keys == NULL)
            return NULL;
        MoObject *key = key_pack(keys, op, NULL);
        Mo_DECREF(keys);
        return key;
    }
    /* anything else is equal only to itself: its address tells it apart */
    MoObject *id = MoLong_FromUnsignedLongLong((unsigned long long)MoObject_Id(op));
    if (id == NULL)
        return NULL;
    MoObject *key = key_pack(id, op, NULL);
    Mo_DECREF(id);
    return key;
}
/* endregion constant_key */

MoObject *MoCompile_ConstCacheNew(void)
{
    return MoDict_New();
}

/* Borrowed: the constant a key stands for (a tuple key carries it second). */
static MoObject *key_value(MoObject *key)
{
    return MoTuple_CheckExact(key) ? MoTuple_GET_ITEM(key, 1) : key;
}

/* Merge each item of the tuple o (just registered) through the cache, replacing
   it with the unit's object for its value. 0, or -1 with an exception. */
static int merge_tuple_items(MoObject *const_cache, MoObject *o)
{
    for (Mo_ssize_t i = 0; i < MoTuple_GET_SIZE(o); i++) {
        MoObject *item = MoTuple_GET_ITEM(o, i);
        MoObject *u = MoCompile_MergeConst(const_cache, item);
        if (u == NULL)
            return -1;
        if (u != item) {
            MoTuple_SET_ITEM(o, i, u);   /* o is the unit's: it may change in place */
            Mo_DECREF(item);
        }
        else
            Mo_DECREF(u);
    }
    return 0;
}

/* region merge_consts */
/* new: the key for o in the cache (o's own key, or the key registered first). */
static MoObject *merge_consts_recursive(MoObject *const_cache, MoObject *o)
{
    if (o == Mo_None)
        return Mo_NewRef(o);
    MoObject *key = MoCode_ConstantKey(o);
    if (key == NULL)
        return NULL;
    MoObject *t = MoDict_SetDefault(const_cache, key, key);   /* new */
    if (t == NULL) {
        Mo_DECREF(key);
        return NULL;
    }
    if (t != key) {         /* an equal constant is there already: use it */
        Mo_DECREF(key);
        return t;
    }
    Mo_DECREF(t);
    if (MoTuple_CheckExact(o) && merge_tuple_items(const_cache, o) < 0) {
        Mo_DECREF(key);
        return NULL;
    }
    return key;
}
/* endregion merge_consts */

MoObject *MoCompile_MergeConst(MoObject *const_cache, MoObject *o)
{
    MoObject *key = merge_consts_recursive(const_cache, o);
    if (key == NULL)
        return NULL;
    MoObject *value = Mo_NewRef(key_value(key));
    Mo_DECREF(key);
    return value;
}

Mo_ssize_t MoCompile_AddConst(MoObject *const_cache, MoObject *consts, MoObject *o)
{
    MoObject *v = MoCompile_MergeConst(const_cache, o);
    if (v == NULL)
        return -1;
    _MoUnicode_InternConstant(&v);   /* as the code object's creation does */
    Mo_ssize_t n = MoList_Size(consts);
    for (Mo_ssize_t i = 0; i < n; i++) {
        if (MoList_GetItem(consts, i) == v) {   /* merged: identity is equality here */
            Mo_DECREF(v);
            return i;
        }
    }
    int status = MoList_Append(consts, v);
    Mo_DECREF(v);
    return status < 0 ? -1 : n;
}
