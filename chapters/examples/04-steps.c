/* The collector's algorithm, step by step, on a real collection: four lists,
 * d <-> e (d still named by the program) and a <-> b (dropped). An observer,
 * installed with the debug build's _MoGC_SetObserver, prints what the collector
 * computed for each object at each step, and the program draws one panel per step
 * from those numbers (04-steps.dot). Nothing here computes a gc_refs itself.
 */
#include <stdio.h>
#include <string.h>
#include "mo.h"

enum { NOBJ = 4, NSTEP = 4 };
static MoObject *objs[NOBJ];                  /* borrowed: e, d, a, b */
static const char *const names[NOBJ] = { "e", "d", "a", "b" };
static const char *const panels[NSTEP] = { "update_refs", "subtract_refs", "move_unreachable", "delete" };
static Mo_ssize_t refs[NSTEP][NOBJ];          /* what each panel shows */
static int fate[NOBJ];                        /* 0 reachable, 1 unreachable */

static int index_of(MoObject *op)
{
    for (int i = 0; i < NOBJ; i++)
        if (objs[i] == op)
            return i;
    return -1;
}

/* region observer */
/* Called by the collector for each object at each step: print it, keep it. */
static void observe(const MoGCObservation *obs, void *arg)
{
    (void)arg;
    int i = index_of(obs->op);
    if (i < 0 || obs->pass != 1)
        return;
    if (obs->gc_refs >= 0)
        printf("%-14s %s  gc_refs %zd\n", obs->step, names[i], obs->gc_refs);
    else
        printf("%-14s %s\n", obs->step, names[i]);
    if (strcmp(obs->step, "update_refs") == 0)
        refs[0][i] = obs->gc_refs;
    else if (strcmp(obs->step, "subtract_refs") == 0)
        refs[1][i] = obs->gc_refs;
    else if (strcmp(obs->step, "reachable") == 0)
        refs[2][i] = obs->gc_refs, fate[i] = 0;
    else if (strcmp(obs->step, "set_aside") == 0)
        refs[2][i] = 0, fate[i] = 1;
    else if (strcmp(obs->step, "delete") == 0)
        refs[3][i] = -1;
}
/* endregion observer */

/* ------------------------------------------------------------ the picture */

/* One cluster per step, step 1 on top; the references between the four lists in each. */
static void draw(FILE *f, const int edges[][2], int nedges)
{
    fprintf(f, "digraph steps {\n  rankdir=LR; newrank=true;\n"
               "  node [shape=box, style=\"rounded,filled\", fontname=\"sans-serif\"];\n");
    for (int s = NSTEP - 1; s >= 0; s--) {   /* graphviz stacks the last on top */
        fprintf(f, "  subgraph cluster_%d {\n    label=\"%d. %s\"; fontname=\"monospace\";\n", s, s + 1,
                panels[s]);
        for (int i = 0; i < NOBJ; i++) {
            const char *color = s < 2 ? "white" : fate[i] ? "#d0d0d0" : "#c8f0c8";
            if (s == 3 && fate[i])
                fprintf(f, "    s%d%s [label=\"%s\\nfreed\", style=\"rounded,dashed\"];\n", s, names[i], names[i]);
            else if (s == 3)
                fprintf(f, "    s%d%s [label=\"%s\\nsurvives\", fillcolor=\"%s\"];\n", s, names[i], names[i], color);
            else
                fprintf(f, "    s%d%s [label=\"%s\\ngc_refs %zd\", fillcolor=\"%s\"];\n", s, names[i], names[i],
                        refs[s][i], color);
        }
        for (int k = 0; k < nedges; k++)
            fprintf(f, "    s%d%s -> s%d%s;\n", s, names[edges[k][0]], s, names[edges[k][1]]);
        fprintf(f, "  }\n");
    }
    fprintf(f, "  ext [label=\"the program's\\nvariable d\", shape=plaintext, style=solid];\n  ext -> s0d;\n}\n");
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoGC_Collect();                            /* generation 0 is empty now */
    MoObject *e = MoList_New(0), *d = MoList_New(0);
    MoObject *a = MoList_New(0), *b = MoList_New(0);
    MoList_Append(d, e);                       /* d <-> e, and d is ours */
    MoList_Append(e, d);
    Mo_DECREF(e);
    MoList_Append(a, b);                       /* a <-> b, dropped */
    MoList_Append(b, a);
    Mo_DECREF(a);
    Mo_DECREF(b);
    objs[0] = e, objs[1] = d, objs[2] = a, objs[3] = b;

    _MoGC_SetObserver(observe, NULL);
    Mo_ssize_t n = MoGC_CollectGeneration(0);
    _MoGC_SetObserver(NULL, NULL);
    printf("gc.collect(0) -> %zd\n", n);

    static const int edges[][2] = { { 1, 0 }, { 0, 1 }, { 2, 3 }, { 3, 2 } };
    FILE *f = fopen("04-steps.dot", "w");
    if (f != NULL) {
        draw(f, edges, 4);
        fclose(f);
    }
    Mo_DECREF(d);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
