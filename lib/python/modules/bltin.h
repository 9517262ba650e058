/* What the files of the builtins module share (bltinmodule.c is the module; the
 * others each hold one group of its functions or types). Not a public header:
 * the interpreter sees only modules.h.
 */
#ifndef MO_PYTHON_BLTIN_H
#define MO_PYTHON_BLTIN_H

#include "mo.h"

/* Method tables of the groups, each NULL-terminated, added to the module in turn. */
extern MoMethodDef _MoBltin_ObjectMethods[];    /* bltinmodule.c: print, len, id, getattr, ... */
extern MoMethodDef _MoBltin_NumberMethods[];    /* bltin_numbers.c: hex, round, pow, chr, ... */
extern MoMethodDef _MoBltin_IterMethods[];      /* bltin_iter.c: iter, next, sum, min, sorted, ... */
extern MoMethodDef _MoBltin_FormatMethods[];    /* bltin_format.c: format */

/* bltin_iter.c: the iterator types builtins names (enumerate, zip, map, filter,
   reversed); 0, or -1 with an exception. */
int _MoBltin_AddIteratorTypes(MoObject *module);
/* bltin_exceptions.c: every exception type of 3.11's builtins: the runtime's own,
   and those it lacks made as classes. 0, or -1 with an exception. */
int _MoBltin_AddExceptions(MoObject *module);
/* bltin_constructors.c: give str, float, bytes and complex the tp_new the runtime
   leaves them without, so that calling the type makes a value. Cannot fail. */
void _MoBltin_ReadyConstructors(void);

/* new: the int o (or o.__index__()) written in base 2**bits (1, 3 or 4) after
   prefix ("0x", "0o", "0b" or ""), "-" first when negative: hex(), oct(), bin(). */
MoObject *_MoBltin_IntToBase(MoObject *o, int bits, const char *prefix);
/* new: format(value, spec) for int, bool, float and str (3.11's mini-language),
   else str(value) for an empty spec. NULL with ValueError/TypeError as 3.11. */
MoObject *_MoBltin_Format(MoObject *value, MoObject *spec);
/* new: a list of iterable's items sorted by key (NULL: the items) with < only,
   stable; reverse keeps equal items in their order, as list.sort. */
MoObject *_MoBltin_Sorted(MoObject *iterable, MoObject *key, int reverse);

#endif
