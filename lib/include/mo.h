/* The Mo runtime: a small object runtime that behaves like CPython 3.11.
 * One include gives the whole public API (see shared/API.md): names mirror
 * CPython's C API with Mo in place of Py. */
#ifndef MO_H
#define MO_H

/* What CPython's Python.h documents that it includes, so that extension code
   compiles unchanged. */
#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mo/object.h"
#include "mo/mem.h"
#include "mo/errors.h"
#include "mo/gc.h"
#include "mo/sys.h"
#include "mo/lifecycle.h"
#include "mo/long.h"
#include "mo/bool.h"
#include "mo/float.h"
#include "mo/complex.h"
#include "mo/unicode.h"
#include "mo/bytes.h"
#include "mo/tuple.h"
#include "mo/list.h"
#include "mo/dict.h"
#include "mo/set.h"
#include "mo/range.h"
#include "mo/cfunction.h"
#include "mo/abstract.h"
#include "mo/class.h"
#include "mo/weakref.h"
#include "mo/functools.h"
#include "mo/tracemalloc.h"
#include "mo/modsupport.h"
#include "mo/moduleobject.h"
#include "mo/import.h"
#include "mo/constfold.h"

#endif
