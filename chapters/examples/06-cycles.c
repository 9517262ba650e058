/* What the collector counts when two instances refer to each other: in 3.11
 * an instance whose attributes are inline is one object; once its __dict__
 * has been asked for, the dict is a second object the collector frees. */
#include <stdio.h>
#include "mo.h"

/* region main */
/* p, q = cls(), cls(); p.other = q; q.other = p; (p.__dict__, q.__dict__);
   del p, q; gc.collect() */
static Mo_ssize_t cycle(MoObject *cls, int touch)
{
    MoGC_Collect();
    MoObject *p = MoObject_CallNoArgs(cls), *q = MoObject_CallNoArgs(cls);
    MoObject_SetAttrString(p, "other", q);
    MoObject_SetAttrString(q, "other", p);
    if (touch) {
        Mo_DECREF(MoObject_GetAttrString(p, "__dict__"));
        Mo_DECREF(MoObject_GetAttrString(q, "__dict__"));
    }
    Mo_DECREF(p);
    Mo_DECREF(q);
    return MoGC_Collect();
}
/* endregion main */

int main(void)
{
    Mo_Initialize();
    static const char *const other[] = {"other", NULL};
    MoObject *plain = MoClass_New("P", NULL),
             *slotted = MoClass_New("S", other);
    printf("two plain instances in a cycle: gc.collect() -> %zd\n",
           cycle(plain, 0));
    printf("the same, __dict__ asked for:   gc.collect() -> %zd\n",
           cycle(plain, 1));
    printf("two slotted instances:          gc.collect() -> %zd\n",
           cycle(slotted, 0));
    Mo_DECREF(plain);
    Mo_DECREF(slotted);
    return Mo_Finalize() == 0 ? 0 : 1;
}
