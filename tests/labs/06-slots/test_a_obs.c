/* Lab 06 grader, part A: the Obs record type (labs/06-slots/obs.h).
 *
 * Every expected message and value here is what CPython 3.11 gives for the same
 * type written against Python.h (the same struct, members and format string):
 * the conversions are the members' (a C float rounds 21.3 to 21.299999237060547),
 * the constructor's errors are MoArg_ParseTupleAndKeywords's. The layout is checked
 * from the type itself: tp_members must describe fields inside the object that do
 * not overlap, and each field must keep its own value when the others change.
 */
#include <stddef.h>
#include <string.h>
#include "harness.h"
#include "obs.h"

MG_LAB_SETUP(Obs_Ready)

/* ------------------------------------------------------------------ helpers */

/* new or NULL: Obs(*args, **kwargs); steals args and kwargs (either may be NULL). */
static MoObject *call_obs(MoObject *args, MoObject *kwargs)
{
    MoObject *o = NULL;
    if (args == NULL)
        args = MoTuple_New(0);
    if (args != NULL)
        o = MoObject_Call((MoObject *)&Obs_Type, args, kwargs);
    Mo_XDECREF(args);
    Mo_XDECREF(kwargs);
    return o;
}

#define BUILD(...) mg_ok(Mo_BuildValue(__VA_ARGS__), "Mo_BuildValue")

/* new: the observation every test starts from, which must be made. */
static MoObject *sample(void)
{
    MoObject *o = call_obs(BUILD("(sldlllO)", "KSEA", 4102444800L, 21.3, 101325L, 270L, 65L, Mo_True), NULL);
    ck_assert_msg(o != NULL, "Obs('KSEA', 4102444800, 21.3, 101325, 270, 65, True) failed: %s", mg_exc_text());
    return o;
}

/* Attribute name of o has repr expected. */
static void expect_attr(MoObject *o, const char *name, const char *expected)
{
    MoObject *v = MoObject_GetAttrString(o, name);
    if (v == NULL)
        ck_abort_msg("reading obs.%s failed: %s (expected %s)", name, mg_exc_text(), expected);
    char what[64];
    snprintf(what, sizeof what, "obs.%s", name);
    mg_assert_repr(v, expected, what);
    Mo_DECREF(v);
}

/* o.name = value (value's repr-like text for messages), which must succeed. */
static void set_attr(MoObject *o, const char *name, MoObject *value)
{
    if (MoObject_SetAttrString(o, name, value) < 0)
        ck_abort_msg("obs.%s = %s failed: %s", name, MoUnicode_AsUTF8(MoObject_Repr(value)), mg_exc_text());
}

/* The sample's fields, as repr. */
static const char *const sample_fields[][2] = {
    {"station", "'KSEA'"}, {"time", "4102444800"}, {"temp", "21.299999237060547"}, {"pressure", "101325"},
    {"wind", "270"}, {"humidity", "65"}, {"quality", "'?'"}, {"valid", "True"},
};
#define NFIELDS (sizeof sample_fields / sizeof sample_fields[0])

/* ------------------------------------------------------------ construction */

MG_TEST(obs_new_sets_fields, 5, "Obs(station, time, temp, pressure, wind, humidity, valid) keeps each value, as a new reference")
{
    MoObject *station = mg_ok(MoUnicode_FromString("KSEA"), "MoUnicode_FromString");
    MoObject *o = call_obs(BUILD("(OldlllO)", station, 4102444800L, 21.3, 101325L, 270L, 65L, Mo_True), NULL);
    ck_assert_msg(o != NULL, "Obs('KSEA', 4102444800, 21.3, 101325, 270, 65, True) failed: %s", mg_exc_text());
    ck_assert_msg(Obs_Check(o), "Obs(...) made a %s, not a lab06.Obs", Mo_TYPE(o)->tp_name);
    mg_assert_refcnt(o, 1, "a new Obs");
    for (size_t k = 0; k < NFIELDS; k++)
        expect_attr(o, sample_fields[k][0], sample_fields[k][1]);
    MoObject *got = mg_ok(MoObject_GetAttrString(o, "station"), "obs.station");
    ck_assert_msg(got == station, "obs.station is not the str given to Obs(): the object keeps its own reference to it");
    Mo_DECREF(got);
    mg_assert_refcnt(station, 2, "the station str while the Obs holds it");
    Mo_DECREF(o);
    Mo_DECREF(station);
}

