/* Lab 03 grader, part B: the immutable Point and the mutable Vec
 * (labs/03-mutability/point.h, vec.h).
 *
 * Point: its coordinates are the objects given (one reference each), its hash is
 * computed once at creation, equal points are equal keys, and every assignment is
 * refused with CPython's message. Vec: in-place operators return the very object
 * they changed, with the count a new reference adds, and hashing is refused.
 */
#include "harness.h"
#include "point.h"
#include "vec.h"

MG_LAB_SETUP(Point_Ready)
MG_LAB_SETUP(Vec_Ready)

/* ------------------------------------------------------------------ helpers */

/* new: an int above the small-int cache, so that its count starts at 1. */
static MoObject *big(long v)
{
    return mg_ok(MoLong_FromLong(100000 + v), "MoLong_FromLong");
}

static MoObject *point(MoObject *x, MoObject *y)
{
    MoObject *p = Point_New(x, y);
    ck_assert_msg(p != NULL, "Point_New returned NULL (%s)", mg_exc_text());
    return p;
}

static MoObject *vec2(double a, double b)
{
    double xs[] = {a, b};
    return mg_ok(Vec_New(2, xs), "Vec_New");
}

/* new: v *= k, as the interpreter does it (the runtime has no MoNumber_InPlaceMultiply):
   the type's nb_inplace_multiply, and v * k when it has none or it says NotImplemented. */
static MoObject *inplace_multiply(MoObject *v, MoObject *k)
{
    MoNumberMethods *m = Mo_TYPE(v)->tp_as_number;
    if (m != NULL && m->nb_inplace_multiply != NULL) {
        MoObject *r = m->nb_inplace_multiply(v, k);
        if (r != Mo_NotImplemented)
            return r;
        Mo_DECREF(r);
    }
    return MoNumber_Multiply(v, k);
}

static void expect_components(MoObject *v, Mo_ssize_t n, const double *xs, const char *what)
{
    VecObject *vo = (VecObject *)v;
    ck_assert_msg(vo->size == n, "%s has %zd components, expected %zd", what, vo->size, n);
    for (Mo_ssize_t i = 0; i < n; i++)
        if (vo->values[i] != xs[i])
            ck_abort_msg("%s: component %zd is %g, expected %g", what, i, vo->values[i], xs[i]);
}

/* ------------------------------------------------------------------ Point */

MG_TEST(point_new_holds_coordinates, 3, "Point_New returns a lab03.Point holding a reference to each coordinate; repr Point(x=..., y=...)")
{
    MoObject *x = big(1), *y = big(2);
    MoObject *p = point(x, y);
    ck_assert_msg(Mo_TYPE(p) == &Point_Type, "Point_New returned a '%s', expected a 'lab03.Point'", Mo_TYPE(p)->tp_name);
    mg_assert_refcnt(p, 1, "a new Point");
    ck_assert_msg(((PointObject *)p)->x == x && ((PointObject *)p)->y == y, "the Point's x and y are not the objects given");
    mg_assert_refcnt(x, 2, "x after Point_New (yours and the Point's)");
    mg_assert_repr(p, "Point(x=100001, y=100002)", "a Point");
    Mo_DECREF(p);
    mg_assert_refcnt(x, 1, "x once the Point is freed");
    mg_assert_refcnt(y, 1, "y once the Point is freed");
    Mo_DECREF(x);
    Mo_DECREF(y);
}

MG_TEST(point_hash_cached_at_creation, 4, "a Point's hash is hash((x, y)), computed by Point_New and stored in its hash field")
{
    MoObject *x = big(1), *y = mg_ok(MoUnicode_FromString("north"), "MoUnicode_FromString");
    MoObject *p = point(x, y);
    MoObject *pair = mg_ok(MoTuple_Pack(2, x, y), "MoTuple_Pack");
    Mo_hash_t expected = MoObject_Hash(pair);
    ck_assert_msg(((PointObject *)p)->hash == expected, "the hash field right after Point_New is %ld, expected hash((x, y)) = %ld",
                  (long)((PointObject *)p)->hash, (long)expected);
    Mo_hash_t got = MoObject_Hash(p);
    ck_assert_msg(got == expected, "hash(p) is %ld (%s), expected hash((x, y)) = %ld", (long)got, mg_exc_text(), (long)expected);
    Mo_DECREF(pair);
    Mo_DECREF(p);
    Mo_DECREF(x);
    Mo_DECREF(y);
}

