/* Two objects that refer to each other: the articles' MyObj pair. The C twin of
 * 04-mutual.py. After del obj1, obj2 each count is still 1; gc.collect() runs
 * both __del__ methods, in the order the objects were created, and returns 2.
 * The second round touches each instance's __dict__ first, as Python before 3.11
 * always had one: then the two dicts are collected too, and the result is 4.
 * The picture (04-mutual.dot) is the pair after the two dels.
 */
#include <stdio.h>
#include "mo.h"

/* def __del__(self): print(self.name + " deleted") */
static MoObject *myobj_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *name = MoObject_GetAttrString(MoTuple_GetItem(args, 0), "name");
    if (name == NULL)
        return NULL;
    printf("%s deleted\n", MoUnicode_AsUTF8(name));
    Mo_DECREF(name);
    Mo_RETURN_NONE;
}

/* new: MyObj(name), printing the name as the article's __init__ does */
static MoObject *myobj(MoObject *cls, const char *name)
{
    MoObject *o = MoObject_CallNoArgs(cls);
    MoObject *s = MoUnicode_FromString(name);
    MoObject_SetAttrString(o, "name", s);
    Mo_DECREF(s);
    printf("%s\n", name);
    return o;
}

/* obj1.ref = obj2; obj2.ref = obj1; then del obj1, obj2 (our references). */
static MoObject *pair_and_drop(MoObject *obj1, MoObject *obj2)
{
    MoObject_SetAttrString(obj1, "ref", obj2);
    MoObject_SetAttrString(obj2, "ref", obj1);
    Mo_DECREF(obj1);
    Mo_DECREF(obj2);
    return obj1;   /* borrowed: still alive, kept by obj2 */
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *MyObj = MoClass_New("MyObj", NULL);
    MoObject *del = MoCFunction_New("__del__", myobj_del, NULL);
    MoObject_SetAttrString(MyObj, "__del__", del);
    Mo_DECREF(del);
    MoGC_Collect();

    MoObject *obj1 = myobj(MyObj, "Obj1"), *obj2 = myobj(MyObj, "obj2");
    MoObject *left = pair_and_drop(obj1, obj2);
    printf("after del: counts %zd and %zd\n", Mo_REFCNT(left), Mo_REFCNT(obj2));
    FILE *dot = fopen("04-mutual.dot", "w");
    if (dot != NULL) {
        MoGraph_WriteDot(dot, left, 3);
        fclose(dot);
    }
    printf("gc.collect() -> %zd\n", MoGC_Collect());

    obj1 = myobj(MyObj, "Obj1");
    obj2 = myobj(MyObj, "obj2");
    Mo_DECREF(MoObject_GetAttrString(obj1, "__dict__"));   /* obj1.__dict__ */
    Mo_DECREF(MoObject_GetAttrString(obj2, "__dict__"));
    pair_and_drop(obj1, obj2);
    printf("gc.collect() -> %zd (with both __dict__s)\n", MoGC_Collect());
    Mo_DECREF(MyObj);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
