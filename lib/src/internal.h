/* What the runtime's files share but do not publish (the _Mo prefix).
 *
 * Each built-in type's file provides _MoXxx_Init (ready its static types, build
 * its caches; 0 or -1) and _MoXxx_Fini (free its caches and free lists), called
 * by Mo_Initialize and Mo_Finalize in lifecycle.c in the order listed there.
 */
#ifndef MO_INTERNAL_H
#define MO_INTERNAL_H

#include "mo.h"

/* ------------------------------------------------------------ lifecycle hooks */
int _MoType_Init(void);
int _MoErr_Init(void);
int _MoLong_Init(void);     /* int and bool */
int _MoFloat_Init(void);
int _MoUnicode_Init(void);
int _MoBytes_Init(void);
int _MoTuple_Init(void);
int _MoList_Init(void);
int _MoDict_Init(void);
int _MoSet_Init(void);
int _MoRange_Init(void);
int _MoCFunction_Init(void);
int _MoClass_Init(void);    /* the class metatype and bound methods */
void _MoFloat_Fini(void);   /* empties the float free list */
/* A copy (MoMem_Free it; NULL: out of memory) of s trimmed of whitespace and of
   underscores between digits, for strtod; *ok = 0 if an underscore is misplaced. */
char *_MoFloat_CleanText(const char *s, int *ok);
/* 1 if s uses what strtod reads and Python does not (hex floats, "nan(...)"). */
int _MoFloat_StrtodExtension(const char *s);
void _MoTuple_Fini(void);   /* empties the tuple free lists */
void _MoList_Fini(void);    /* empties the list free list */
void _MoDict_Fini(void);    /* empties the dict free list */
void _MoErr_Fini(void);     /* releases the pending exception */
void _MoType_Fini(void);    /* empties and un-readies the static types readied */
void _MoRecursion_Fini(void); /* the repr guard's storage */
void _MoImport_Fini(void);    /* releases sys.modules (before the final collection) */
/* _MoUnicode_Fini is public in unicode.h (the intern table). */

/* ------------------------------------------------------ object bookkeeping */

/* A new object begins its life: count 1, counted as live (and, in the debug build,
   entered in the registry of live objects). Used by MoObject_Init and by free
   lists when they hand out a recycled object. */
void _Mo_NewReference(MoObject *op);
/* The object leaves the live set without its memory being freed (it goes onto a
   free list). Called by _Mo_Dealloc's bookkeeping; types need not call it. */
void _Mo_ForgetReference(MoObject *op);
/* Around a type's tp_dealloc (called by _Mo_Dealloc): the object leaves the live
   set; afterwards, the debug build learns whether the memory was freed, parked on
   a free list, or resurrected. op is not dereferenced by End once freed. */
void _Mo_DeallocBegin(MoObject *op);
void _Mo_DeallocEnd(MoObject *op);
/* The trashcan runs a parked object's tp_dealloc now: the object is dying again
   (count 0), so that its memory goes through the same bookkeeping. */
void _Mo_DeallocResume(MoObject *op);
/* A finalizer brought the object back (its count is above zero again). */
void _Mo_ResurrectReference(MoObject *op);
/* Free an object's memory: the start of the allocation (which may be before op)
   and whether it is an object (debug builds poison and quarantine objects, so that
   a later DECREF is reported as a use after free naming the type). */
void _MoObject_FreeObjectMemory(MoObject *op, void *mem);
/* Debug builds: forget the quarantine (Mo_Finalize). */
void _Mo_QuarantineFlush(void);
/* Debug builds: whether freed objects wait in the quarantine (on with the debug
   hooks; mem.c decides, when the allocators are chosen). */
void _Mo_SetFreedObjectQuarantine(int on);
/* Choose the allocators at Mo_Initialize, from MOMALLOC unless a program did (mem.c);
   a bad name stops the program. */
