/* A tree whose children point back at their parent, the C twin of
 * 04-weak-parent.py: with a strong back-reference the tree is a web of cycles
 * that only the collector frees; with a weak one, the last DECREF frees it all.
 */
#include <stdio.h>
#include "mo.h"

/* new: a root with .children, a list of three nodes whose .parent is the root
   (or a weak reference to it) */
static MoObject *tree(MoObject *Node, int weak)
{
    MoObject *root = MoObject_CallNoArgs(Node);
    MoObject *children = MoList_New(0);
    MoObject_SetAttrString(root, "children", children);
    for (int i = 0; i < 3; i++) {
        MoObject *child = MoObject_CallNoArgs(Node);
        MoObject *parent = weak ? MoWeakref_NewRef(root, NULL) : Mo_NewRef(root);
        MoObject_SetAttrString(child, "parent", parent);
        Mo_DECREF(parent);
        MoList_Append(children, child);
        Mo_DECREF(child);
    }
    Mo_DECREF(children);
    return root;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *Node = MoClass_New("Node", NULL);
    MoGC_Collect();
    MoObject *root = tree(Node, 0);
    Mo_DECREF(root);                           /* del root */
    printf("strong parent: collect: %zd\n", MoGC_Collect());
    root = tree(Node, 1);
    MoObject *probe = MoWeakref_NewRef(root, NULL);
    Mo_DECREF(root);
    int alive = MoWeakref_GetObject(probe) != Mo_None;
    printf("weak parent: root alive after del: %s\n", alive ? "True" : "False");
    printf("weak parent: collect: %zd\n", MoGC_Collect());
    Mo_DECREF(probe);
    Mo_DECREF(Node);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
