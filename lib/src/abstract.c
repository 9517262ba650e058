/* The abstract protocols (3.11's Objects/abstract.c): numbers, sequences, and
 * any object's items, length and iteration (MoObject_GetItem, MoObject_Length,
 * MoObject_GetIter ...), dispatched through a type's slots with CPython's order
 * of attempts and its error messages.
 *
 * A binary number slot receives both operands whatever their types and answers
 * NotImplemented when it cannot handle them; binary_op1 then asks the other
 * operand's slot (first, when the right operand's type is a subclass of the left's).
 */
#include "internal.h"

#define NB_SLOT(name) offsetof(MoNumberMethods, name)
static binaryfunc nb_slot(MoTypeObject *t, size_t off)
{
    if (t->tp_as_number == NULL)
        return NULL;
    return *(binaryfunc *)((char *)t->tp_as_number + off);
}

/* region binary_op1 */
static MoObject *binary_op1(MoObject *v, MoObject *w, size_t off)
{
    binaryfunc slotv = nb_slot(Mo_TYPE(v), off);
    binaryfunc slotw = NULL;
    if (!Mo_IS_TYPE(w, Mo_TYPE(v))) {
        slotw = nb_slot(Mo_TYPE(w), off);
        if (slotw == slotv)
            slotw = NULL;
    }
    MoObject *x;
    if (slotv != NULL) {
        if (slotw != NULL && MoType_IsSubtype(Mo_TYPE(w), Mo_TYPE(v))) {
            x = slotw(v, w);
            if (x != Mo_NotImplemented)
                return x;
            Mo_DECREF(x);
            slotw = NULL;
        }
        x = slotv(v, w);
        if (x != Mo_NotImplemented)
            return x;
        Mo_DECREF(x);
    }
    if (slotw != NULL) {
        x = slotw(v, w);
        if (x != Mo_NotImplemented)
            return x;
        Mo_DECREF(x);
    }
    Mo_RETURN_NOTIMPLEMENTED;
}
/* endregion binary_op1 */

static MoObject *binop_type_error(MoObject *v, MoObject *w, const char *op_name)
{
    MoErr_Format(MoExc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", op_name,
                 Mo_TYPE(v)->tp_name, Mo_TYPE(w)->tp_name);
    return NULL;
}

static MoObject *binary_op(MoObject *v, MoObject *w, size_t off, const char *op_name)
{
    MoObject *res = binary_op1(v, w, off);
    if (res == Mo_NotImplemented) {
        Mo_DECREF(res);
        return binop_type_error(v, w, op_name);
    }
    return res;
}

MoObject *MoNumber_Add(MoObject *v, MoObject *w)
{
    MoObject *res = binary_op1(v, w, NB_SLOT(nb_add));
    if (res != Mo_NotImplemented)
        return res;
    Mo_DECREF(res);
    MoSequenceMethods *m = Mo_TYPE(v)->tp_as_sequence;
    if (m && m->sq_concat)
        return m->sq_concat(v, w);
    return binop_type_error(v, w, "+");
}

MoObject *MoNumber_Subtract(MoObject *v, MoObject *w) { return binary_op(v, w, NB_SLOT(nb_subtract), "-"); }
MoObject *MoNumber_TrueDivide(MoObject *v, MoObject *w) { return binary_op(v, w, NB_SLOT(nb_true_divide), "/"); }
MoObject *MoNumber_FloorDivide(MoObject *v, MoObject *w) { return binary_op(v, w, NB_SLOT(nb_floor_divide), "//"); }
MoObject *MoNumber_Remainder(MoObject *v, MoObject *w) { return binary_op(v, w, NB_SLOT(nb_remainder), "%"); }

/* seq * n: the count must be an index. */
static MoObject *sequence_repeat(ssizeargfunc repeatfunc, MoObject *seq, MoObject *n)
{
    if (!MoIndex_Check(n)) {
        MoErr_Format(MoExc_TypeError, "can't multiply sequence by non-int of type '%s'", Mo_TYPE(n)->tp_name);
        return NULL;
    }
    Mo_ssize_t count = MoNumber_AsSsize_t(n, MoExc_OverflowError);
    if (count == -1 && MoErr_Occurred())
        return NULL;
    return repeatfunc(seq, count);
}

