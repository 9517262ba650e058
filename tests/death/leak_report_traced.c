/* The leak report with tracemalloc on: each survivor also names the line that
   allocated it (the program's line, not the runtime's). */
#include "mo.h"

static MoObject *forgotten;

int main(void)
{
    Mo_Initialize();
    MoTraceMalloc_Start(1);
    forgotten = MoSet_New(NULL);   /* never released: the report names line 11 */
    return (int)Mo_Finalize();
}
