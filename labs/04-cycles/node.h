/* Lab 04, part A: Node, a graph node the cyclic collector can see.
 *
 * A Node owns a name (a str), a list of outgoing edges, an optional value and an
 * optional finalizer, and keeps a *borrowed* pointer to the graph (a list) that
 * registered it: the graph owns the node, not the other way round. Nodes make
 * cycles (an edge back to an ancestor, a value that refers to the node), so the
 * type must take part in cyclic garbage collection, as CPython's extension types
 * do: the MO_TPFLAGS_HAVE_GC flag, a tp_traverse that visits every reference the
 * node owns (and nothing else), a tp_clear that drops them safely, tracking once
 * the fields are set, untracking before teardown in tp_dealloc.
 *
 * Failure: functions returning MoObject * return NULL, and those returning int
 * return -1, with an exception set. A non-Node where a Node is expected raises
 * SystemError ("bad argument to internal function").
 */
#ifndef LAB04_NODE_H
#define LAB04_NODE_H

#include "mo.h"

typedef struct {
    MoObject_HEAD
    MoObject *name;          /* owned: a str */
    MoObject *edges;         /* owned: a list, the outgoing edges (any objects) */
    MoObject *value;         /* owned, or NULL: any object */
    MoObject *on_finalize;   /* owned, or NULL: called once, with the node, when it is finalized */
    MoObject *graph;         /* BORROWED, or NULL: the list that registered the node */
} NodeObject;

/* The type: "lab04.Node". */
extern MoTypeObject Node_Type;
#define Node_Check(op) Mo_IS_TYPE((op), &Node_Type)

/* Ready Node_Type (call after Mo_Initialize). 0, or -1 with an exception set. */
int Node_Ready(void);

/* new: a node named name, with no edges, no value and no finalizer, tracked by the
   collector. When graph (a list) is not NULL, the node appends itself to it (the
   graph takes its own reference) and remembers the graph in its borrowed field.
   NULL with MemoryError (nothing left behind). */
MoObject *Node_New(MoObject *graph, const char *name);

/* Add an edge from node to target (any object). Does not steal: the node takes a
   reference of its own. 0, or -1 with an exception. */
int Node_AddEdge(MoObject *node, MoObject *target);

/* Set the node's value (NULL: none), releasing the old one. Does not steal. 0, or -1. */
int Node_SetValue(MoObject *node, MoObject *value);

/* Set the callable the node's finalizer calls with the node (NULL: none). Does not
   steal. 0, or -1. */
int Node_SetFinalizer(MoObject *node, MoObject *callable);

#endif