MoObject *MoNumber_Multiply(MoObject *v, MoObject *w)
{
    MoObject *res = binary_op1(v, w, NB_SLOT(nb_multiply));
    if (res != Mo_NotImplemented)
        return res;
    Mo_DECREF(res);
    MoSequenceMethods *mv = Mo_TYPE(v)->tp_as_sequence;
    MoSequenceMethods *mw = Mo_TYPE(w)->tp_as_sequence;
    if (mv && mv->sq_repeat)
        return sequence_repeat(mv->sq_repeat, v, w);
    if (mw && mw->sq_repeat)
        return sequence_repeat(mw->sq_repeat, w, v);
    return binop_type_error(v, w, "*");
}

MoObject *MoNumber_Power(MoObject *v, MoObject *w)
{
    MoTypeObject *tv = Mo_TYPE(v), *tw = Mo_TYPE(w);
    ternaryfunc slotv = tv->tp_as_number ? tv->tp_as_number->nb_power : NULL;
    ternaryfunc slotw = tw->tp_as_number ? tw->tp_as_number->nb_power : NULL;
    if (slotw == slotv)
        slotw = NULL;
    MoObject *x;
    if (slotv != NULL) {
        x = slotv(v, w, Mo_None);
        if (x != Mo_NotImplemented)
            return x;
        Mo_DECREF(x);
    }
    if (slotw != NULL) {
        x = slotw(v, w, Mo_None);
        if (x != Mo_NotImplemented)
            return x;
        Mo_DECREF(x);
    }
    return binop_type_error(v, w, "** or pow()");
}

MoObject *MoNumber_Divmod(MoObject *v, MoObject *w) { return binary_op(v, w, NB_SLOT(nb_divmod), "divmod()"); }
MoObject *MoNumber_Lshift(MoObject *v, MoObject *w) { return binary_op(v, w, NB_SLOT(nb_lshift), "<<"); }
MoObject *MoNumber_Rshift(MoObject *v, MoObject *w) { return binary_op(v, w, NB_SLOT(nb_rshift), ">>"); }
MoObject *MoNumber_And(MoObject *v, MoObject *w) { return binary_op(v, w, NB_SLOT(nb_and), "&"); }
MoObject *MoNumber_Xor(MoObject *v, MoObject *w) { return binary_op(v, w, NB_SLOT(nb_xor), "^"); }
MoObject *MoNumber_Or(MoObject *v, MoObject *w) { return binary_op(v, w, NB_SLOT(nb_or), "|"); }

/* A unary operator through its slot (off in MoNumberMethods), or 3.11's
   "bad operand type for unary -: 'str'" (abs(): "bad operand type for abs()"). */
static MoObject *unary_op(MoObject *o, size_t off, const char *what)
{
    MoNumberMethods *m = Mo_TYPE(o)->tp_as_number;
    unaryfunc f = m != NULL ? *(unaryfunc *)((char *)m + off) : NULL;
    if (f != NULL)
        return f(o);
    MoErr_Format(MoExc_TypeError, "bad operand type for %s: '%s'", what, Mo_TYPE(o)->tp_name);
    return NULL;
}

MoObject *MoNumber_Negative(MoObject *o) { return unary_op(o, NB_SLOT(nb_negative), "unary -"); }
MoObject *MoNumber_Positive(MoObject *o) { return unary_op(o, NB_SLOT(nb_positive), "unary +"); }
MoObject *MoNumber_Invert(MoObject *o) { return unary_op(o, NB_SLOT(nb_invert), "unary ~"); }
MoObject *MoNumber_Absolute(MoObject *o) { return unary_op(o, NB_SLOT(nb_absolute), "abs()"); }

/* a op= b (3.11's binary_iop1): the left operand's in-place slot, then the
   binary operator's slots; NotImplemented when none answers. */
static MoObject *binary_iop1(MoObject *v, MoObject *w, size_t iop, size_t op)
{
    binaryfunc f = nb_slot(Mo_TYPE(v), iop);
    if (f != NULL) {
        MoObject *x = f(v, w);
        if (x != Mo_NotImplemented)
            return x;
        Mo_DECREF(x);
    }
    return binary_op1(v, w, op);
}

