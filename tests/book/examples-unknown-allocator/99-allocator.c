/* An example that asks for an allocator the runtime does not have. */
/* allocator: tcmalloc */
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    return Mo_Finalize() == 0 ? 0 : 1;
}