void _MoMem_InitAllocators(void);
/* If table is domain d's debug hook: 1, and *table becomes the allocator it wraps. */
int _MoMem_DebugHookWraps(MoMemAllocatorDomain d, MoMemAllocatorEx *table);
/* Debug builds: print the survivors by type on stderr; returns how many. */
Mo_ssize_t _Mo_ReportLiveObjects(FILE *out);

/* ------------------------------------------------------------------- GC lists */
/* gc.get_count()[0] rule: +1 per fresh GC allocation, -1 (if > 0) per GC free. */
void _MoObject_GC_Link(MoObject *op);
void _MoGC_Fini(void);

/* ------------------------------------------------------------------ helpers */

/* Where o's instance dict pointer lives, or NULL when it has none. */
MoObject **_MoObject_GetDictPtr(MoObject *o);

/* Hash helpers shared by str, bytes, int, float and tuple (3.11's algorithms). */
#define _MoHASH_BITS 61
#define _MoHASH_MODULUS (((size_t)1 << _MoHASH_BITS) - 1)
#define _MoHASH_INF 314159
#define _MoHASH_IMAG 1000003UL
/* SipHash-1-3 with the all-zero key: CPython 3.11 under PYTHONHASHSEED=0. */
Mo_hash_t _Mo_HashBytes(const void *src, Mo_ssize_t len);
/* 3.11's hash of a double (identity for small integral values, inf -> 314159). */
Mo_hash_t _Mo_HashDouble(MoObject *inst, double v);
/* The hash of an address, and of an object by its address (object.__hash__). */
Mo_hash_t _Mo_HashPointer(const void *p);
Mo_hash_t _MoObject_HashByAddress(MoObject *o);

/* str helpers for messages: the borrowed tp_name of o's type. */
static inline const char *_Mo_TypeName(MoObject *o) { return Mo_TYPE(o)->tp_name; }

/* Unicode writer: build a str piece by piece (used by every repr). */
typedef struct {
    char *buf;        /* UTF-8 being built */
    Mo_ssize_t len, cap;
} _MoUnicodeWriter;
void _MoUnicodeWriter_Init(_MoUnicodeWriter *w);
int _MoUnicodeWriter_WriteASCII(_MoUnicodeWriter *w, const char *s, Mo_ssize_t n);
int _MoUnicodeWriter_WriteStr(_MoUnicodeWriter *w, MoObject *str);
/* new: the str; the writer is emptied. */
MoObject *_MoUnicodeWriter_Finish(_MoUnicodeWriter *w);
void _MoUnicodeWriter_Dealloc(_MoUnicodeWriter *w);

/* new: a bool from a C truth value. */
static inline MoObject *_MoBool_From(int v) { return MoBool_FromLong(v); }

/* Generic rich comparison fallback for types whose only order is identity. */
MoObject *_MoObject_RichCompareIdentity(MoObject *a, MoObject *b, int op);
/* The arguments of list.index and tuple.index (abstract.c). */
int _MoSequence_IndexArgs(MoObject *args, Mo_ssize_t size, MoObject **value, Mo_ssize_t *start, Mo_ssize_t *stop);
/* The tail of list and tuple comparison (abstract.c): items 0..i-1 are equal. */
MoObject *_MoSequence_CompareFrom(MoObject **v, Mo_ssize_t vlen, MoObject **w, Mo_ssize_t wlen, Mo_ssize_t i,
                                  int op);
/* MO_LT..MO_GE as the operator's text, for messages: "<", "<=", "==", "!=", ">", ">=". */
extern const char *const _Mo_OpStrings[6];

/* ------------------------------------------------------------- named tuples */

/* A named tuple type made in C, as collections.namedtuple makes one (namedtuple.c). */
typedef struct {
    const char *name;            /* tp_name, without a module, as a class's: "CacheInfo" */
    const char *module;          /* its __module__: "functools" */
    const char *const *fields;   /* the field names, NULL-terminated */
} _MoNamedTupleDesc;
/* Make t the named tuple desc describes and ready it. t is a static type with
   only its header set, {.ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)}; desc
   and its strings must outlive it. 0, or -1 with an exception. Does nothing when
   t is ready; Mo_Finalize un-readies it, and the next call makes it again. */