static MoObject *binary_iop(MoObject *v, MoObject *w, size_t iop, size_t op, const char *op_name)
{
    MoObject *res = binary_iop1(v, w, iop, op);
    if (res == Mo_NotImplemented) {
        Mo_DECREF(res);
        return binop_type_error(v, w, op_name);
    }
    return res;
}

#define INPLACE_OP(func, iop, op, text)                                                  \
    MoObject *func(MoObject *v, MoObject *w) { return binary_iop(v, w, NB_SLOT(iop), NB_SLOT(op), text); }
INPLACE_OP(MoNumber_InPlaceSubtract, nb_inplace_subtract, nb_subtract, "-=")
INPLACE_OP(MoNumber_InPlaceTrueDivide, nb_inplace_true_divide, nb_true_divide, "/=")
INPLACE_OP(MoNumber_InPlaceFloorDivide, nb_inplace_floor_divide, nb_floor_divide, "//=")
INPLACE_OP(MoNumber_InPlaceRemainder, nb_inplace_remainder, nb_remainder, "%=")
INPLACE_OP(MoNumber_InPlaceLshift, nb_inplace_lshift, nb_lshift, "<<=")
INPLACE_OP(MoNumber_InPlaceRshift, nb_inplace_rshift, nb_rshift, ">>=")
INPLACE_OP(MoNumber_InPlaceAnd, nb_inplace_and, nb_and, "&=")
INPLACE_OP(MoNumber_InPlaceXor, nb_inplace_xor, nb_xor, "^=")
INPLACE_OP(MoNumber_InPlaceOr, nb_inplace_or, nb_or, "|=")

/* a *= b: the in-place slot, then *, then in-place sequence repetition. */
MoObject *MoNumber_InPlaceMultiply(MoObject *v, MoObject *w)
{
    MoObject *res = binary_iop1(v, w, NB_SLOT(nb_inplace_multiply), NB_SLOT(nb_multiply));
    if (res != Mo_NotImplemented)
        return res;
    Mo_DECREF(res);
    MoSequenceMethods *mv = Mo_TYPE(v)->tp_as_sequence;
    if (mv && (mv->sq_inplace_repeat || mv->sq_repeat))
        return sequence_repeat(mv->sq_inplace_repeat ? mv->sq_inplace_repeat : mv->sq_repeat, v, w);
    return binop_type_error(v, w, "*=");
}

/* a += b: the in-place slot, then the plain one, then sequence concatenation. */
MoObject *MoNumber_InPlaceAdd(MoObject *v, MoObject *w)
{
    MoNumberMethods *m = Mo_TYPE(v)->tp_as_number;
    if (m && m->nb_inplace_add) {
        MoObject *x = m->nb_inplace_add(v, w);
        if (x != Mo_NotImplemented)
            return x;
        Mo_DECREF(x);
    }
    MoObject *res = binary_op1(v, w, NB_SLOT(nb_add));
    if (res != Mo_NotImplemented)
        return res;
    Mo_DECREF(res);
    MoSequenceMethods *s = Mo_TYPE(v)->tp_as_sequence;
    if (s && s->sq_inplace_concat)
        return s->sq_inplace_concat(v, w);
    if (s && s->sq_concat)
        return s->sq_concat(v, w);
    return binop_type_error(v, w, "+=");
}

int MoNumber_Check(MoObject *o)
{
    MoNumberMethods *m = Mo_TYPE(o)->tp_as_number;
    return m && (m->nb_index || m->nb_int || m->nb_float);
}

