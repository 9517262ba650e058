/* Constant folding and per-unit constant merging, as CPython 3.11's compiler does
 * them (Python/ast_opt.c and Python/compile.c).
 *
 * The runtime has no parser or compiler; this is the part of one that decides which
 * objects a compiled unit holds. A caller plays the compiler: it hands the folder
 * the constant operands of an expression, bottom up, and either gets back the one
 * constant the expression folds to, or NULL, meaning that 3.11 leaves the operation
 * for run time (its operands stay in co_consts). Then it adds each constant that
 * ends up in the code to the unit's constant cache, which merges equal constants
 * of the same type into one object, as one module's compilation does.
 *
 * The limits are 3.11's (ast_opt.c): a folded str or bytes has at most 4096 items,
 * a folded tuple at most 256, with at most 1024 items counting nested tuples and
 * frozensets, and an int result at most 128 bits (checked before computing it).
 */
#ifndef MO_CONSTFOLD_H
#define MO_CONSTFOLD_H

#include "object.h"

#define MO_AST_MAX_INT_SIZE 128          /* bits */
#define MO_AST_MAX_COLLECTION_SIZE 256   /* items */
#define MO_AST_MAX_STR_SIZE 4096         /* characters or bytes */
#define MO_AST_MAX_TOTAL_ITEMS 1024      /* including nested collections */

/* The binary operators the folder knows (ast.operator; &, |, ^ and @ are not folded
   here: the runtime's ints have no bitwise and/or/xor). */
typedef enum {
    MO_AST_ADD, MO_AST_SUB, MO_AST_MULT, MO_AST_DIV, MO_AST_FLOORDIV,
    MO_AST_MOD, MO_AST_POW, MO_AST_LSHIFT, MO_AST_RSHIFT
} MoAST_BinOp;

/* The unary operators (ast.unaryop). */
typedef enum { MO_AST_INVERT, MO_AST_NOT, MO_AST_UADD, MO_AST_USUB } MoAST_UnaryOp;

/* new: the constant `lhs OP rhs` folds to (fold_binop with safe_multiply, safe_power,
   safe_lshift, safe_mod), or NULL when 3.11 does not fold it: a limit above would be
   exceeded, '%' has a str or bytes on its left, or the operation raises (1 / 0).
   Borrows both operands. NULL leaves no exception set, except MemoryError. */
MoObject *MoAST_FoldBinOp(MoAST_BinOp op, MoObject *lhs, MoObject *rhs);

/* new: the constant `OP operand` folds to (fold_unaryop), or NULL as above. Borrows. */
MoObject *MoAST_FoldUnaryOp(MoAST_UnaryOp op, MoObject *operand);

/* new: the constant `value[index]` folds to (fold_subscr), or NULL as above. Borrows. */
MoObject *MoAST_FoldSubscript(MoObject *value, MoObject *index);

/* new: the constant a list or set display of constants becomes on the right of
   `in` / `not in` or as a for loop's iterable (fold_iter): items, a tuple of the
   display's constants (borrowed), as a tuple for a list, as a frozenset for a set.
   NULL with an exception only on error (an unhashable item in a set). */
MoObject *MoAST_FoldIter(MoObject *items, int is_set);

/* new: the one constant a list or set display of more than two constants is built
   from, as 3.11's compiler does (starunpack_helper: BUILD_LIST then LIST_EXTEND of a
   tuple; BUILD_SET then SET_UPDATE of a frozenset); NULL with no exception when the
   display has two items or fewer (each item is its own constant). items: a tuple,
   borrowed. */
MoObject *MoCompile_DisplayConstant(MoObject *items, int is_set);

/* new: the key under which the compiler merges constants (_PyCode_ConstantKey): equal
   constants of the same type have equal keys, and 1, 1.0 and True, or 0.0 and -0.0,
   do not. str, int and None are their own key; bool, bytes and float are (type,
   value) (a negative zero float (type, value, None)); a tuple is (tuple of its
   items' keys, tuple), a frozenset (frozenset of its items' keys, frozenset); any
   other object (id, object). Borrows op. NULL with an exception (MemoryError). */
MoObject *MoCode_ConstantKey(MoObject *op);

/* new: a unit's constant cache, the dict of 3.11's compiler (c_const_cache) that
   every code object compiled from one module or one exec() shares. */
MoObject *MoCompile_ConstCacheNew(void);

/* new: the constant the unit uses for o (merge_consts_recursive): the first constant
   with o's key added to const_cache, or o itself, now registered. A tuple's items
   are merged too, in place (a frozenset's are not, unlike 3.11's). Borrows const_cache and o. NULL with an exception
   (MemoryError, or TypeError for an unhashable object). */
MoObject *MoCompile_MergeConst(MoObject *const_cache, MoObject *o);

/* Add o to a code object's constants (compiler_add_const): merge it through
   const_cache, intern it if it is a str made only of name characters (as making the
   code object does: intern_string_constants; strings inside tuples are left as they
   are, unlike 3.11's), then append it to the list consts unless it is there
   already. Returns its index in consts (its LOAD_CONST argument), or -1 with an
   exception. Borrows all three; consts takes its own reference. */
Mo_ssize_t MoCompile_AddConst(MoObject *const_cache, MoObject *consts, MoObject *o);

#endif