MG_TEST(obs_defaults, 3, "pressure, wind, humidity and valid default to 101325, 0, 0 and True; quality starts as ?; no weak reference")
{
    MoObject *o = call_obs(BUILD("(sld)", "KPDX", 0L, -1.5), NULL);
    ck_assert_msg(o != NULL, "Obs('KPDX', 0, -1.5) failed: %s", mg_exc_text());
    static const char *const expect[][2] = {
        {"station", "'KPDX'"}, {"time", "0"}, {"temp", "-1.5"}, {"pressure", "101325"}, {"wind", "0"},
        {"humidity", "0"}, {"quality", "'?'"}, {"valid", "True"}, {"__weakref__", "None"},
    };
    for (size_t k = 0; k < sizeof expect / sizeof expect[0]; k++)
        expect_attr(o, expect[k][0], expect[k][1]);
    Mo_DECREF(o);
}

MG_TEST(obs_keywords, 3, "every argument can be given by keyword, in any order; time takes a 64-bit value")
{
    MoObject *o = call_obs(NULL, BUILD("{s:d,s:s,s:l,s:O,s:l,s:l,s:l}", "temp", -3.25, "station", "KSFO", "time",
                                       -2208988800L, "valid", Mo_False, "humidity", 100L, "wind", -1L, "pressure",
                                       99000L));
    ck_assert_msg(o != NULL, "Obs(temp=-3.25, station='KSFO', time=-2208988800, valid=False, humidity=100, "
                             "wind=-1, pressure=99000) failed: %s", mg_exc_text());
    static const char *const expect[][2] = {
        {"station", "'KSFO'"}, {"time", "-2208988800"}, {"temp", "-3.25"}, {"pressure", "99000"},
        {"wind", "-1"}, {"humidity", "100"}, {"valid", "False"},
    };
    for (size_t k = 0; k < sizeof expect / sizeof expect[0]; k++)
        expect_attr(o, expect[k][0], expect[k][1]);
    Mo_DECREF(o);
}

/* ------------------------------------------------------------------ members */

/* The size of a field of member type t. */
static Mo_ssize_t member_size(int t)
{
    switch (t) {
    case T_BYTE: case T_UBYTE: case T_CHAR: case T_BOOL: return 1;
    case T_SHORT: case T_USHORT: return 2;
    case T_INT: case T_UINT: case T_FLOAT: return 4;
    default: return 8;
    }
}