MG_TEST(point_equal_by_value, 3, "two Points with equal coordinates are ==, not !=; unequal ones are not; a Point and an int compare by identity")
{
    MoObject *a = big(1), *b = big(1), *c = big(3);
    MoObject *p = point(a, c), *q = point(b, c), *r = point(c, a);
    ck_assert_msg(MoObject_RichCompareBool(p, q, MO_EQ) == 1, "Point(x=100001, y=100003) == an equal Point is not True");
    ck_assert_msg(MoObject_RichCompareBool(p, q, MO_NE) == 0, "Point(x=100001, y=100003) != an equal Point is not False");
    ck_assert_msg(MoObject_RichCompareBool(p, r, MO_EQ) == 0, "Point(x=100001, y=100003) == Point(x=100003, y=100001) is not False");
    ck_assert_msg(MoObject_RichCompareBool(p, a, MO_EQ) == 0, "a Point == an int is not False (%s)", mg_exc_text());
    mg_assert_no_exc("comparing Points");
    Mo_DECREF(p);
    Mo_DECREF(q);
    Mo_DECREF(r);
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(c);
}

MG_TEST(point_is_a_dict_key, 3, "a Point is a dict key: an equal but distinct Point finds the value")
{
    MoObject *a = big(1), *b = big(1);
    MoObject *p = point(a, a), *q = point(b, b);
    MoObject *d = mg_ok(MoDict_New(), "MoDict_New");
    MoObject *v = mg_ok(MoUnicode_FromString("here"), "MoUnicode_FromString");
    ck_assert_msg(MoDict_SetItem(d, p, v) == 0, "d[Point] = 'here' failed (%s)", mg_exc_text());
    ck_assert_msg(MoDict_GetItem(d, q) == v, "d[an equal Point] did not find 'here'");
    mg_assert_no_exc("looking up a Point");
    mg_assert_refcnt(p, 2, "the Point used as a key (yours and the dict's)");
    Mo_DECREF(d);
    Mo_DECREF(v);
    Mo_DECREF(p);
    Mo_DECREF(q);
    Mo_DECREF(a);
    Mo_DECREF(b);
}

MG_TEST(point_refuses_assignment, 3, "p.x = ... and p.z = ... raise AttributeError with CPython's messages; the Point is unchanged")
{
    MoObject *x = big(1), *y = big(2), *z = big(9);
    MoObject *p = point(x, y);
    ck_assert_msg(MoObject_SetAttrString(p, "x", z) < 0, "p.x = 100009 succeeded: a Point is immutable");
    mg_assert_exc(MoExc_AttributeError, "attribute 'x' of 'lab03.Point' objects is not writable", "p.x = 100009");
    ck_assert_msg(MoObject_SetAttrString(p, "z", z) < 0, "p.z = 100009 succeeded: a Point has no other attributes");
    mg_assert_exc(MoExc_AttributeError, "'lab03.Point' object has no attribute 'z'", "p.z = 100009");
    MoObject *got = mg_ok(MoObject_GetAttrString(p, "x"), "p.x");
    ck_assert_msg(got == x, "p.x is not the original x after the refused assignment");
    Mo_DECREF(got);
    got = mg_ok(MoObject_GetAttrString(p, "y"), "p.y");
    ck_assert_msg(got == y, "p.y is not the y given to Point_New");
    mg_assert_refcnt(y, 3, "y while you hold p.y (yours, the Point's, p.y's)");
    Mo_DECREF(got);
    mg_assert_refcnt(z, 1, "the value whose assignment was refused");
    Mo_DECREF(p);
    Mo_DECREF(x);
    Mo_DECREF(y);
    Mo_DECREF(z);
}

MG_TEST(point_refuses_unhashable_coordinate, 3, "Point_New with a list coordinate raises TypeError: unhashable type: 'list' and makes nothing")
{
    MoObject *l = mg_ok(MoList_New(0), "MoList_New"), *y = big(2);
    Mo_ssize_t before = mg_live();
    ck_assert_msg(Point_New(l, y) == NULL, "Point_New([], 100002) returned a Point: its hash could change");
    mg_assert_exc(MoExc_TypeError, "unhashable type: 'list'", "Point_New([], 100002)");
    mg_assert_no_new_objects(before, "after the refused Point_New");
    mg_assert_refcnt(l, 1, "the list after the refused Point_New");
    Mo_DECREF(l);
    Mo_DECREF(y);
}

