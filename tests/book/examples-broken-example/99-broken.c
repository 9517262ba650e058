/* An example that does not compile: the book must not build. */
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    MoObject *list = MoList_New(0)      /* the missing semicolon */
    Mo_DECREF(list);
    return Mo_Finalize() == 0 ? 0 : 1;
}