MG_TEST(obs_members_table, 5, "tp_members names each field with its C type (T_FLOAT, T_SHORT ...), READONLY where it must be, inside the object, none overlapping")
{
    static const struct { const char *name; int type, readonly; } want[] = {
        {"station", T_OBJECT_EX, 1}, {"time", T_LONGLONG, 1}, {"temp", T_FLOAT, 0}, {"pressure", T_INT, 0},
        {"wind", T_SHORT, 0}, {"humidity", T_UBYTE, 0}, {"quality", T_CHAR, 0}, {"valid", T_BOOL, 0},
        {"__weakref__", T_OBJECT, 1},
    };
    MoMemberDef *m = Obs_Type.tp_members;
    ck_assert_msg(m != NULL, "Obs_Type has no tp_members");
    size_t n = 0;
    while (m[n].name != NULL)
        n++;
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        MoMemberDef *found = NULL;
        for (size_t i = 0; i < n; i++)
            if (strcmp(m[i].name, want[k].name) == 0)
                found = &m[i];
        if (found == NULL)
            ck_abort_msg("tp_members has no member '%s'", want[k].name);
        if (found->type != want[k].type)
            ck_abort_msg("member '%s' has type %d, expected %d (obs.h says which C type the field is)",
                         want[k].name, found->type, want[k].type);
        if (!!(found->flags & READONLY) != want[k].readonly)
            ck_abort_msg("member '%s' is %s, expected %s", want[k].name,
                         found->flags & READONLY ? "READONLY" : "writable", want[k].readonly ? "READONLY" : "writable");
    }
    for (size_t i = 0; i < n; i++) {
        Mo_ssize_t lo = m[i].offset, hi = lo + member_size(m[i].type);
        if (lo < (Mo_ssize_t)sizeof(MoObject) || hi > Obs_Type.tp_basicsize)
            ck_abort_msg("member '%s' covers bytes %zd..%zd: outside the fields (%zu..%zd)", m[i].name, lo, hi,
                         sizeof(MoObject), Obs_Type.tp_basicsize);
        for (size_t j = 0; j < i; j++) {
            Mo_ssize_t lo2 = m[j].offset, hi2 = lo2 + member_size(m[j].type);
            if (lo < hi2 && lo2 < hi)
                ck_abort_msg("members '%s' (bytes %zd..%zd) and '%s' (bytes %zd..%zd) overlap", m[i].name, lo, hi,
                             m[j].name, lo2, hi2);
        }
    }
}

MG_TEST(obs_fields_independent, 4, "setting each writable field changes that field and no other")
{
    MoObject *o = sample();
    static const struct { const char *name, *repr; } sets[] = {
        {"temp", "0.10000000149011612"}, {"pressure", "-7"}, {"wind", "-32768"},
        {"humidity", "255"}, {"quality", "'A'"}, {"valid", "False"},
    };
    MoObject *values[] = {
        mg_ok(MoFloat_FromDouble(0.1), "float"), mg_ok(MoLong_FromLong(-7), "int"),
        mg_ok(MoLong_FromLong(-32768), "int"), mg_ok(MoLong_FromLong(255), "int"),
        mg_ok(MoUnicode_FromString("A"), "str"), Mo_NewRef(Mo_False),
    };
    const char *now[NFIELDS][2];
    memcpy(now, sample_fields, sizeof now);
    for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
        set_attr(o, sets[k].name, values[k]);
        for (size_t f = 0; f < NFIELDS; f++)
            if (strcmp(now[f][0], sets[k].name) == 0)
                now[f][1] = sets[k].repr;
        for (size_t f = 0; f < NFIELDS; f++)
            expect_attr(o, now[f][0], now[f][1]);
    }
    for (size_t k = 0; k < sizeof values / sizeof values[0]; k++)
        Mo_DECREF(values[k]);
    Mo_DECREF(o);
}

MG_TEST(obs_float_field, 3, "temp is a C float: 0.1 reads back as 0.10000000149011612; a str is refused with TypeError")
{
    MoObject *o = sample();
    MoObject *tenth = mg_ok(MoFloat_FromDouble(0.1), "float"), *warm = mg_ok(MoUnicode_FromString("warm"), "str");
    set_attr(o, "temp", tenth);
    expect_attr(o, "temp", "0.10000000149011612");
    ck_assert_msg(MoObject_SetAttrString(o, "temp", warm) < 0, "obs.temp = 'warm' succeeded");
    mg_assert_exc(MoExc_TypeError, "must be real number, not str", "obs.temp = 'warm'");
    expect_attr(o, "temp", "0.10000000149011612");
    Mo_DECREF(warm);
    Mo_DECREF(tenth);
    Mo_DECREF(o);
}

