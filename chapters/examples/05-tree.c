/* A parent/child tree. With strong back-references every child and its parent form
 * a cycle: dropping the root frees nothing until the collector runs. With weak
 * back-references there is no cycle: dropping the root frees the whole tree at
 * once, by counting alone, and the collector never runs. The C twin of 05-tree.py;
 * Node's __init__ and __del__ are C functions stored on the class.
 */
#include <stdio.h>
#include "mo.h"

/* __init__(self, name, parent=None, weak=True) */
static MoObject *node_init(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *self = MoTuple_GET_ITEM(args, 0), *children = MoList_New(0);
    int err = MoObject_SetAttrString(self, "name", MoTuple_GET_ITEM(args, 1)) |
              MoObject_SetAttrString(self, "children", children);
    Mo_DECREF(children);
    if (err == 0 && MoTuple_GET_SIZE(args) > 2) {
        MoObject *parent = MoTuple_GET_ITEM(args, 2);
        int weak = MoObject_IsTrue(MoTuple_GET_ITEM(args, 3));
        MoObject *back = weak ? MoWeakref_NewRef(parent, NULL) : Mo_NewRef(parent);
        MoObject *siblings = MoObject_GetAttrString(parent, "children");
        err = MoObject_SetAttrString(self, "parent", back) |
              MoList_Append(siblings, self);
        Mo_DECREF(siblings);
        Mo_DECREF(back);
    }
    if (err != 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* __del__(self): print("  free", self.name) */
static MoObject *node_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *name = MoObject_GetAttrString(MoTuple_GET_ITEM(args, 0), "name");
    printf("  free %s\n", MoUnicode_AsUTF8(name));
    Mo_DECREF(name);
    Mo_RETURN_NONE;
}

static MoObject *make_class(void)
{
    MoObject *cls = MoClass_New("Node", NULL);
    MoObject *init = MoCFunction_New("__init__", node_init, NULL);
    MoObject *del = MoCFunction_New("__del__", node_del, NULL);
    MoObject_SetAttrString(cls, "__init__", init);
    MoObject_SetAttrString(cls, "__del__", del);
    Mo_DECREF(init);
    Mo_DECREF(del);
    return cls;
}

/* sum(s["collections"] for s in gc.get_stats()) */
static Mo_ssize_t collections(void)
{
    MoGCStats stats[3];
    MoGC_GetStats(stats);
    return stats[0].collections + stats[1].collections + stats[2].collections;
}

/* new: a root with children a, b, c, whose parent references are weak or not. */
static MoObject *build(MoObject *Node, int weak)
{
    MoObject *root = MoObject_CallFunction(Node, "s", "root");
    const char *names[] = {"a", "b", "c"};
    for (int i = 0; i < 3; i++)
        Mo_XDECREF(MoObject_CallFunction(Node, "sOO", names[i], root,
                                         weak ? Mo_True : Mo_False));
    return root;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *Node = make_class();
    MoGC_Disable();
    for (int weak = 0; weak <= 1; weak++) {
        printf("weak back-references: %s\n", weak ? "True" : "False");
        MoObject *root = build(Node, weak);
        MoObject *children = MoObject_GetAttrString(root, "children");
        MoObject *back =
            MoObject_GetAttrString(MoList_GET_ITEM(children, 0), "parent");
        MoObject *parent = weak ? MoWeakref_GetObject(back) : back;
        printf("  root.children[0].parent is root: %s\n",
               parent == root ? "True" : "False");
        Mo_DECREF(back);
        Mo_DECREF(children);
        Mo_ssize_t before = collections();
        printf("  del root:\n");
        Mo_DECREF(root);
        printf("  collections run: %zd\n", collections() - before);
        printf("  gc.collect() -> %zd\n", MoGC_Collect());
    }
    Mo_DECREF(Node);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
