/* Why very deep chains need care. Freeing the outermost of N nested containers
 * frees the next one from inside its tp_dealloc, and that one the next: N nested C
 * calls. Deep enough, they overflow the C stack and the program crashes.
 *
 * This program measures how deep the C stack goes while a chain is freed: each
 * level holds a Probe whose tp_dealloc notes the address of one of its local
 * variables (the stack grows down: the lowest address is the deepest point).
 *   - Box, a container written here with no trashcan, nests one dealloc per level;
 *   - list uses the trashcan (MO_TRASHCAN_BEGIN in list_dealloc, lib/src/list.c),
 *     which parks objects past 50 levels and frees them later, from the top.
 */
#include <stdint.h>
#include <stdio.h>
#include "mo.h"

#define LEVELS 10000

static uintptr_t top, deepest;      /* stack addresses: main's frame, lowest seen */

static void note_depth(void)
{
    char here;
    uintptr_t p = (uintptr_t)&here;
    if (p < deepest)
        deepest = p;
}

/* ---------------------------------------------- Probe: notes the stack depth */

static void probe_dealloc(MoObject *self)
{
    note_depth();
    Mo_TYPE(self)->tp_free(self);
}

static MoTypeObject Probe_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "Probe",
    .tp_basicsize = sizeof(MoObject),
    .tp_dealloc = probe_dealloc,
    .tp_new = MoType_GenericNew,
};

/* ------------------------------- Box: holds two references, and no trashcan */

typedef struct {
    MoObject_HEAD
    MoObject *probe, *inner;
} BoxObject;

static void box_dealloc(MoObject *self)
{
    BoxObject *box = (BoxObject *)self;
    Mo_DECREF(box->probe);
    Mo_XDECREF(box->inner);            /* frees the next Box from inside this one */
    Mo_TYPE(self)->tp_free(self);
}

static MoTypeObject Box_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "Box",
    .tp_basicsize = sizeof(BoxObject),
    .tp_dealloc = box_dealloc,
};

/* --------------------------------------------------------------- the chains */

static MoObject *box_chain(int levels)
{
    MoObject *chain = NULL;
    for (int i = 0; i < levels; i++) {
        BoxObject *box = MoObject_New(BoxObject, &Box_Type);
        box->probe = MoObject_CallNoArgs((MoObject *)&Probe_Type);
        box->inner = chain;                       /* steals the chain so far */
        chain = (MoObject *)box;
    }
    return chain;
}

static MoObject *list_chain(int levels)          /* [probe, [probe, [...]]] */
{
    MoObject *chain = MoList_New(0);
    for (int i = 0; i < levels; i++) {
        MoObject *outer = MoList_New(2);
        MoList_SetItem(outer, 0, MoObject_CallNoArgs((MoObject *)&Probe_Type));
        MoList_SetItem(outer, 1, chain);
        chain = outer;
    }
    return chain;
}

/* Free the chain and say how deep below main the C stack went meanwhile. */
static void free_and_measure(const char *what, MoObject *chain)
{
    deepest = top;
    Mo_DECREF(chain);
    uintptr_t kib = (top - deepest) / 1024;
    printf("%d nested %s: the deepest dealloc ran %s KiB below main\n",
           LEVELS, what,
           kib >= 256 ? "more than 256"
                      : kib < 64 ? "less than 64" : "between 64 and 256");
}

int main(void)
{
    char here;
    top = (uintptr_t)&here;
    Mo_Initialize();
    MoType_Ready(&Probe_Type);
    MoType_Ready(&Box_Type);
    free_and_measure("Boxes (no trashcan)", box_chain(LEVELS));
    free_and_measure("lists (trashcan)", list_chain(LEVELS));
    return Mo_Finalize() == 0 ? 0 : 1;
}