MG_TEST(obs_char_and_bool, 3, "quality takes one character and valid only True or False, with CPython's TypeErrors")
{
    MoObject *o = sample();
    MoObject *a = mg_ok(MoUnicode_FromString("A"), "str"), *ab = mg_ok(MoUnicode_FromString("AB"), "str");
    MoObject *one = mg_ok(MoLong_FromLong(1), "int");
    set_attr(o, "quality", a);
    expect_attr(o, "quality", "'A'");
    ck_assert_msg(MoObject_SetAttrString(o, "quality", ab) < 0, "obs.quality = 'AB' succeeded");
    mg_assert_exc(MoExc_TypeError, "bad argument type for built-in operation", "obs.quality = 'AB'");
    ck_assert_msg(MoObject_SetAttrString(o, "valid", one) < 0, "obs.valid = 1 succeeded");
    mg_assert_exc(MoExc_TypeError, "attribute value type must be bool", "obs.valid = 1");
    set_attr(o, "valid", Mo_False);
    expect_attr(o, "valid", "False");
    expect_attr(o, "quality", "'A'");
    Mo_DECREF(one);
    Mo_DECREF(ab);
    Mo_DECREF(a);
    Mo_DECREF(o);
}

MG_TEST(obs_readonly, 5, "station, time and __weakref__ cannot be set or deleted: AttributeError readonly attribute")
{
    MoObject *o = sample();
    MoObject *other = mg_ok(MoUnicode_FromString("XXXX"), "str");
    static const char *const names[] = {"station", "time", "__weakref__"};
    for (size_t k = 0; k < 3; k++) {
        if (MoObject_SetAttrString(o, names[k], other) == 0)
            ck_abort_msg("obs.%s = 'XXXX' succeeded: the field must be READONLY", names[k]);
        mg_assert_exc(MoExc_AttributeError, "readonly attribute", names[k]);
        if (MoObject_DelAttrString(o, names[k]) == 0)
            ck_abort_msg("del obs.%s succeeded: the field must be READONLY", names[k]);
        mg_assert_exc(MoExc_AttributeError, "readonly attribute", names[k]);
    }
    expect_attr(o, "station", "'KSEA'");
    expect_attr(o, "time", "4102444800");
    mg_assert_refcnt(other, 1, "the str offered to the read-only fields");
    Mo_DECREF(other);
    Mo_DECREF(o);
}

MG_TEST(obs_cannot_delete_numbers, 2, "del obs.temp, obs.humidity, obs.quality, obs.valid: TypeError can't delete numeric/char attribute")
{
    MoObject *o = sample();
    static const char *const names[] = {"temp", "pressure", "wind", "humidity", "quality", "valid"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        if (MoObject_DelAttrString(o, names[k]) == 0)
            ck_abort_msg("del obs.%s succeeded", names[k]);
        mg_assert_exc(MoExc_TypeError, "can't delete numeric/char attribute", names[k]);
    }
    Mo_DECREF(o);
}

MG_TEST(obs_no_dict, 4, "an Obs has no __dict__: a new attribute is an AttributeError, and tp_dictoffset is 0")
{
    MoObject *o = sample();
    MoObject *v = mg_ok(MoLong_FromLong(1), "int");
    ck_assert_msg(MoObject_SetAttrString(o, "note", v) < 0, "obs.note = 1 succeeded: an Obs has no room for it");
    mg_assert_exc(MoExc_AttributeError, "'lab06.Obs' object has no attribute 'note'", "obs.note = 1");
    ck_assert_msg(MoObject_GetAttrString(o, "__dict__") == NULL, "obs.__dict__ exists");
    mg_assert_exc(MoExc_AttributeError, "'lab06.Obs' object has no attribute '__dict__'", "obs.__dict__");
    ck_assert_msg(Obs_Type.tp_dictoffset == 0, "tp_dictoffset is %zd, expected 0", Obs_Type.tp_dictoffset);
    Mo_DECREF(v);
    Mo_DECREF(o);
}

MG_TEST(obs_not_gc, 2, "an Obs holds no object that could lead back to it: no GC header, getsizeof is tp_basicsize")
{
    ck_assert_msg(!(Obs_Type.tp_flags & MO_TPFLAGS_HAVE_GC),
                  "Obs_Type has MO_TPFLAGS_HAVE_GC: 16 bytes per record for a collector that can find no cycle");
    MoObject *o = sample();
    Mo_ssize_t size = MoSys_GetSizeOf(o);
    ck_assert_msg(size == Obs_Type.tp_basicsize, "getsizeof(obs) is %zd, tp_basicsize %zd", size,
                  Obs_Type.tp_basicsize);
    Mo_DECREF(o);
}

