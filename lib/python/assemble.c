/* The assembler: a unit's instructions to a code object, as 3.11's assembler
 * does it: the stack depth by a walk over every path (handlers entered with the
 * exception pushed), pseudo-instructions removed, jumps made relative and given
 * their direction (JUMP -> JUMP_FORWARD / JUMP_BACKWARD), EXTENDED_ARG where an
 * argument exceeds a byte, and the exception table from each instruction's handler.
 */
#include "compile_unit.h"

static int is_jump(int op)
{
    switch (op) {
    case OP_JUMP: case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE: case OP_POP_JUMP_IF_NONE:
    case OP_POP_JUMP_IF_NOT_NONE: case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP:
    case OP_FOR_ITER: case OP_SEND: case OP_JUMP_FORWARD: case OP_JUMP_BACKWARD:
    case OP_POP_JUMP_FORWARD_IF_FALSE: case OP_POP_JUMP_FORWARD_IF_TRUE:
    case OP_POP_JUMP_BACKWARD_IF_FALSE: case OP_POP_JUMP_BACKWARD_IF_TRUE:
    case OP_POP_JUMP_FORWARD_IF_NONE: case OP_POP_JUMP_FORWARD_IF_NOT_NONE:
        return 1;
    }
    return 0;
}

int Opcode_HasJump(int op) { return is_jump(op); }

static int is_terminal(int op)
{
    return op == OP_JUMP || op == OP_RETURN_VALUE || op == OP_RERAISE || op == OP_RAISE_VARARGS ||
           op == OP_JUMP_FORWARD || op == OP_JUMP_BACKWARD;
}

/* the stack effect of op falling through (jump 0) or jumping (jump 1) */
static int stack_effect(int op, int arg, int jump)
{
    switch (op) {
    case OP_NOP: case OP_UNARY_POSITIVE: case OP_UNARY_NEGATIVE: case OP_UNARY_NOT: case OP_UNARY_INVERT:
    case OP_GET_ITER: case OP_GET_YIELD_FROM_ITER: case OP_LIST_TO_TUPLE: case OP_YIELD_VALUE:
    case OP_DELETE_NAME: case OP_LOAD_ATTR: case OP_SWAP: case OP_DELETE_GLOBAL: case OP_DELETE_FAST:
    case OP_MAKE_CELL: case OP_DELETE_DEREF: case OP_EXTENDED_ARG: case OP_COPY_FREE_VARS:
    case OP_RESUME: case OP_PRECALL: case OP_KW_NAMES: case OP_CHECK_EXC_MATCH: case OP_JUMP:
    case OP_JUMP_FORWARD: case OP_JUMP_BACKWARD: case OP_SETUP_FINALLY: case OP_SETUP_CLEANUP:
    case OP_SETUP_WITH: case OP_POP_BLOCK: case OP_CACHE:
        return 0;
    case OP_POP_TOP: case OP_BINARY_SUBSCR: case OP_PRINT_EXPR: case OP_RETURN_VALUE: case OP_IMPORT_STAR:
    case OP_POP_EXCEPT: case OP_STORE_NAME: case OP_DELETE_ATTR: case OP_STORE_GLOBAL: case OP_COMPARE_OP:
    case OP_IMPORT_NAME: case OP_IS_OP: case OP_CONTAINS_OP: case OP_RERAISE: case OP_BINARY_OP:
    case OP_STORE_FAST: case OP_STORE_DEREF: case OP_LIST_APPEND: case OP_SET_ADD: case OP_LIST_EXTEND:
    case OP_SET_UPDATE: case OP_DICT_MERGE: case OP_DICT_UPDATE: case OP_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_IF_TRUE: case OP_POP_JUMP_IF_NONE: case OP_POP_JUMP_IF_NOT_NONE:
    case OP_POP_JUMP_FORWARD_IF_FALSE: case OP_POP_JUMP_FORWARD_IF_TRUE:
    case OP_POP_JUMP_BACKWARD_IF_FALSE: case OP_POP_JUMP_BACKWARD_IF_TRUE:
    case OP_POP_JUMP_FORWARD_IF_NONE: case OP_POP_JUMP_FORWARD_IF_NOT_NONE:
        return -1;
    case OP_PUSH_NULL: case OP_GET_LEN: case OP_PUSH_EXC_INFO: case OP_WITH_EXCEPT_START:
    case OP_BEFORE_WITH: case OP_LOAD_BUILD_CLASS: case OP_LOAD_ASSERTION_ERROR: case OP_RETURN_GENERATOR:
    case OP_LOAD_CONST: case OP_LOAD_NAME: case OP_IMPORT_FROM: case OP_COPY: case OP_LOAD_FAST:
    case OP_LOAD_CLOSURE: case OP_LOAD_DEREF: case OP_LOAD_CLASSDEREF: case OP_LOAD_METHOD:
        return 1;
    case OP_STORE_SUBSCR: return -3;
    case OP_DELETE_SUBSCR: case OP_STORE_ATTR: case OP_MAP_ADD: return -2;
    case OP_UNPACK_SEQUENCE: return arg - 1;
    case OP_UNPACK_EX: return (arg & 0xFF) + (arg >> 8);
    case OP_FOR_ITER: return jump ? -1 : 1;
    case OP_BUILD_TUPLE: case OP_BUILD_LIST: case OP_BUILD_SET: case OP_BUILD_STRING: return 1 - arg;
    case OP_BUILD_MAP: return 1 - 2 * arg;
    case OP_BUILD_CONST_KEY_MAP: return -arg;
    case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
    case OP_LOAD_GLOBAL: return 1 + (arg & 1);
    case OP_SEND: return jump ? -1 : 0;
    case OP_RAISE_VARARGS: return -arg;
    case OP_MAKE_FUNCTION: return -((arg & 1) + ((arg >> 1) & 1) + ((arg >> 2) & 1) + ((arg >> 3) & 1));
    case OP_BUILD_SLICE: return 1 - arg;
    case OP_CALL_FUNCTION_EX: return -2 - (arg & 1);
    case OP_FORMAT_VALUE: return (arg & 4) ? -1 : 0;
    case OP_CALL: return -(arg + 1);
    }
    return 0;
}

