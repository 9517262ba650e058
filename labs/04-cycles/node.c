/* Lab 04, part A: the Node type, collectable (see node.h for what each function
 * promises).
 *
 * What the collector needs from a container type (chapter 04):
 *  - MO_TPFLAGS_HAVE_GC, and instances allocated with MoObject_GC_New, which puts the
 *    16-byte GC header in front of them;
 *  - tp_traverse: visit each reference the node OWNS, exactly once, and nothing else.
 *    A missed one hides a cycle (the collector never frees it); a borrowed one makes
 *    the collector subtract a reference that is not there;
 *  - tp_clear: drop the owned references, each field set to NULL before its object is
 *    released (Mo_CLEAR), because releasing can run code that looks at the node;
 *  - tracking (MoObject_GC_Track) only once every field has its value: from then on
 *    any allocation may start a collection that traverses the node;
 *  - tp_dealloc: finalizer first (the node may be resurrected), then untrack, clear,
 *    free.
 *
 * Start reading at Node_Type, near the end.
 */
#include "node.h"

/* 1 if op is a Node; 0 with SystemError otherwise. */
static int node_check(MoObject *op, const char *file, int line)
{
    if (op != NULL && Node_Check(op))
        return 1;
    _MoErr_BadInternalCall(file, line);
    return 0;
}
#define NODE_CHECK(op) node_check((op), __FILE__, __LINE__)

/* ------------------------------------------------------------ construction */

/* region node_new */
MoObject *Node_New(MoObject *graph, const char *name)
{
    // TODO: allocate with the GC allocator, set every field, and only then
    // start tracking. This version is not collectable at all.
    NodeObject *n = MoObject_New(NodeObject, &Node_Type);
    if (n == NULL)
        return NULL;
    n->value = n->on_finalize = NULL;
    n->graph = graph;
    n->name = MoUnicode_FromString(name);
    n->edges = MoList_New(0);
    if (n->name == NULL || n->edges == NULL) {
        Mo_DECREF(n);
        return NULL;
    }
    if (graph != NULL && MoList_Append(graph, (MoObject *)n) < 0) {
        Mo_DECREF(n);
        return NULL;
    }
    return (MoObject *)n;
}
/* endregion node_new */

int Node_AddEdge(MoObject *node, MoObject *target)
{
    if (!NODE_CHECK(node))
        return -1;
    return MoList_Append(((NodeObject *)node)->edges, target);
}

/* Store a new reference to value (or NULL) in *field; the old one is released
   last, once the field no longer points at it. */
static int node_set_field(MoObject **field, MoObject *value)
{
    Mo_XSETREF(*field, Mo_XNewRef(value));
    return 0;
}

int Node_SetValue(MoObject *node, MoObject *value)
{
    if (!NODE_CHECK(node))
        return -1;
    return node_set_field(&((NodeObject *)node)->value, value);
}

int Node_SetFinalizer(MoObject *node, MoObject *callable)
{
    if (!NODE_CHECK(node))
        return -1;
    return node_set_field(&((NodeObject *)node)->on_finalize, callable);
}

/* ------------------------------------------------------- the collector's slots */

/* region node_traverse */
static int node_traverse(MoObject *self, visitproc visit, void *arg)
{
    NodeObject *n = (NodeObject *)self;
    // TODO: visit every reference the node owns, in the order of the struct.
    (void)n;
    (void)visit;
    (void)arg;
    return 0;
}
/* endregion node_traverse */

/* region node_clear */
static int node_clear(MoObject *self)
{
    NodeObject *n = (NodeObject *)self;
    /* Each field is NULL before its object is released: releasing may run code
       (a finalizer, a deallocator) that looks at this node again. */
    Mo_CLEAR(n->name);
    Mo_CLEAR(n->edges);
    Mo_CLEAR(n->value);
    Mo_CLEAR(n->on_finalize);
    return 0;
}
/* endregion node_clear */

/* tp_finalize: call on_finalize(node). It runs once (the runtime remembers); an
   exception it raises is reported by the caller, as CPython reports __del__'s. */
static void node_finalize(MoObject *self)
{
    MoObject *callback = ((NodeObject *)self)->on_finalize;
    if (callback == NULL)
        return;
    MoObject *result = MoObject_CallOneArg(callback, self);
    Mo_XDECREF(result);
}

/* region node_dealloc */
static void node_dealloc(MoObject *self)
{
    // TODO: the finalizer may resurrect the node: then stop. Otherwise stop
    // the collector from seeing it, and free what it owns.
    node_clear(self);
    Mo_TYPE(self)->tp_free(self);
}
/* endregion node_dealloc */

/* region node_type */
MoTypeObject Node_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "lab04.Node",
    .tp_basicsize = sizeof(NodeObject),
    .tp_dealloc = node_dealloc,
    .tp_finalize = node_finalize,
    .tp_flags = MO_TPFLAGS_DEFAULT,   // TODO: the collector must see Nodes
    .tp_traverse = node_traverse,
    .tp_clear = node_clear,
    .tp_doc = "A graph node: a name, outgoing edges, a value, a finalizer.",
};
/* endregion node_type */

int Node_Ready(void)
{
    return MoType_Ready(&Node_Type);
}
