/* A count goes down on del, on rebinding and when a function's locals die at its
 * return; the object is freed the moment it reaches zero. The C twin of
 * 01-scope.py. Node is a type defined in C whose tp_dealloc says when it runs:
 * tp_dealloc is what the last Mo_DECREF calls, and it is where CPython calls
 * __del__.
 */
#include <stdio.h>
#include "mo.h"

/* ------------------------------------------------------------ the Node type */

typedef struct {
    MoObject_HEAD
    const char *name;
} NodeObject;

static void node_dealloc(MoObject *self)
{
    printf("    (Node '%s' freed)\n", ((NodeObject *)self)->name);
    Mo_TYPE(self)->tp_free(self);               /* give the memory back */
}

static MoTypeObject Node_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "Node",
    .tp_basicsize = sizeof(NodeObject),
    .tp_dealloc = node_dealloc,
};

/* new: Node(name) */
static MoObject *node_new(const char *name)
{
    NodeObject *node = MoObject_New(NodeObject, &Node_Type);
    node->name = name;
    return (MoObject *)node;
}

/* ---------------------------------------------------------------- the story */

/* f(arg), as CPython runs it: the frame holds a reference to each argument and
   each local, and releases them all when the function returns. */
static void f(MoObject *arg)
{
    Mo_INCREF(arg);                             /* the frame's reference to arg */
    MoObject *local = node_new("local");        /* only the frame refers to it */
    printf("  in f: count of a = %zd\n", Mo_REFCNT(arg));
    MoObject *alias = Mo_NewRef(arg);           /* alias = arg */
    printf("  in f, after alias = arg: count of a = %zd\n", Mo_REFCNT(arg));
    printf("  f returns\n");
    /* the frame dies: its references go */
    Mo_DECREF(arg);
    Mo_DECREF(local);
    Mo_DECREF(alias);
}

int main(void)
{
    Mo_Initialize();
    MoType_Ready(&Node_Type);

    MoObject *a = node_new("a");
    printf("a = Node('a'): count of a = %zd\n", Mo_REFCNT(a));
    printf("f(a)\n");
    f(a);
    printf("after f(a): count of a = %zd\n", Mo_REFCNT(a));

    MoObject *x = node_new("x");
    printf("x = Node('y')\n");
    /* rebinding drops the reference to 'x' */
    Mo_SETREF(x, node_new("y"));
    printf("del x\n");
    Mo_CLEAR(x);

    MoObject *items = MoList_New(1);            /* items = [Node('in a list')] */
    MoList_SetItem(items, 0, node_new("in a list"));
    printf("del items[0]\n");
    MoList_DelItem(items, 0);
    printf("del a\n");
    Mo_CLEAR(a);
    printf("end\n");
    Mo_DECREF(items);
    return Mo_Finalize() == 0 ? 0 : 1;
}