MoObject *MoNumber_Long(MoObject *o)
{
    if (MoLong_CheckExact(o))
        return Mo_NewRef(o);
    MoNumberMethods *m = Mo_TYPE(o)->tp_as_number;
    if (m && m->nb_int)
        return m->nb_int(o);
    MoErr_Format(MoExc_TypeError,
                 "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                 Mo_TYPE(o)->tp_name);
    return NULL;
}

MoObject *MoNumber_Float(MoObject *o)
{
    if (MoFloat_CheckExact(o))
        return Mo_NewRef(o);
    MoNumberMethods *m = Mo_TYPE(o)->tp_as_number;
    if (m && m->nb_float)
        return m->nb_float(o);
    MoErr_Format(MoExc_TypeError, "float() argument must be a string or a real number, not '%s'",
                 Mo_TYPE(o)->tp_name);
    return NULL;
}

int MoIndex_Check(MoObject *o)
{
    MoNumberMethods *m = Mo_TYPE(o)->tp_as_number;
    return m != NULL && m->nb_index != NULL;
}

/* An index: an int, clamped to exc's range. With exc NULL, clamp silently. */
Mo_ssize_t MoNumber_AsSsize_t(MoObject *o, MoObject *exc)
{
    if (!MoIndex_Check(o)) {
        MoErr_Format(MoExc_TypeError, "'%s' object cannot be interpreted as an integer", Mo_TYPE(o)->tp_name);
        return -1;
    }
    MoObject *i = Mo_TYPE(o)->tp_as_number->nb_index(o);
    if (i == NULL)
        return -1;
    Mo_ssize_t v = MoLong_AsSsize_t(i);
    Mo_DECREF(i);
    if (v == -1 && MoErr_Occurred() && MoErr_ExceptionMatches(MoExc_OverflowError)) {
        if (exc == NULL) {
            MoErr_Clear();
            return MO_SSIZE_T_MAX;
        }
        MoErr_Clear();
        MoErr_Format(exc, "cannot fit '%s' into an index-sized integer", Mo_TYPE(o)->tp_name);
        return -1;
    }
    return v;
}

/* --------------------------------------------------------------- sequences */

int MoSequence_Check(MoObject *o)
{
    if (MoDict_Check(o))
        return 0;
    MoSequenceMethods *m = Mo_TYPE(o)->tp_as_sequence;
    return m != NULL && m->sq_item != NULL;
}

Mo_ssize_t MoSequence_Size(MoObject *s)
{
    MoSequenceMethods *m = Mo_TYPE(s)->tp_as_sequence;
    if (m && m->sq_length)
        return m->sq_length(s);
    MoErr_Format(MoExc_TypeError, "object of type '%s' has no len()", Mo_TYPE(s)->tp_name);
    return -1;
}

MoObject *MoSequence_Repeat(MoObject *seq, Mo_ssize_t n)
{
    MoSequenceMethods *m = Mo_TYPE(seq)->tp_as_sequence;
    if (m && m->sq_repeat)
        return m->sq_repeat(seq, n);
    MoErr_Format(MoExc_TypeError, "'%s' object can't be repeated", Mo_TYPE(seq)->tp_name);
    return NULL;
}

MoObject *MoSequence_InPlaceRepeat(MoObject *seq, Mo_ssize_t n)
{
    MoSequenceMethods *m = Mo_TYPE(seq)->tp_as_sequence;
    if (m && m->sq_inplace_repeat)
        return m->sq_inplace_repeat(seq, n);
    return MoSequence_Repeat(seq, n);
}

MoObject *MoSequence_Concat(MoObject *a, MoObject *b)
{
    MoSequenceMethods *m = Mo_TYPE(a)->tp_as_sequence;
    if (m && m->sq_concat)
        return m->sq_concat(a, b);
    MoErr_Format(MoExc_TypeError, "'%s' object can't be concatenated", Mo_TYPE(a)->tp_name);
    return NULL;
}

MoObject *MoSequence_InPlaceConcat(MoObject *a, MoObject *b)
{
    MoSequenceMethods *m = Mo_TYPE(a)->tp_as_sequence;
    if (m && m->sq_inplace_concat)
        return m->sq_inplace_concat(a, b);
    return MoSequence_Concat(a, b);
}

#define HAS_MP(o, slot) (Mo_TYPE(o)->tp_as_mapping != NULL && Mo_TYPE(o)->tp_as_mapping->slot != NULL)

/* The TypeError of a sequence operation on a type without the slot: a mapping
   "is not a sequence", anything else gets msg (3.11's wording for each). */
static void sequence_type_error(MoObject *s, int is_mapping, const char *msg)
{
    MoErr_Format(MoExc_TypeError, is_mapping ? "%s is not a sequence" : msg, Mo_TYPE(s)->tp_name);
}

/* A negative index counts from the end, as Python does, before the slot sees it. */
static int sequence_fix_index(MoObject *s, Mo_ssize_t *i)
{
    if (*i < 0) {
        MoSequenceMethods *m = Mo_TYPE(s)->tp_as_sequence;
        if (m->sq_length) {
            Mo_ssize_t n = m->sq_length(s);
            if (n < 0)
                return -1;
            *i += n;
        }
    }
    return 0;
}

MoObject *MoSequence_GetItem(MoObject *s, Mo_ssize_t i)
{
    MoSequenceMethods *m = Mo_TYPE(s)->tp_as_sequence;
    if (m == NULL || m->sq_item == NULL) {
        sequence_type_error(s, HAS_MP(s, mp_subscript), "'%s' object does not support indexing");
        return NULL;
    }
    if (sequence_fix_index(s, &i) < 0)
        return NULL;
    return m->sq_item(s, i);
}

int MoSequence_SetItem(MoObject *s, Mo_ssize_t i, MoObject *v)
{
    MoSequenceMethods *m = Mo_TYPE(s)->tp_as_sequence;
    if (m == NULL || m->sq_ass_item == NULL) {
        sequence_type_error(s, HAS_MP(s, mp_ass_subscript), "'%s' object does not support item assignment");
        return -1;
    }
    if (sequence_fix_index(s, &i) < 0)
        return -1;
    return m->sq_ass_item(s, i, v);
}

int MoSequence_DelItem(MoObject *s, Mo_ssize_t i)
{
    MoSequenceMethods *m = Mo_TYPE(s)->tp_as_sequence;
    if (m == NULL || m->sq_ass_item == NULL) {
        sequence_type_error(s, HAS_MP(s, mp_ass_subscript), "'%s' object doesn't support item deletion");
        return -1;
    }
    if (sequence_fix_index(s, &i) < 0)
        return -1;
    return m->sq_ass_item(s, i, NULL);
}

/* `v in s`: the container's own test, else a search by iteration. */
int MoSequence_Contains(MoObject *s, MoObject *v)
{
    MoSequenceMethods *m = Mo_TYPE(s)->tp_as_sequence;
    if (m && m->sq_contains)
        return m->sq_contains(s, v);
    return _MoSequence_IterSearchContains(s, v);
}

int _MoSequence_IterSearchContains(MoObject *s, MoObject *v)
{
    MoObject *it = MoObject_GetIter(s);
    if (it == NULL) {
        if (MoErr_ExceptionMatches(MoExc_TypeError)) {
            MoErr_Clear();
            MoErr_Format(MoExc_TypeError, "argument of type '%s' is not iterable", Mo_TYPE(s)->tp_name);
        }
        return -1;
    }
    int found = 0;
    MoObject *item;
    while (!found && (item = MoIter_Next(it)) != NULL) {
        found = MoObject_RichCompareBool(item, v, MO_EQ);
        Mo_DECREF(item);
    }
    Mo_DECREF(it);
    if (found == 0 && MoErr_Occurred())
        return -1;
    return found;
}

MoObject *MoSequence_Tuple(MoObject *iterable)
{
    if (MoTuple_CheckExact(iterable))
        return Mo_NewRef(iterable);
    MoObject *l = MoSequence_List(iterable);
    if (l == NULL)
        return NULL;
    MoObject *t = MoList_AsTuple(l);
    Mo_DECREF(l);
    return t;
}

/* A start/stop argument of index(): clipped to the Mo_ssize_t range, as slice
   indices are. 0, or -1 with TypeError. */
static int slice_index(MoObject *v, Mo_ssize_t *out)
{
    if (!MoIndex_Check(v)) {
        MoErr_SetString(MoExc_TypeError, "slice indices must be integers or have an __index__ method");
        return -1;
    }
    Mo_ssize_t x = MoNumber_AsSsize_t(v, NULL);
    if (x == -1 && MoErr_Occurred())
        return -1;
    *out = x;
    return 0;
}

/* The arguments of seq.index(value[, start[, stop]]) for a sequence of size items:
   *value borrowed, start and stop made non-negative (stop may still exceed size).
   0, or -1 with an exception. */
int _MoSequence_IndexArgs(MoObject *args, Mo_ssize_t size, MoObject **value, Mo_ssize_t *start, Mo_ssize_t *stop)
{
    MoObject *ostart = NULL, *ostop = NULL;
    *start = 0;
    *stop = MO_SSIZE_T_MAX;
    if (!MoArg_UnpackTuple(args, "index", 1, 3, value, &ostart, &ostop))
        return -1;
    if ((ostart != NULL && slice_index(ostart, start) < 0) || (ostop != NULL && slice_index(ostop, stop) < 0))
        return -1;
    if (*start < 0 && (*start += size) < 0)
        *start = 0;
    if (*stop < 0 && (*stop += size) < 0)
        *stop = 0;
    return 0;
}

/* The end of a lexicographic comparison of two item arrays, shared by list and
   tuple: i is the first index whose items differ, or the shorter length when all
   compared items were equal (then the lengths decide). */
MoObject *_MoSequence_CompareFrom(MoObject **v, Mo_ssize_t vlen, MoObject **w, Mo_ssize_t wlen, Mo_ssize_t i,
                                  int op)
{
    if (i >= vlen || i >= wlen) {
        static const int lt[6] = { 1, 1, 0, 1, 0, 0 }, eq[6] = { 0, 1, 1, 0, 0, 1 },
                         gt[6] = { 0, 0, 0, 1, 1, 1 };
        return MoBool_FromLong(vlen < wlen ? lt[op] : vlen == wlen ? eq[op] : gt[op]);
    }
    if (op == MO_EQ)
        Mo_RETURN_FALSE;
    if (op == MO_NE)
        Mo_RETURN_TRUE;
    return MoObject_RichCompare(v[i], w[i], op);
}

/* What __length_hint__ says, for iterators: defaultvalue when it has none or
   answers NotImplemented; -1 with an exception when it misbehaves. */
static Mo_ssize_t length_hint_method(MoObject *o, Mo_ssize_t defaultvalue)
{
    if (!MoObject_HasAttrString(o, "__length_hint__"))
        return defaultvalue;
    MoObject *r = MoObject_CallMethod(o, "__length_hint__", NULL);
    if (r == NULL) {
        if (!MoErr_ExceptionMatches(MoExc_TypeError))
            return -1;
        MoErr_Clear();
        return defaultvalue;
    }
    if (r == Mo_NotImplemented) {
        Mo_DECREF(r);
        return defaultvalue;
    }
    if (!MoLong_Check(r)) {
        MoErr_Format(MoExc_TypeError, "__length_hint__ must be an integer, not %.100s", Mo_TYPE(r)->tp_name);
        Mo_DECREF(r);
        return -1;
    }
    Mo_ssize_t n = MoLong_AsSsize_t(r);
    Mo_DECREF(r);
    if (n == -1 && MoErr_Occurred())
        return -1;
    if (n < 0) {
        MoErr_SetString(MoExc_ValueError, "__length_hint__() should return >= 0");
        return -1;
    }
    return n;
}

/* 3.11's PyObject_LengthHint: len() if the object has one, else __length_hint__,
   else defaultvalue; -1 on error. */
Mo_ssize_t MoObject_LengthHint(MoObject *o, Mo_ssize_t defaultvalue)
{
    MoTypeObject *t = Mo_TYPE(o);
    if ((t->tp_as_sequence && t->tp_as_sequence->sq_length) || (t->tp_as_mapping && t->tp_as_mapping->mp_length)) {
        Mo_ssize_t n = MoObject_Length(o);
        if (n >= 0)
            return n;
        if (!MoErr_ExceptionMatches(MoExc_TypeError))
            return -1;
        MoErr_Clear();
    }
    return length_hint_method(o, defaultvalue);
}

/* ============================================ items, length and iteration */

/* The item protocols of any object (3.11's PyObject_GetItem, _SetItem, _DelItem):
   the mapping slot first, else the sequence slot with an index key. The
   messages differ as 3.11's do: "does not support item deletion" from here,
   "doesn't support item deletion" from MoSequence_DelItem (an index key on a
   sequence without sq_ass_item reaches it, as `del (1, 2)[0]` does). */

/* The key as an index for o's sequence slot: 1 and *i set, 0 when key is no
   index (nothing set), -1 with an error. */
static int item_index(MoObject *key, Mo_ssize_t *i)
{
    if (!MoIndex_Check(key))
        return 0;
    *i = MoNumber_AsSsize_t(key, MoExc_IndexError);
    return (*i == -1 && MoErr_Occurred()) ? -1 : 1;
}

MoObject *MoObject_GetItem(MoObject *o, MoObject *key)
{
    MoTypeObject *t = Mo_TYPE(o);
    if (t->tp_as_mapping && t->tp_as_mapping->mp_subscript)
        return t->tp_as_mapping->mp_subscript(o, key);
    if (t->tp_as_sequence && t->tp_as_sequence->sq_item) {
        Mo_ssize_t i;
        int r = item_index(key, &i);
        if (r == 0)
            MoErr_Format(MoExc_TypeError, "sequence index must be integer, not '%s'", Mo_TYPE(key)->tp_name);
        return r > 0 ? MoSequence_GetItem(o, i) : NULL;
    }
    if (MoType_Check(o))
        MoErr_Format(MoExc_TypeError, "type '%s' is not subscriptable", ((MoTypeObject *)o)->tp_name);
    else
        MoErr_Format(MoExc_TypeError, "'%s' object is not subscriptable", t->tp_name);
    return NULL;
}

/* o[key] = v, or del o[key] when v is NULL. */
static int set_or_del_item(MoObject *o, MoObject *key, MoObject *v)
{
    MoTypeObject *t = Mo_TYPE(o);
    if (t->tp_as_mapping && t->tp_as_mapping->mp_ass_subscript)
        return t->tp_as_mapping->mp_ass_subscript(o, key, v);
    if (t->tp_as_sequence) {
        Mo_ssize_t i;
        int r = item_index(key, &i);
        if (r != 0)
            return r < 0 ? -1 : v != NULL ? MoSequence_SetItem(o, i, v) : MoSequence_DelItem(o, i);
        if (t->tp_as_sequence->sq_ass_item) {
            MoErr_Format(MoExc_TypeError, "sequence index must be integer, not '%s'", Mo_TYPE(key)->tp_name);
            return -1;
        }
    }
    MoErr_Format(MoExc_TypeError, "'%s' object does not support item %s", t->tp_name,
                 v != NULL ? "assignment" : "deletion");
    return -1;
}

int MoObject_SetItem(MoObject *o, MoObject *key, MoObject *v)
{
    if (v == NULL) {
        MoErr_BadInternalCall();
        return -1;
    }
    return set_or_del_item(o, key, v);
}

int MoObject_DelItem(MoObject *o, MoObject *key)
{
    return set_or_del_item(o, key, NULL);
}

Mo_ssize_t MoObject_Length(MoObject *o)
{
    MoTypeObject *t = Mo_TYPE(o);
    if (t->tp_as_sequence && t->tp_as_sequence->sq_length)
        return t->tp_as_sequence->sq_length(o);
    if (t->tp_as_mapping && t->tp_as_mapping->mp_length)
        return t->tp_as_mapping->mp_length(o);
    MoErr_Format(MoExc_TypeError, "object of type '%s' has no len()", t->tp_name);
    return -1;
}

MoObject *MoObject_SelfIter(MoObject *o)
{
    return Mo_NewRef(o);
}

MoObject *MoObject_GetIter(MoObject *o)
{
    getiterfunc f = Mo_TYPE(o)->tp_iter;
    if (f == NULL && MoSequence_Check(o))
        return MoSeqIter_New(o);   /* __getitem__ without __iter__ */
    if (f == NULL) {
        MoErr_Format(MoExc_TypeError, "'%s' object is not iterable", Mo_TYPE(o)->tp_name);
        return NULL;
    }
    MoObject *it = f(o);
    if (it != NULL && Mo_TYPE(it)->tp_iternext == NULL) {
        MoErr_Format(MoExc_TypeError, "iter() returned non-iterator of type '%s'", Mo_TYPE(it)->tp_name);
        Mo_DECREF(it);
        return NULL;
    }
    return it;
}

MoObject *MoIter_Next(MoObject *it)
{
    iternextfunc next = Mo_TYPE(it)->tp_iternext;
    if (next == NULL) {
        MoErr_Format(MoExc_TypeError, "'%s' object is not an iterator", Mo_TYPE(it)->tp_name);
        return NULL;
    }
    MoObject *res = next(it);
    if (res == NULL && MoErr_ExceptionMatches(MoExc_StopIteration))
        MoErr_Clear();
    return res;
}
