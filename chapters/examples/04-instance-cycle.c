/* An instance that refers to itself: c = C(10); c.cr = c. The C twin of
 * 04-instance-cycle.py. The class is made at run time with MoClass_New, as a
 * class statement would make it; its __del__ is a C function set on the class,
 * which receives the instance as its first argument.
 */
#include <stdio.h>
#include "mo.h"

/* def __del__(self): print(f"Deleting C({self.x})") */
static MoObject *c_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *x = MoObject_GetAttrString(MoTuple_GetItem(args, 0), "x");
    if (x == NULL)
        return NULL;
    printf("Deleting C(%ld)\n", MoLong_AsLong(x));
    Mo_DECREF(x);
    Mo_RETURN_NONE;
}

/* new: class C with __del__ */
static MoObject *make_class(void)
{
    MoObject *cls = MoClass_New("C", NULL);
    MoObject *del = MoCFunction_New("__del__", c_del, NULL);
    MoObject_SetAttrString(cls, "__del__", del);
    Mo_DECREF(del);
    return cls;
}

/* new: C(x), that is an instance with .x = x */
static MoObject *make_c(MoObject *cls, long x)
{
    MoObject *c = MoObject_CallNoArgs(cls);
    MoObject *v = MoLong_FromLong(x);
    MoObject_SetAttrString(c, "x", v);
    Mo_DECREF(v);
    return c;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *C = make_class();
    MoGC_Collect();
    MoObject *c = make_c(C, 10);               /* c = C(10) */
    printf("c = None, no cycle:\n");
    Mo_CLEAR(c);                               /* freed now: __del__ runs here */
    c = make_c(C, 10);
    MoObject_SetAttrString(c, "cr", c);        /* c.cr = c */
    MoObject *x = Mo_NewRef(c);                /* c.cr.cr.cr.cr.x */
    for (int i = 0; i < 4; i++)
        Mo_SETREF(x, MoObject_GetAttrString(x, "cr"));
    MoObject *v = MoObject_GetAttrString(x, "x");
    printf("c.cr.cr.cr.cr.x: %ld\n", MoLong_AsLong(v));
    Mo_DECREF(v);
    Mo_DECREF(x);
    printf("c = None, in a cycle:\n");
    Mo_CLEAR(c);                               /* count 1 left: nothing happens */
    printf("gc.collect():\n");
    Mo_ssize_t n = MoGC_Collect();
    printf("collected: %zd\n", n);
    printf("gc.garbage: %zd objects\n", MoList_Size(MoGC_Garbage()));
    Mo_DECREF(C);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
