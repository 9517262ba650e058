/* A list's size counts its references, not its items. MoSys_GetDeepSizeOf counts
 * every object reachable from it, each once, as pympler's asizeof does. The C twin
 * of 00-deep-size.py, whose deep_size() does the same walk with gc.get_referents.
 */
#include <stdio.h>
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    MoObject *words = MoList_New(0);
    for (const char *c = "xyz"; *c; c++) {
        MoObject *letter = MoUnicode_FromStringAndSize(c, 1);
        MoObject *s = MoSequence_Repeat(letter, 1000);   /* c * 1000 */
        MoList_Append(words, s);
        Mo_DECREF(s);
        Mo_DECREF(letter);
    }
    printf("getsizeof(words)      = %zd\n", MoSys_GetSizeOf(words));
    printf("getsizeof(words[0])   = %zd\n",
           MoSys_GetSizeOf(MoList_GetItem(words, 0)));
    printf("deep size of words    = %zd\n", MoSys_GetDeepSizeOf(words));

    MoObject *one = MoList_New(0);                        /* [words[0]] */
    MoList_Append(one, MoList_GetItem(words, 0));
    MoObject *same = MoSequence_Repeat(one, 3);           /* [words[0]] * 3 */
    printf("getsizeof(same)       = %zd\n", MoSys_GetSizeOf(same));
    printf("deep size of same     = %zd\n", MoSys_GetDeepSizeOf(same));

    /* [words, words]: a literal has exactly its two slots */
    MoObject *nested = MoList_New(2);
    MoList_SetItem(nested, 0, Mo_NewRef(words));
    MoList_SetItem(nested, 1, Mo_NewRef(words));
    printf("getsizeof(nested)     = %zd\n", MoSys_GetSizeOf(nested));
    printf("deep size of nested   = %zd\n", MoSys_GetDeepSizeOf(nested));

    Mo_DECREF(nested);
    Mo_DECREF(same);
    Mo_DECREF(one);
    Mo_DECREF(words);
    return Mo_Finalize() == 0 ? 0 : 1;
}
