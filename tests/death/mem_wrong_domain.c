/* A block from MoMem_Malloc given back with MoObject_Free: the API id in its
   header says 'm', the free says 'o'. */
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    char *p = MoMem_Malloc(13);
    MoObject_Free(p);             /* wrong domain: stops here */
    return 0;
}
