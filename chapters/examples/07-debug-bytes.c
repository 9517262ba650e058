/* The debug allocator (the debug build's default, as PYTHONMALLOC=debug): the
 * bytes around a live block of 13, and what the padding does to size classes. */
/* allocator: debug */
/* differs "serial:": CPython's release build keeps no serial number in its debug
 * hooks (its debug build does, as the runtime's debug build does) */
/* differs "a float's block:": the serial number's 8 bytes move a float from the
 * 48-byte class to the 64-byte class */
#include <stdio.h>
#include "mo.h"

/* region main */
static void show(const char *label, const unsigned char *b, size_t n)
{
    printf("%-8s", label);
    for (size_t i = 0; i < n; i++)
        printf(" %02x", b[i]);
    printf("\n");
}

int main(void)
{
    Mo_Initialize();
    unsigned char *p = MoMem_Malloc(13), bytes[64];
    size_t n = _MoMem_DebugBlockBytes(p, bytes, sizeof bytes);
    if (n == 0) { /* no hooks (MOMALLOC=pymalloc, say): nothing to show */
        MoMem_Free(p);
        return Mo_Finalize() == 0 ? 0 : 1;
    }
    show("size:", bytes, 8);       /* 13, big-endian */
    show("api:", bytes + 8, 1);    /* 'm': MoMem_Malloc */
    show("before:", bytes + 9, 7); /* forbidden bytes */
    show("data:", bytes + 16, 13); /* clean bytes, not yet written */
    show("after:", bytes + 29, 8); /* forbidden bytes */
    show("serial:", bytes + 37, n - 37);
    MoMem_Free(p);

    MoObmallocStats before, after;
    MoObject *keep = MoList_New(0); /* 1,000 floats, after the free list's */
    for (int i = 0; i < 1100; i++) {
        if (i == 100)
            _MoObject_GetMallocStats(&before);
        MoObject *f = MoFloat_FromDouble(i + 0.5);
        MoList_Append(keep, f);
        Mo_DECREF(f);
    }
    _MoObject_GetMallocStats(&after);
    for (size_t c = 0; c < after.nclasses; c++)
        if (after.blocks_in_use[c] >= before.blocks_in_use[c] + 1000)
            printf("a float's block: class %zu (%zu bytes)\n", c,
                   after.block_size[c]);
    Mo_DECREF(keep);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
