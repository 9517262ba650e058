/* int: arbitrary precision, 30-bit digits in a variable-size object, as 3.11.
 * ob_size holds the number of digits with the sign of the number (0 for zero,
 * which still occupies one digit). Values -5..256 are preallocated statics.
 */
#ifndef MO_LONG_H
#define MO_LONG_H

#include "object.h"

typedef uint32_t digit;
#define MoLong_SHIFT 30
#define MoLong_BASE ((digit)1 << MoLong_SHIFT)
#define MoLong_MASK ((digit)(MoLong_BASE - 1))

typedef struct {
    MoObject_VAR_HEAD
    digit ob_digit[1];
} MoLongObject;

extern MoTypeObject MoLong_Type;
#define MoLong_Check(op) MoType_FastSubclass(Mo_TYPE(op), MO_TPFLAGS_LONG_SUBCLASS)
#define MoLong_CheckExact(op) Mo_IS_TYPE((op), &MoLong_Type)

/* new; -5..256 come from the small-int cache (every int-producing function
   returns the cached object for those values). NULL with MemoryError. */
MoObject *MoLong_FromLong(long v);
MoObject *MoLong_FromSsize_t(Mo_ssize_t v);
MoObject *MoLong_FromLongLong(long long v);
MoObject *MoLong_FromUnsignedLongLong(unsigned long long v);
/* new: parse a decimal string as int(s) does: surrounding whitespace, one sign,
   single underscores between digits ("  -1_000 "). NULL with ValueError
   "invalid literal for int() with base 10: 'x'" when it is not one, or
   "Exceeds the limit (4300 digits) ..." for more than 4300 digits (3.11's
   default sys.get_int_max_str_digits(), which repr obeys too). */
MoObject *MoLong_FromString(const char *s);
/* new: int(u, base) for the str u, as 3.11's PyLong_FromUnicodeObject: base 0
   (the prefix 0x/0o/0b decides, else 10) or 2..36, whitespace around, a sign,
   underscores between digits. ValueError "int() base must be >= 2 and <= 36,
   or 0", "invalid literal for int() with base B: 'u'" (the repr cut to 200
   characters), or the 4300-digit limit for a base that is no power of 2. */
MoObject *MoLong_FromUnicodeObject(MoObject *u, int base);
/* new: int(v), truncating toward zero; OverflowError "cannot convert float
   infinity to integer", ValueError "cannot convert float NaN to integer". */
MoObject *MoLong_FromDouble(double v);
/* The value of o (borrowed). -1 with an exception on failure: a non-int without
   __index__ gives TypeError "'str' object cannot be interpreted as an integer";
   too big gives OverflowError "Python int too large to convert to C long". */
long MoLong_AsLong(MoObject *o);
/* As MoLong_AsLong, for a C long long: OverflowError "int too big to convert". */
long long MoLong_AsLongLong(MoObject *o);
/* The value of the int o (borrowed; no __index__: TypeError "an integer is
   required"); (unsigned long)-1 with OverflowError "can't convert negative value
   to unsigned int" or "Python int too large to convert to C unsigned long". */
unsigned long MoLong_AsUnsignedLong(MoObject *o);
/* The same for a C unsigned long long: OverflowError "can't convert negative int
   to unsigned" or "int too big to convert". */
unsigned long long MoLong_AsUnsignedLongLong(MoObject *o);
/* new: an int of value v. */
MoObject *MoLong_FromUnsignedLong(unsigned long v);
/* As MoLong_AsLong, but only for ints (TypeError "an integer is required") and
   OverflowError "Python int too large to convert to C ssize_t". */
Mo_ssize_t MoLong_AsSsize_t(MoObject *o);
/* The value, correctly rounded; -1.0 with TypeError "an integer is required" or
   OverflowError "int too large to convert to float". */
double MoLong_AsDouble(MoObject *o);

/* Internal, shared with float: -1, 0 or 1 as int a <, ==, > int b (both
   borrowed, both ints). Cannot fail. */
int _MoLong_Compare(MoObject *a, MoObject *b);
/* Internal, shared with the constant folder: the number of bits of |v| (0 for
   zero), as _PyLong_NumBits. v must be an int. Cannot fail. */
size_t _MoLong_NumBits(MoObject *v);

#endif
