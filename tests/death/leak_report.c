/* A program that forgets to release one list: Mo_Finalize reports it, by type, and
   returns how many objects leaked. */
#include "mo.h"

static MoObject *forgotten;

int main(void)
{
    Mo_Initialize();
    MoObject *kept = MoList_New(0);
    forgotten = MoList_New(0);   /* never released */
    Mo_DECREF(kept);
    return (int)Mo_Finalize();
}
