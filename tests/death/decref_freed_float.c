/* A float released twice: non-container objects are caught too. */
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    MoObject *f = MoFloat_FromDouble(2.5);
    MoObject *alias = f;          /* a borrowed reference, wrongly released below */
    Mo_DECREF(f);
    Mo_DECREF(alias);             /* line 10 */
    return 0;
}