/* ---------------------------------------------------------- weak references */

static int callbacks;
static MoObject *noted_ref;   /* borrowed: what the callback received */

static MoObject *note_death(MoObject *unused, MoObject *args)
{
    (void)unused;
    callbacks++;
    noted_ref = MoTuple_GET_ITEM(args, 0);
    Mo_RETURN_NONE;
}

MG_TEST(obs_weakref, 5, "weakref.ref(obs) works, obs.__weakref__ is it, and the callback runs once when obs dies")
{
    MoObject *o = sample();
    MoObject *cb = mg_ok(MoCFunction_New("note_death", note_death, NULL), "MoCFunction_New");
    MoObject *r = MoWeakref_NewRef(o, cb);
    ck_assert_msg(r != NULL, "weakref.ref(obs) failed: %s", mg_exc_text());
    ck_assert_msg(MoWeakref_GetObject(r) == o, "the reference does not lead to the Obs");
    mg_assert_refcnt(o, 1, "the Obs with a weak reference to it");
    MoObject *first = MoObject_GetAttrString(o, "__weakref__");
    ck_assert_msg(first == r, "obs.__weakref__ is not the weak reference made to it");
    Mo_XDECREF(first);
    callbacks = 0;
    Mo_DECREF(o);
    ck_assert_msg(callbacks == 1, "the callback ran %d times when the Obs died, expected once", callbacks);
    ck_assert_msg(noted_ref == r, "the callback did not receive the dead reference");
    ck_assert_msg(MoWeakref_GetObject(r) == Mo_None, "the reference still answers after the Obs died");
    Mo_DECREF(r);
    Mo_DECREF(cb);
}

MG_TEST(obs_dealloc_releases_station, 4, "an Obs that dies releases its station, and nothing of it stays alive")
{
    MoObject *station = mg_ok(MoUnicode_FromString("KDEN"), "MoUnicode_FromString");
    Mo_ssize_t before = mg_live();
    MoObject *o = call_obs(BUILD("(Old)", station, 1L, 2.0), NULL);
    ck_assert_msg(o != NULL, "Obs('KDEN', 1, 2.0) failed: %s", mg_exc_text());
    Mo_DECREF(o);
    mg_assert_refcnt(station, 1, "the station str after its Obs died");
    mg_assert_no_new_objects(before, "after the Obs died");
    Mo_DECREF(station);
}

/* ------------------------------------------------------------- arguments */

/* Obs(args, kwargs) must fail with type and message, leaving nothing alive that
   was not alive before the arguments were built. */
#define expect_refused(args, kwargs, type, msg, call)                        \
    do {                                                                  \
        Mo_ssize_t before_ = mg_live();                                   \
        expect_refused_((args), (kwargs), (type), (msg), (call), before_); \
    } while (0)

static void expect_refused_(MoObject *args, MoObject *kwargs, MoObject *type, const char *msg, const char *call,
                            Mo_ssize_t before)
{
    MoObject *o = call_obs(args, kwargs);
    if (o != NULL) {
        MoObject *h = MoObject_GetAttrString(o, "humidity"), *w = MoObject_GetAttrString(o, "wind");
        ck_abort_msg("%s succeeded (humidity %s, wind %s), expected %s", call,
                     h ? MoUnicode_AsUTF8(MoObject_Repr(h)) : "?", w ? MoUnicode_AsUTF8(MoObject_Repr(w)) : "?", msg);
    }
    mg_assert_exc(type, msg, call);
    mg_assert_no_new_objects(before, call);
}

