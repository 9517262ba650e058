/* Dynamic typing: a name has no type; the object it refers to has one. The C twin
 * of 00-dynamic.py. In C the variable x has one static type, MoObject *, whatever
 * it points to; the type that matters is the one in the object's header.
 */
#include <stdio.h>
#include "mo.h"

static void describe(const char *name, MoObject *obj)
{
    MoObject *r = MoObject_Repr(obj);
    printf("%s = %-12s type: %-5s at %#lx\n", name, MoUnicode_AsUTF8(r),
           Mo_TYPE(obj)->tp_name, (unsigned long)MoObject_Id(obj));
    Mo_DECREF(r);
}

/* Print "label: repr(result)", or the error it raised. Releases result. */
static void show(const char *label, MoObject *result)
{
    if (result == NULL) {
        MoObject *exc = MoErr_GetRaisedException(), *msg = MoObject_Str(exc);
        printf("%s: %s: %s\n", label, Mo_TYPE(exc)->tp_name, MoUnicode_AsUTF8(msg));
        Mo_DECREF(msg);
        Mo_DECREF(exc);
        return;
    }
    MoObject *r = MoObject_Repr(result);
    printf("%s: %s\n", label, MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
    Mo_DECREF(result);
}

int main(void)
{
    Mo_Initialize();
    MoObject *x = MoLong_FromLong(42);                      /* x = 42 */
    describe("x", x);
    Mo_SETREF(x, MoUnicode_FromConstant("forty-two"));      /* x = "forty-two" */
    describe("x", x);
    MoObject *list = MoList_New(0);                         /* x = [4, 2] */
    for (long v = 4; v >= 2; v -= 2) {
        MoObject *item = MoLong_FromLong(v);
        MoList_Append(list, item);
        Mo_DECREF(item);
    }
    Mo_SETREF(x, list);
    describe("x", x);
    MoObject *y = Mo_NewRef(x);                              /* y = x */
    printf("type(x) is type(y): %s\n", Mo_TYPE(x) == Mo_TYPE(y) ? "True" : "False");

    MoObject *four = MoUnicode_FromConstant("4"), *two = MoLong_FromLong(2);
    show("'4' + 2", MoNumber_Add(four, two));
    show("'4' * 2", MoNumber_Multiply(four, two));
    Mo_DECREF(two);
    Mo_DECREF(four);
    Mo_DECREF(y);
    Mo_DECREF(x);
    return Mo_Finalize() == 0 ? 0 : 1;
}
