/* Releasing a reference to None that the program never owned: None's count
   reaches zero, which can only be a refcount bug. */
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    Mo_DECREF(Mo_None);   /* the runtime's own reference */
    return 0;
}
