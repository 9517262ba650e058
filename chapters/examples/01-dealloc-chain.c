/* Freeing a container releases its items; an item whose count reaches zero is freed
 * too, and so on down the chain. The C twin of 01-dealloc-chain.py. The list's
 * tp_dealloc (list_dealloc in lib/src/list.c) releases the items last to first.
 * Before freeing pair, the program draws what it reaches with MoGraph_WriteDot
 * (01-dealloc-chain.dot), the runtime's objgraph-style picture of live objects.
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
    Mo_TYPE(self)->tp_free(self);
}

/* repr(node), for the picture: Node('outer') */
static MoObject *node_repr(MoObject *self)
{
    return MoUnicode_FromFormat("Node('%s')", ((NodeObject *)self)->name);
}

static MoTypeObject Node_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "Node",
    .tp_basicsize = sizeof(NodeObject),
    .tp_dealloc = node_dealloc,
    .tp_repr = node_repr,
};

static MoObject *node_new(const char *name)
{
    NodeObject *node = MoObject_New(NodeObject, &Node_Type);
    node->name = name;
    return (MoObject *)node;
}

/* new: the list [first, second], as a list display builds it; steals both. */
static MoObject *list2(MoObject *first, MoObject *second)
{
    MoObject *list = MoList_New(2);
    MoList_SetItem(list, 0, first);
    MoList_SetItem(list, 1, second);
    return list;
}

/* ---------------------------------------------------------------- the story */

/* region main */
int main(void)
{
    Mo_Initialize();
    MoType_Ready(&Node_Type);

    MoObject *items = MoList_New(3);
    MoList_SetItem(items, 0, node_new("first"));
    MoList_SetItem(items, 1, node_new("second"));
    MoList_SetItem(items, 2, node_new("third"));
    printf("del items\n");
    /* the list's count reaches zero: it releases its items */
    Mo_CLEAR(items);

    printf("pair = [[Node('inner')], Node('outer')]\n");
    MoObject *inner = MoList_New(1);
    MoList_SetItem(inner, 0, node_new("inner"));
    MoObject *pair = list2(inner, node_new("outer"));
    /* a picture of what pair reaches */
    FILE *dot = fopen("01-dealloc-chain.dot", "w");
    if (dot != NULL) {
        MoGraph_WriteDot(dot, pair, 3);
        fclose(dot);
    }
    printf("del pair\n");
    Mo_CLEAR(pair);

    MoObject *deep = node_new("bottom");
    for (int i = 0; i < 100000; i++) {
        MoObject *outer = MoList_New(1);          /* deep = [deep] */
        MoList_SetItem(outer, 0, deep);
        deep = outer;
    }
    printf("del deep (100000 nested lists)\n");
    Mo_CLEAR(deep);
    printf("end\n");
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
