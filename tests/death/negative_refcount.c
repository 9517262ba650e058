/* A static object whose count goes below zero: the empty tuple is never freed, but
   its count must still never go negative. Here a program "releases" it a billion
   times over in one step by writing the count, then once more. */
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    MoObject *t = MoTuple_New(0);
    t->ob_refcnt = 0;   /* as if every owner had released it */
    Mo_DECREF(t);       /* line 11 */
    return 0;
}