/* -------------------------------------------------------------------- Vec */

MG_TEST(vec_inplace_add_keeps_identity, 4, "v += w changes v and returns v itself (one new reference); w and v + w behave")
{
    MoObject *v = vec2(1.0, 2.0), *w = vec2(10.0, 20.0);
    MoObject *r = MoNumber_InPlaceAdd(v, w);
    ck_assert_msg(r != NULL, "v += w failed (%s)", mg_exc_text());
    ck_assert_msg(r == v, "v += w returned a new object: an in-place operation keeps the identity");
    mg_assert_refcnt(v, 2, "v after r = (v += w) (yours and r)");
    expect_components(v, 2, (double[]){11.0, 22.0}, "v after v += w");
    expect_components(w, 2, (double[]){10.0, 20.0}, "w after v += w");
    Mo_DECREF(r);
    MoObject *s = mg_ok(MoNumber_Add(v, w), "v + w");
    ck_assert_msg(s != v && s != w, "v + w returned one of its operands: + makes a new Vec");
    Mo_DECREF(s);
    MoObject *u = vec2(0.0, 0.0);
    ck_assert_int_eq(Vec_Append(u, 1.0), 0);
    ck_assert_msg(MoNumber_InPlaceAdd(v, u) == NULL, "v += (a Vec of 3) succeeded");
    mg_assert_exc(MoExc_ValueError, "vectors of different lengths (2 and 3)", "v += (a Vec of 3)");
    expect_components(v, 2, (double[]){11.0, 22.0}, "v after the failed +=");
    Mo_DECREF(u);
    Mo_DECREF(v);
    Mo_DECREF(w);
}

MG_TEST(vec_inplace_multiply_keeps_identity, 3, "v *= 3 changes v and returns v itself; v * 3 makes a new Vec")
{
    MoObject *v = vec2(1.0, -2.0);
    MoObject *three = mg_ok(MoLong_FromLong(3), "MoLong_FromLong");
    MoObject *r = inplace_multiply(v, three);
    ck_assert_msg(r != NULL, "v *= 3 failed (%s)", mg_exc_text());
    ck_assert_msg(r == v, "v *= 3 returned a new object: an in-place operation keeps the identity");
    mg_assert_refcnt(v, 2, "v after r = (v *= 3)");
    expect_components(v, 2, (double[]){3.0, -6.0}, "v after v *= 3");
    Mo_DECREF(r);
    MoObject *p = mg_ok(MoNumber_Multiply(v, three), "v * 3");
    ck_assert_msg(p != v, "v * 3 returned v: * makes a new Vec");
    expect_components(v, 2, (double[]){3.0, -6.0}, "v after v * 3");
    Mo_DECREF(p);
    Mo_DECREF(three);
    Mo_DECREF(v);
}

MG_TEST(vec_append_grows_in_place, 3, "Vec_Append adds components to the same object, however many")
{
    MoObject *v = mg_ok(Vec_New(0, NULL), "Vec_New(0, NULL)");
    uintptr_t id = MoObject_Id(v);
    double xs[40];
    for (int i = 0; i < 40; i++) {
        xs[i] = i * 0.5;
        if (Vec_Append(v, xs[i]) != 0)
            ck_abort_msg("Vec_Append number %d failed (%s)", i + 1, mg_exc_text());
    }
    ck_assert_msg(MoObject_Id(v) == id, "the Vec moved: Vec_Append must change the object itself");
    expect_components(v, 40, xs, "the Vec after 40 appends");
    mg_assert_refcnt(v, 1, "the Vec after 40 appends");
    Mo_DECREF(v);
}

