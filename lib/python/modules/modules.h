/* The extension modules of mo-python that are written over the runtime's public C
 * API, as CPython's Modules/ are over its C API: builtins, ctypes, itertools.
 *
 * Each init function is what a PyInit_ function is: it returns a new module
 * (single-phase init) or NULL with an exception, and is registered with
 * MoImport_AppendInittab("builtins", MoInit_builtins) so that
 * MoImport_ImportModule("builtins") makes the module once and keeps it in
 * sys.modules. The interface is shared with the interpreter (lib/python/).
 */
#ifndef MO_PYTHON_MODULES_H
#define MO_PYTHON_MODULES_H

#include "mo.h"

/* new: the builtins module (print, len, the types, the exception types, None...). */
MoObject *MoInit_builtins(void);
/* new: a minimal ctypes: c_ssize_t/c_long/... .from_address(addr).value, cast(addr, py_object), sizeof. */
MoObject *MoInit_ctypes(void);
/* new: itertools: count, islice, repeat, chain (and chain.from_iterable). */
MoObject *MoInit_itertools(void);

#endif
