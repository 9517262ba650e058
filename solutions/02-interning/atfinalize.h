/* Lab 02: state that lives as long as the runtime (a table, a cache) and must be
 * released when the runtime ends, so that Mo_Finalize finds nothing alive. Given:
 * you do not need to change it.
 */
#ifndef LAB02_ATFINALIZE_H
#define LAB02_ATFINALIZE_H

#include "mo.h"

/* Arrange for release(NULL, NULL) to be called once, by Mo_Finalize, before it counts
   the objects still alive (a weakref.finalize with atexit, the runtime's at-exit
   hook). name is the callback's name, for messages. 0, or -1 with an exception. */
int Lab02_AtFinalize(const char *name, MoCFunc release);

#endif /* LAB02_ATFINALIZE_H */