MG_TEST(obs_missing_arguments, 3, "too few, too many or unknown arguments: CPython's TypeErrors")
{
    expect_refused(BUILD("(s)", "X"), NULL, MoExc_TypeError, "Obs() missing required argument 'time' (pos 2)",
                   "Obs('X')");
    expect_refused(NULL, NULL, MoExc_TypeError, "Obs() missing required argument 'station' (pos 1)", "Obs()");
    expect_refused(BUILD("(sldlllii)", "X", 1L, 1.0, 1L, 2L, 3L, 4, 5), NULL, MoExc_TypeError,
                   "Obs() takes at most 7 arguments (8 given)", "Obs('X', 1, 1.0, 1, 2, 3, 4, 5)");
    expect_refused(BUILD("(sld)", "X", 1L, 1.0), BUILD("{s:i}", "colour", 1), MoExc_TypeError,
                   "'colour' is an invalid keyword argument for Obs()", "Obs('X', 1, 1.0, colour=1)");
}

MG_TEST(obs_argument_types, 3, "arguments of the wrong type: CPython's TypeErrors (station must be str, temp a real number)")
{
    expect_refused(BUILD("(lld)", 1L, 2L, 3.0), NULL, MoExc_TypeError, "Obs() argument 1 must be str, not int",
                   "Obs(1, 2, 3.0)");
    expect_refused(BUILD("(ssd)", "X", "t", 1.0), NULL, MoExc_TypeError,
                   "'str' object cannot be interpreted as an integer", "Obs('X', 't', 1.0)");
    expect_refused(BUILD("(sls)", "X", 1L, "warm"), NULL, MoExc_TypeError, "must be real number, not str",
                   "Obs('X', 1, 'warm')");
    expect_refused(BUILD("(sld)", "X", 1L, 1.0), BUILD("{s:d}", "humidity", 1.5), MoExc_TypeError,
                   "'float' object cannot be interpreted as an integer", "Obs('X', 1, 1.0, humidity=1.5)");
}

MG_TEST(obs_argument_ranges, 5, "a value its field cannot hold is an OverflowError, never silently truncated")
{
    static const struct { const char *kw; long value; const char *msg; } bad[] = {
        {"humidity", 300, "unsigned byte integer is greater than maximum"},
        {"humidity", -1, "unsigned byte integer is less than minimum"},
        {"wind", 40000, "signed short integer is greater than maximum"},
        {"wind", -40000, "signed short integer is less than minimum"},
        {"pressure", 2147483648L, "signed integer is greater than maximum"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        char call[80];
        snprintf(call, sizeof call, "Obs('X', 1, 1.0, %s=%ld)", bad[k].kw, bad[k].value);
        expect_refused(BUILD("(sld)", "X", 1L, 1.0), BUILD("{s:l}", bad[k].kw, bad[k].value),
                       MoExc_OverflowError, bad[k].msg, call);
    }
    MoObject *o = call_obs(BUILD("(sld)", "X", 1L, 1.0), BUILD("{s:l,s:l}", "humidity", 255L, "wind", -32768L));
    ck_assert_msg(o != NULL, "Obs('X', 1, 1.0, humidity=255, wind=-32768) failed: %s", mg_exc_text());
    expect_attr(o, "humidity", "255");
    expect_attr(o, "wind", "-32768");
    Mo_DECREF(o);
}

MG_TEST(obs_out_of_memory, 2, "when memory runs out Obs() fails with MemoryError and leaks nothing")
{
    MoObject *o = NULL;
    for (long n = 0; o == NULL; n++) {
        Mo_ssize_t before = mg_live();
        MoObject *args = BUILD("(sld)", "KSEA", 1L, 1.0);
        mg_alloc_limit(n);
        o = call_obs(args, NULL);
        mg_alloc_unlimited();
        if (o == NULL) {
            mg_assert_exc(MoExc_MemoryError, NULL, "Obs() when memory runs out");
            mg_assert_no_new_objects(before, "Obs() that ran out of memory");
        }
        ck_assert_msg(n < 1000, "Obs() kept failing with 1000 allocations allowed");
    }
    expect_attr(o, "station", "'KSEA'");
    Mo_DECREF(o);
}