static int ext_count(int arg)
{
    return arg > 0xFFFFFF ? 3 : arg > 0xFFFF ? 2 : arg > 0xFF ? 1 : 0;
}

static int real_op(int op, int backward)
{
    switch (op) {
    case OP_JUMP: return backward ? OP_JUMP_BACKWARD : OP_JUMP_FORWARD;
    case OP_POP_JUMP_IF_FALSE: return backward ? OP_POP_JUMP_BACKWARD_IF_FALSE : OP_POP_JUMP_FORWARD_IF_FALSE;
    case OP_POP_JUMP_IF_TRUE: return backward ? OP_POP_JUMP_BACKWARD_IF_TRUE : OP_POP_JUMP_FORWARD_IF_TRUE;
    case OP_POP_JUMP_IF_NONE: return OP_POP_JUMP_FORWARD_IF_NONE;
    case OP_POP_JUMP_IF_NOT_NONE: return OP_POP_JUMP_FORWARD_IF_NOT_NONE;
    }
    return op;
}

static MoObject *tuple_of(MoObject *list) { return MoList_AsTuple(list); }

MoObject *Assemble(Compiler *c)
{
    Unit *u = c->u;
    int n = u->n;
    int *depth = malloc(sizeof(int) * (size_t)(n + 1));
    int *hdepth = malloc(sizeof(int) * (size_t)(u->nlabels + 1));
    int *work = malloc(sizeof(int) * (size_t)(n + 1));
    int *realidx = malloc(sizeof(int) * (size_t)(n + 1));
    int *offset = NULL, *size = NULL, *args = NULL, *ops = NULL;
    MoCodeObject *co = NULL;
    if (!depth || !hdepth || !work || !realidx) {
        MoErr_NoMemory();
        goto done;
    }
    for (int i = 0; i <= n; i++)
        depth[i] = -1;
    for (int i = 0; i < u->nlabels; i++)
        hdepth[i] = 0;
    /* stack depths */
    int maxdepth = 0, nwork = 0;
    depth[0] = 0;
    work[nwork++] = 0;
    while (nwork > 0) {
        int i = work[--nwork];
        int d = depth[i];
        for (; i < n; i++) {
            Instr *in = &u->ins[i];
            if (in->op == OP_SETUP_FINALLY || in->op == OP_SETUP_CLEANUP || in->op == OP_SETUP_WITH) {
                int hd = d - (in->op == OP_SETUP_WITH ? 1 : 0);
                hdepth[in->arg] = hd;
                int t = u->labels[in->arg];
                if (hd + 1 > maxdepth)
                    maxdepth = hd + 1;
                if (t >= 0 && depth[t] < 0) {
                    depth[t] = hd + 1;
                    work[nwork++] = t;
                }
            } else if (is_jump(in->op)) {
                int t = u->labels[in->arg];
                int jd = d + stack_effect(in->op, in->arg, 1);
                if (t >= 0 && depth[t] < 0) {
                    depth[t] = jd;
                    work[nwork++] = t;
                }
            }
            d += stack_effect(in->op, in->arg, 0);
            if (d > maxdepth)
                maxdepth = d;
            if (is_terminal(in->op))
                break;
            if (i + 1 <= n) {
                if (depth[i + 1] >= 0)
                    break;
                depth[i + 1] = d;
            }
        }
    }
    /* real instructions */
    int nreal = 0;
    for (int i = 0; i < n; i++) {
        realidx[i] = nreal;
        if (!IS_PSEUDO(u->ins[i].op) || u->ins[i].op == OP_JUMP || u->ins[i].op >= OP_POP_JUMP_IF_FALSE)
            nreal++;
    }
    realidx[n] = nreal;
    offset = malloc(sizeof(int) * (size_t)(nreal + 1));
    size = malloc(sizeof(int) * (size_t)(nreal + 1));
    args = malloc(sizeof(int) * (size_t)(nreal + 1));
    ops = malloc(sizeof(int) * (size_t)(nreal + 1));
    int *src = malloc(sizeof(int) * (size_t)(nreal + 1));
    if (!offset || !size || !args || !ops || !src) {
        free(src);
        MoErr_NoMemory();
        goto done;
    }
    for (int i = 0, r = 0; i < n; i++) {
        Instr *in = &u->ins[i];
        if (IS_PSEUDO(in->op) && in->op != OP_JUMP && in->op < OP_POP_JUMP_IF_FALSE)
            continue;
        src[r] = i;
        ops[r] = in->op;
        args[r] = in->arg;
        size[r] = 1;
        r++;
    }
    /* offsets, until EXTENDED_ARGs stop changing them */
    for (int changed = 1; changed;) {
        changed = 0;
        int off = 0;
        for (int r = 0; r < nreal; r++) {
            offset[r] = off;
            off += size[r];
        }
        offset[nreal] = off;
        for (int r = 0; r < nreal; r++) {
            Instr *in = &u->ins[src[r]];
            if (!is_jump(in->op))
                continue;
            int t = realidx[u->labels[in->arg]];
            int backward = t <= r;
            int next = offset[r] + size[r];
            args[r] = backward ? next - offset[t] : offset[t] - next;
            ops[r] = real_op(in->op, backward);
            int sz = 1 + ext_count(args[r]);
            if (sz != size[r]) {
                size[r] = sz;
                changed = 1;
            }
        }
        for (int r = 0; r < nreal; r++) {
            if (is_jump(u->ins[src[r]].op))
                continue;
            int sz = 1 + ext_count(args[r]);
            if (sz != size[r]) {
                size[r] = sz;
                changed = 1;
            }
        }
    }
    co = (MoCodeObject *)_MoObject_New(&MoCode_Type);
    if (co == NULL)
        goto done_src;
    memset((char *)co + sizeof(MoObject), 0, sizeof *co - sizeof(MoObject));
    co->co_ncode = offset[nreal];
    co->co_code = malloc(sizeof(uint16_t) * (size_t)(co->co_ncode + 1));
    co->co_lines = malloc(sizeof(int) * (size_t)(co->co_ncode + 1));
    co->co_positions = malloc(sizeof(int) * 5 * (size_t)(co->co_ncode + 1));
    co->co_exc = malloc(sizeof(ExcEntry) * (size_t)(nreal + 1));
    if (!co->co_code || !co->co_lines || !co->co_exc || !co->co_positions) {
        MoErr_NoMemory();
        Mo_CLEAR(co);
        goto done_src;
    }
    for (int r = 0; r < nreal; r++) {
        Instr *in = &u->ins[src[r]];
        int o = offset[r];
        for (int k = ext_count(args[r]); k > 0; k--) {
            co->co_lines[o] = in->line;
            co->co_code[o++] = (uint16_t)(OP_EXTENDED_ARG | (((args[r] >> (8 * k)) & 0xFF) << 8));
        }
        co->co_lines[o] = in->line;
        co->co_code[o] = (uint16_t)(ops[r] | ((args[r] & 0xFF) << 8));
        for (int k = offset[r]; k <= o; k++) {
            int *pos = &co->co_positions[5 * k];
            pos[0] = in->col;
            pos[1] = in->end_col;
            pos[2] = in->end_line;
            pos[3] = in->a0;
            pos[4] = in->a1;
        }
        /* the exception table: runs of units with the same handler */
        int h = in->handler;
        if (h >= 0 && depth[src[r]] >= 0) {
            int target = offset[realidx[u->labels[h]]];
            ExcEntry *last = co->co_nexc ? &co->co_exc[co->co_nexc - 1] : NULL;
            if (last && last->end == offset[r] && last->target == target)
                last->end = offset[r] + size[r];
            else
                co->co_exc[co->co_nexc++] = (ExcEntry){offset[r], offset[r] + size[r], target, hdepth[h], 0};
        }
    }
    co->co_argcount = u->argcount;
    co->co_kwonlyargcount = u->kwonlyargcount;
    co->co_flags = u->flags;
    co->co_stacksize = maxdepth;
    co->co_firstlineno = u->firstlineno;
    co->co_consts = tuple_of(u->consts);
    co->co_names = tuple_of(u->names);
    co->co_localsplusnames = tuple_of(u->localsplus);
    co->co_filename = MoUnicode_FromString(c->filename);
    co->co_name = Mo_NewRef(u->name);
    co->co_qualname = Mo_NewRef(u->qualname);
    co->co_nlocalsplus = (int)MoList_Size(u->localsplus);
    co->co_nlocals = u->nlocals;
    co->co_nfreevars = (int)MoList_Size(u->scope->freevars);
    co->co_ncellvars = co->co_nlocalsplus - co->co_nlocals - co->co_nfreevars;
    co->co_localspluskinds = calloc((size_t)co->co_nlocalsplus + 1, 1);
    if (!co->co_consts || !co->co_names || !co->co_localsplusnames || !co->co_filename ||
        !co->co_localspluskinds) {
        Mo_CLEAR(co);
        goto done_src;
    }
    for (int i = 0; i < co->co_nlocalsplus; i++) {
        MoObject *name = MoTuple_GetItem(co->co_localsplusnames, i);
        if (i >= co->co_nlocalsplus - co->co_nfreevars)
            co->co_localspluskinds[i] = CO_FAST_FREE;
        else if (i >= co->co_nlocals)
            co->co_localspluskinds[i] = CO_FAST_CELL;
        else
            co->co_localspluskinds[i] = CO_FAST_LOCAL |
                (MoSequence_Contains(u->scope->cellvars, name) == 1 ? CO_FAST_CELL : 0);
    }
done_src:
    free(src);
done:
    free(depth);
    free(hdepth);
    free(work);
    free(realidx);
    free(offset);
    free(size);
    free(args);
    free(ops);
    return (MoObject *)co;
}