MG_TEST(vec_is_unhashable, 2, "hash(v) raises TypeError: unhashable type: 'lab03.Vec', and a Vec cannot be a dict key")
{
    MoObject *v = vec2(1.0, 2.0);
    ck_assert_msg(MoObject_Hash(v) == -1, "hash(v) returned a hash: a mutable Vec must be unhashable");
    mg_assert_exc(MoExc_TypeError, "unhashable type: 'lab03.Vec'", "hash(v)");
    MoObject *d = mg_ok(MoDict_New(), "MoDict_New");
    ck_assert_msg(MoDict_SetItem(d, v, v) < 0, "d[v] = v succeeded: a mutable Vec must not be a key");
    mg_assert_exc(MoExc_TypeError, "unhashable type: 'lab03.Vec'", "d[v] = v");
    mg_assert_refcnt(v, 1, "the Vec after the refused insertion");
    Mo_DECREF(d);
    Mo_DECREF(v);
}

MG_TEST(vec_repr_and_other_operands, 2, "repr(v) is Vec([1.0, 2.5]); v + 1 and v += 1 raise CPython's TypeError, with NotImplemented's count unchanged")
{
    MoObject *v = vec2(1.0, 2.5);
    mg_assert_repr(v, "Vec([1.0, 2.5])", "a Vec");
    MoObject *one = mg_ok(MoLong_FromLong(1), "MoLong_FromLong");
    Mo_ssize_t ni = Mo_REFCNT(Mo_NotImplemented);
    ck_assert_msg(MoNumber_Add(v, one) == NULL, "v + 1 returned an object");
    mg_assert_exc(MoExc_TypeError, "unsupported operand type(s) for +: 'lab03.Vec' and 'int'", "v + 1");
    ck_assert_msg(MoNumber_InPlaceAdd(v, one) == NULL, "v += 1 returned an object");
    mg_assert_exc(MoExc_TypeError, "unsupported operand type(s) for +=: 'lab03.Vec' and 'int'", "v += 1");
    MoObject *r = inplace_multiply(v, v);
    ck_assert_msg(r == NULL, "v *= v returned an object");
    mg_assert_exc(MoExc_TypeError, "unsupported operand type(s) for *: 'lab03.Vec' and 'lab03.Vec'", "v *= v");
    ck_assert_msg(Mo_REFCNT(Mo_NotImplemented) == ni, "NotImplemented's count went from %zd to %zd: a slot returned "
                  "it without a reference of its own, or kept one", ni, Mo_REFCNT(Mo_NotImplemented));
    expect_components(v, 2, (double[]){1.0, 2.5}, "v after the refused operations");
    Mo_DECREF(one);
    Mo_DECREF(v);
}

MG_TEST(vec_out_of_memory, 2, "Vec_New, Vec_Append and repr when memory runs out: MemoryError, the Vec unchanged, nothing leaked")
{
    MoObject *v = vec2(1.0, 2.0);
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(Vec_Append(v, 3.0 + i), 0);       /* full: 4 of 4 */
    Mo_ssize_t before = mg_live();
    mg_alloc_limit(0);
    int appended = Vec_Append(v, 5.0);
    mg_alloc_unlimited();
    ck_assert_msg(appended == -1, "Vec_Append with no memory left returned %d, expected -1", appended);
    mg_assert_exc(MoExc_MemoryError, NULL, "Vec_Append with no memory left");
    for (long n = 0; n < 2; n++) {        /* the object, then its components */
        mg_alloc_limit(n);
        MoObject *made = Vec_New(3, (double[]){1.0, 2.0, 3.0});
        mg_alloc_unlimited();
        ck_assert_msg(made == NULL, "Vec_New with %ld allocations allowed returned a Vec", n);
        mg_assert_exc(MoExc_MemoryError, NULL, "Vec_New with too little memory");
        mg_assert_no_new_objects(before, "after a failed Vec_New");
    }
    expect_components(v, 4, (double[]){1.0, 2.0, 3.0, 4.0}, "the Vec after the failed append");
    for (long n = 0; n < 20; n++) {
        mg_alloc_limit(n);
        MoObject *r = MoObject_Repr(v);
        mg_alloc_unlimited();
        if (r != NULL) {
            Mo_DECREF(r);
            break;
        }
        MoErr_Clear();
        if (mg_live() != before)
            ck_abort_msg("repr(v) with %ld allocations allowed failed and left %zd objects alive", n, mg_live() - before);
    }
    mg_assert_no_new_objects(before, "after the failed operations");
    Mo_DECREF(v);
}
