/* A list released twice: the second Mo_DECREF must stop the program, naming the
   object's type and the line of the bad DECREF. */
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    MoObject *l = MoList_New(0);
    Mo_DECREF(l);
    Mo_DECREF(l);   /* line 10: a use after free */
    return 0;
}
