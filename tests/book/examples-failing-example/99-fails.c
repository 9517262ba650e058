/* An example that compiles but fails: it exits with status 3. */
#include <stdio.h>
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    printf("something went wrong\n");
    Mo_Finalize();
    return 3;
}