int _MoNamedTuple_InitType(MoTypeObject *t, const _MoNamedTupleDesc *desc);
/* new: an instance of the ready named tuple type t, every item NULL: fill each
   with MoTuple_SET_ITEM (steals) before anything else sees it. Tracked by the
   collector. NULL with MemoryError. */
MoObject *_MoNamedTuple_New(MoTypeObject *t);

/* Checks that a C call gave no exception unless it failed (debug only). */
#define MO_UNREACHABLE() __builtin_unreachable()

/* ------------------------------------------------------------ modsupport.c */

/* Argument errors worded as CPython words them for a function written in Python
   (counts include self, as Python's messages do):
   _MoArg_SetMissing: TypeError "QUAL() missing 2 required positional arguments:
   'a' and 'b'" for names[0..n-1]; _MoArg_SetTooMany: "QUAL() takes 2 positional
   arguments but 3 were given" (min == max) or "takes from 2 to 3 ...".
   _MoArg_CheckPositional checks args (a tuple, self not included) of a method whose
   parameters after self are names[0..required-1] and up to max in all (-1: any
   number); 0, or -1 with one of those errors. */
void _MoArg_SetMissing(const char *qualname, const char *const names[], Mo_ssize_t n);
void _MoArg_SetTooMany(const char *qualname, Mo_ssize_t min, Mo_ssize_t max, Mo_ssize_t given);
int _MoArg_CheckPositional(MoObject *args, const char *qualname, const char *const names[],
                           Mo_ssize_t required, Mo_ssize_t max);

/* ------------------------------------------- classes' slots (typeslots.c) */

/* Set every special-method slot of heap type t from its MRO (a class's method
   makes the slot call it; otherwise the static type defining the slot gives its
   C function). */
void _MoType_FixupSlots(MoTypeObject *t);
/* An attribute named name of heap type t changed: recompute the slots of that
   name in t and its heap subclasses. Cannot fail. */
void _MoType_UpdateSlot(MoTypeObject *t, MoObject *name);
/* Heap base remembers heap subclass sub (borrowed); 0 or -1 (MemoryError).
   Static bases remember nothing. */
int _MoType_AddSubclass(MoTypeObject *base, MoTypeObject *sub);
void _MoType_RemoveSubclass(MoTypeObject *base, MoTypeObject *sub);
/* Put type's getsets (__name__, __qualname__, __module__, __doc__, __mro__,
   __bases__, __base__) in its dict; called once str and descriptors work. */
int _MoType_InitAttributes(void);
/* borrowed: the i-th class of t's MRO, or NULL past its end (typeobject.c). */
MoTypeObject *_MoType_MroAt(MoTypeObject *t, Mo_ssize_t i);
/* new: descr, found on type(self), called as a method of self (args a tuple or
   NULL; kwargs a dict or NULL). */
MoObject *_MoObject_CallSpecial(MoObject *descr, MoObject *self, MoObject *args, MoObject *kwargs);
/* new: object.__repr__: "<__main__.C object at 0x...>" (typeobject.c). */
MoObject *_MoObject_DefaultRepr(MoObject *o);
/* `v in s` by iterating s (abstract.c): 1, 0, or -1 with an exception. */
int _MoSequence_IterSearchContains(MoObject *s, MoObject *v);
/* new: a bound slot wrapper for name if static type k defines the slot behind it
   (super().__len__ of a subclass of list), bound to obj; NULL without an
   exception when k defines no such slot. */
MoObject *_MoSlotWrapper_Find(MoTypeObject *k, MoObject *name, MoObject *obj);
/* new: t.name when no dict on t's MRO has it but a static type's slot answers
   (int.__add__, ref.__new__): an unbound wrapper, called with the instance (or,
   for __new__, the type) first. NULL, without an exception, when none answers. */
MoObject *_MoSlotWrapper_FindUnbound(MoTypeObject *t, MoObject *name);

#endif
