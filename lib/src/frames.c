/* Native frames for the tracer: which return addresses on the stack are the
 * program's own, and which file:line each one is.
 *
 * A traceback is a list of return addresses, most recent first, taken at every
 * traced allocation by walking up the native stack. The runtime's own frames are
 * skipped, so that the first frame kept is the line of the program that asked for
 * memory, as CPython's tracebacks start at the Python line and never show C frames.
 *
 * The walk (x86-64): from the registers of the capturing function, each step finds
 * the caller's frame with the rule the call frame information (.eh_frame) gives for
 * the return address: CFA = rsp or rbp + offset; the return address and the saved
 * rbp are read at fixed offsets from the CFA; the caller's rsp is the CFA. The rule
 * is read once per address with libdw and cached, so a step costs a hash probe and
 * two loads. An address whose rule is not of that simple form (a signal frame, a
 * DWARF expression) sends the whole walk to the C library's unwinder
 * (_Unwind_Backtrace, what glibc's backtrace() uses), which is exact but reads the
 * CFI again at every step: ten times slower. The debug build checks every walk
 * that meets a new address against that unwinder.
 *
 * Invariants:
 *  - An address is looked up in the DWARF data once, the first time a walk meets
 *    it; the answer (runtime or not, the call's file:line, the unwinding rule) waits
 *    in a cache keyed by address. The walk stops as soon as it has the frames it
 *    needs.
 *  - A frame is the runtime's when its code lies in a compilation unit whose source
 *    is under the runtime's directory (the one holding lib/src/ and lib/include/,
 *    found from this very file's own unit). Code compiled into the program from a
 *    runtime header (an out-of-line static inline such as _Mo_DECREF at -O0) counts
 *    as the runtime's too; when such code is inlined into the program's function
 *    (-O2), the frame is the program's and its line is the inlined call's site.
 *  - A return address points after the call: the call's line is that of pc - 1.
 *  - File names are kept as DWARF gives them (the path the compiler was given) and
 *    interned, so that equal names are equal pointers.
 *  - Everything here allocates from the C library, never from the allocation
 *    domains: the tracer calls in from inside an allocation hook.
 *
 *  - A walk ends at main's frame (found by its symbol): below it lies the C
 *    library's start-up code, which no program line asked for, as CPython's
 *    tracebacks end at the module.
 *
 * Start reading at frames_walk (the walk), walk_keep (which frames are kept) and
 * frames_classify (the lookup).
 */
#include <dwarf.h>
#include <stdbool.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unwind.h>
#include "tracemalloc_internal.h"

enum { KIND_RUNTIME = 1, KIND_PROGRAM = 2 };

static const char UNKNOWN[] = "<unknown>";

/* ====================================================== interned file names */

static struct {
    char **names;          /* open addressing, NULL = empty */
    size_t size, used;
    size_t bytes;          /* characters held, for _MoFrames_MemoryUsage */
} filenames;

static size_t string_hash(const char *s)
{
    size_t h = 1469598103934665603ULL;    /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static int filenames_grow(void)
{
    size_t size = filenames.size ? filenames.size * 2 : 64;
    char **names = calloc(size, sizeof *names);
    if (names == NULL)
        return -1;
    for (size_t i = 0; i < filenames.size; i++) {
        char *s = filenames.names[i];
        if (s == NULL)
            continue;
        size_t j = string_hash(s) & (size - 1);
        while (names[j] != NULL)
            j = (j + 1) & (size - 1);
        names[j] = s;
    }
    free(filenames.names);
    filenames.names = names;
    filenames.size = size;
    return 0;
}

/* The interned copy of name ("<unknown>" if out of memory). */
static const char *filename_intern(const char *name)
{
    if (name == NULL)
        return UNKNOWN;
    if ((filenames.used + 1) * 2 > filenames.size && filenames_grow() < 0)
        return UNKNOWN;
    size_t mask = filenames.size - 1;
    size_t i = string_hash(name) & mask;
    for (; filenames.names[i] != NULL; i = (i + 1) & mask)
        if (strcmp(filenames.names[i], name) == 0)
            return filenames.names[i];
    char *copy = strdup(name);
    if (copy == NULL)
        return UNKNOWN;
    filenames.names[i] = copy;
    filenames.used++;
    filenames.bytes += strlen(copy) + 1;
    return copy;
}

/* ======================================================== the address cache */

/* How to find the caller's frame from a frame stopped at a return address. */
enum { RULE_UNUSABLE = 0, RULE_STEP, RULE_END };
enum { RBP_SAME, RBP_SAVED, RBP_LOST };
typedef struct {
    unsigned char how;     /* RULE_*: RULE_END at the outermost frame */
    unsigned char cfa_reg; /* DWARF 6 (rbp) or 7 (rsp) */
    unsigned char rbp_how; /* RBP_*: the caller's rbp */
    int cfa_off, ra_off, rbp_off;
} unwind_rule;

typedef struct {
    uintptr_t pc;          /* 0 = empty */
    int kind;              /* KIND_RUNTIME or KIND_PROGRAM */
    int outermost;         /* a frame of main: the walk stops after it */
    _MoFrameLoc loc;       /* the call site (program frames) */
    unwind_rule rule;
} pc_entry;

static struct {
    pc_entry *entries;
    size_t size, used;
} pcs_seen;

static size_t pc_hash(uintptr_t pc)
{
    uint64_t x = (uint64_t)pc;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x;
}

static int pcs_seen_grow(void)
{
    size_t size = pcs_seen.size ? pcs_seen.size * 2 : 256;
    pc_entry *entries = calloc(size, sizeof *entries);
    if (entries == NULL)
        return -1;
    for (size_t i = 0; i < pcs_seen.size; i++) {
        pc_entry *e = &pcs_seen.entries[i];
        if (e->pc == 0)
            continue;
        size_t j = pc_hash(e->pc) & (size - 1);
        while (entries[j].pc != 0)
            j = (j + 1) & (size - 1);
        entries[j] = *e;
    }
    free(pcs_seen.entries);
    pcs_seen.entries = entries;
    pcs_seen.size = size;
    return 0;
}

/* The cached entry for pc, or NULL. */
static pc_entry *pcs_seen_find(uintptr_t pc)
{
    if (pcs_seen.size == 0)
        return NULL;
    size_t mask = pcs_seen.size - 1;
    for (size_t i = pc_hash(pc) & mask;; i = (i + 1) & mask) {
        pc_entry *e = &pcs_seen.entries[i];
        if (e->pc == pc)
            return e;
        if (e->pc == 0)
            return NULL;
    }
}

/* Remember what the DWARF lookup said about pc (forgotten if out of memory: the
   next walk asks again). */
static void pcs_seen_add(const pc_entry *entry)
{
    if ((pcs_seen.used + 1) * 2 > pcs_seen.size && pcs_seen_grow() < 0)
        return;
    size_t mask = pcs_seen.size - 1;
    size_t i = pc_hash(entry->pc) & mask;
    while (pcs_seen.entries[i].pc != 0)
        i = (i + 1) & mask;
    pcs_seen.entries[i] = *entry;
    pcs_seen.used++;
}

/* ========================================================= the DWARF session */

static struct {
    Dwfl *dwfl;
    int failed;            /* libdw could not start: every frame is the program's */
    char *runtime_root;    /* "/path/to/lib/", or NULL when the runtime has no DWARF */
    size_t runtime_root_len;
} dw;

static const Dwfl_Callbacks dwfl_callbacks = {
    .find_elf = dwfl_linux_proc_find_elf,
    .find_debuginfo = dwfl_standard_find_debuginfo,
};

/* malloc'd: name joined to dir when name is relative (NULL if out of memory). */
static char *path_join(const char *dir, const char *name)
{
    if (name[0] == '/' || dir == NULL || dir[0] == '\0')
        return strdup(name);
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (p == NULL)
        return NULL;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

static const char *cu_comp_dir(Dwarf_Die *cu)
{
    Dwarf_Attribute attr;
    return dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &attr));
}

/* malloc'd: the full path of the compilation unit holding the code at pc - 1, or
   NULL. Sets *cu_out and *bias for the caller's further lookups. */
static char *unit_path_at(uintptr_t pc, Dwfl_Module **mod_out, Dwarf_Die **cu_out, Dwarf_Addr *bias)
{
    Dwfl_Module *mod = dwfl_addrmodule(dw.dwfl, pc - 1);
    *mod_out = mod;
    *cu_out = NULL;
    if (mod == NULL)
        return NULL;
    Dwarf_Die *cu = dwfl_module_addrdie(mod, pc - 1, bias);
    if (cu == NULL || dwarf_diename(cu) == NULL)
        return NULL;
    *cu_out = cu;
    return path_join(cu_comp_dir(cu), dwarf_diename(cu));
}

/* The runtime's directory: this file's own unit is ".../lib/src/frames.c", and
   everything under ".../lib/" is the runtime's. */
static void find_runtime_root(void)
{
    Dwfl_Module *mod;
    Dwarf_Die *cu;
    Dwarf_Addr bias;
    char *path = unit_path_at((uintptr_t)&_MoFrames_Capture + 1, &mod, &cu, &bias);
    if (path == NULL)
        return;
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(path, '/');
        if (slash == NULL) {
            free(path);
            return;
        }
        slash[up == 0 ? 0 : 1] = '\0';   /* ".../lib/src" then ".../lib/" */
    }
    dw.runtime_root = path;
    dw.runtime_root_len = strlen(path);
}

/* Open the session over the process's modules (once). 0, or -1 when libdw cannot. */
static int dwarf_session(void)
{
    if (dw.dwfl != NULL)
        return 0;
    if (dw.failed)
        return -1;
    dw.dwfl = dwfl_begin(&dwfl_callbacks);
    if (dw.dwfl == NULL || dwfl_linux_proc_report(dw.dwfl, getpid()) != 0 ||
        dwfl_report_end(dw.dwfl, NULL, NULL) != 0) {
        if (dw.dwfl != NULL)
            dwfl_end(dw.dwfl);
        dw.dwfl = NULL;
        dw.failed = 1;
        return -1;
    }
    find_runtime_root();
    return 0;
}

static int is_runtime_path(const char *path)
{
    return path != NULL && dw.runtime_root != NULL &&
           strncmp(path, dw.runtime_root, dw.runtime_root_len) == 0;
}

/* The line of the code at pc - 1, as DWARF names its file. */
static _MoFrameLoc line_at(Dwfl_Module *mod, uintptr_t pc)
{
    _MoFrameLoc loc = { UNKNOWN, 0 };
    Dwfl_Line *line = mod != NULL ? dwfl_module_getsrc(mod, pc - 1) : NULL;
    if (line != NULL) {
        int lineno = 0;
        const char *file = dwfl_lineinfo(line, NULL, &lineno, NULL, NULL, NULL);
        if (file != NULL) {
            loc.filename = filename_intern(file);
            loc.lineno = lineno;
        }
    }
    return loc;
}

/* Code from a runtime header inlined into the program's function: the innermost
   inlined call whose site is in the program's own files. 1 and *loc set when there
   is one. */
static int inlined_call_site(Dwarf_Die *cu, Dwarf_Addr addr, _MoFrameLoc *loc)
{
    Dwarf_Die *scopes = NULL;
    Dwarf_Files *files;
    size_t nfiles;
    int nscopes = dwarf_getscopes(cu, addr, &scopes);
    int found = 0;
    if (nscopes > 0 && dwarf_getsrcfiles(cu, &files, &nfiles) == 0) {
        for (int i = 0; i < nscopes && !found; i++) {
            int tag = dwarf_tag(&scopes[i]);
            if (tag == DW_TAG_subprogram)
                break;                     /* the function itself: not inlined */
            if (tag != DW_TAG_inlined_subroutine)
                continue;
            Dwarf_Attribute attr;
            Dwarf_Word file_index, line;
            if (dwarf_formudata(dwarf_attr(&scopes[i], DW_AT_call_file, &attr), &file_index) != 0 ||
                dwarf_formudata(dwarf_attr(&scopes[i], DW_AT_call_line, &attr), &line) != 0)
                break;
            const char *file = dwarf_filesrc(files, file_index, NULL, NULL);
            char *path = file != NULL ? path_join(cu_comp_dir(cu), file) : NULL;
            if (path != NULL && !is_runtime_path(path)) {
                loc->filename = filename_intern(file);
                loc->lineno = (int)line;
                found = 1;
            }
            free(path);
        }
    }
    free(scopes);
    return found;
}

/* Where a register of the caller is, by the CFI: 1 saved at CFA + *off, 0 unchanged
   ("same value"), 2 lost ("undefined"), -1 a rule too rich for the fast walk. */
static int rule_register(Dwarf_Frame *frame, int regno, int *off)
{
    Dwarf_Op mem[3], *ops;
    size_t nops;
    if (dwarf_frame_register(frame, regno, mem, &ops, &nops) != 0)
        return -1;
    if (nops == 0)
        return ops == NULL ? 0 : 2;
    if (nops == 2 && ops[0].atom == DW_OP_call_frame_cfa && ops[1].atom == DW_OP_plus_uconst) {
        *off = (int)(int64_t)ops[1].number;
        return 1;
    }
    if (nops == 1 && ops[0].atom == DW_OP_call_frame_cfa) {
        *off = 0;
        return 1;
    }
    return -1;
}

/* region unwind_rule */
/* The rule for the frame stopped at return address pc, from the module's .eh_frame:
   usable when the CFA is rsp or rbp plus an offset and the return address and rbp
   are saved at offsets from it (what compilers emit for ordinary functions). */
static unwind_rule unwind_rule_at(Dwfl_Module *mod, uintptr_t pc)
{
    unwind_rule r = { RULE_UNUSABLE, 0, RBP_SAME, 0, 0, 0 };
    Dwarf_Addr bias;
    Dwarf_CFI *cfi = mod != NULL ? dwfl_module_eh_cfi(mod, &bias) : NULL;
    Dwarf_Frame *frame = NULL;
    if (cfi == NULL || dwarf_cfi_addrframe(cfi, pc - 1 - bias, &frame) != 0)
        return r;
    bool signal = false;
    Dwarf_Op *ops;
    size_t nops;
    int ra_reg = dwarf_frame_info(frame, NULL, NULL, &signal);
    if (!signal && ra_reg == 16 && dwarf_frame_cfa(frame, &ops, &nops) == 0 && nops == 1) {
        int reg = -1;
        if (ops[0].atom == DW_OP_bregx) {
            reg = (int)ops[0].number;
            r.cfa_off = (int)(int64_t)ops[0].number2;
        } else if (ops[0].atom == DW_OP_breg6 || ops[0].atom == DW_OP_breg7) {
            reg = ops[0].atom - DW_OP_breg0;
            r.cfa_off = (int)(int64_t)ops[0].number;
        }
        int ra = rule_register(frame, 16, &r.ra_off);
        int rbp = rule_register(frame, 6, &r.rbp_off);
        if ((reg == 6 || reg == 7) && rbp >= 0 && (ra == 1 || ra == 2)) {
            r.cfa_reg = (unsigned char)reg;
            r.rbp_how = rbp == 1 ? RBP_SAVED : rbp == 0 ? RBP_SAME : RBP_LOST;
            r.how = ra == 1 ? RULE_STEP : RULE_END;    /* no return address: the outermost frame */
        }
    }
    free(frame);
    return r;
}
/* endregion unwind_rule */

/* 1 when the code at pc - 1 is the function main (by the symbol table, so that it
   holds without debug information and when main's callees are inlined into it). */
static int is_main_at(Dwfl_Module *mod, uintptr_t pc)
{
    const char *name = mod != NULL ? dwfl_module_addrname(mod, pc - 1) : NULL;
    return name != NULL && strcmp(name, "main") == 0;
}

/* region frames_classify */
/* What the DWARF data says about the frame returning to pc: the runtime's, or the
   program's with its call site; and how to unwind it. */
static pc_entry frames_classify(uintptr_t pc)
{
    pc_entry e = { pc, KIND_PROGRAM, 0, { UNKNOWN, 0 }, { RULE_UNUSABLE, 0, 0, 0, 0, 0 } };
    if (dwarf_session() < 0)
        return e;
    Dwfl_Module *mod;
    Dwarf_Die *cu;
    Dwarf_Addr bias = 0;
    char *unit = unit_path_at(pc, &mod, &cu, &bias);
    int runtime_unit = is_runtime_path(unit);
    free(unit);
    e.rule = unwind_rule_at(mod, pc);
    if (runtime_unit) {
        e.kind = KIND_RUNTIME;
        return e;
    }
    e.outermost = is_main_at(mod, pc);
    e.loc = line_at(mod, pc);
    if (cu == NULL || e.loc.filename == UNKNOWN)
        return e;
    /* The program's unit, but maybe a runtime header's code. */
    char *file = path_join(cu_comp_dir(cu), e.loc.filename);
    int runtime_line = is_runtime_path(file);
    free(file);
    if (runtime_line && !inlined_call_site(cu, pc - 1 - bias, &e.loc))
        e.kind = KIND_RUNTIME;     /* an out-of-line copy of a runtime inline */
    return e;
}
/* endregion frames_classify */

/* The cache's entry for pc, made on first sight (*fresh set); NULL only when the
   cache cannot grow. Valid until the next lookup. */
static const pc_entry *frames_lookup(uintptr_t pc, int *fresh)
{
    pc_entry *e = pcs_seen_find(pc);
    if (e != NULL)
        return e;
    *fresh = 1;
    pc_entry made = frames_classify(pc);
    pcs_seen_add(&made);
    return pcs_seen_find(pc);
}

/* =================================================================== the walk */

/* Where a walk is. WALK_KEEP keeps every program frame (the tracer's own walk,
   which starts there). A walk for _MoFrames_CaptureCaller starts at WALK_CAPTURE:
   it passes the capture's own frames (the runtime's), then the frames of its caller
   (an allocator hook: the program's), then the runtime frames that called the hook,
   and keeps what comes after. */
enum { WALK_CAPTURE, WALK_CALLER, WALK_KEEP };

typedef struct {
    uintptr_t *pcs;
    int max, n;
    int fresh;             /* the walk met an address for the first time */
    int phase;             /* WALK_* */
} walk_state;

/* region walk_keep */
/* Keep pc if it is the program's and the walk has passed what it skips; 1 while
   more frames are wanted. main's frame is the last: what lies below it is the C
   library's start-up code, as CPython's tracebacks end at the module. */
static int walk_keep(walk_state *w, const pc_entry *e, uintptr_t pc)
{
    int program = e == NULL || e->kind == KIND_PROGRAM;
    if (w->phase == WALK_CAPTURE && program)
        w->phase = WALK_CALLER;
    else if (w->phase == WALK_CALLER && !program)
        w->phase = WALK_KEEP;
    else if (w->phase == WALK_KEEP && program)
        w->pcs[w->n++] = pc;
    if (e != NULL && e->outermost)
        return 0;
    return w->n < w->max;
}
/* endregion walk_keep */

/* ---------------------------------------------- the C library's unwinder */

static _Unwind_Reason_Code slow_walk_frame(struct _Unwind_Context *ctx, void *arg)
{
    walk_state *w = arg;
    uintptr_t pc = (uintptr_t)_Unwind_GetIP(ctx);
    if (pc == 0)
        return _URC_END_OF_STACK;
    return walk_keep(w, frames_lookup(pc, &w->fresh), pc) ? _URC_NO_REASON : _URC_END_OF_STACK;
}

static int __attribute__((noinline)) slow_walk(uintptr_t *pcs, int max, int phase)
{
    walk_state w = { pcs, max, 0, 0, phase };
    _Unwind_Backtrace(slow_walk_frame, &w);
    return w.n;
}

/* ------------------------------------------------------ the cached rules */

#if defined(__x86_64__)
/* regs[0..2] = the caller's rsp (as it is once this returns), rbp, and the return
   address: the state of the caller's frame at that return address. */
void _MoFrames_Context(uintptr_t regs[3]);
__asm__(".text\n"
        ".p2align 4\n"
        ".hidden _MoFrames_Context\n"
        ".globl _MoFrames_Context\n"
        ".type _MoFrames_Context, @function\n"
        "_MoFrames_Context:\n"
        "    .cfi_startproc\n"
        "    leaq 8(%rsp), %rax\n"
        "    movq %rax, 0(%rdi)\n"
        "    movq %rbp, 8(%rdi)\n"
        "    movq (%rsp), %rax\n"
        "    movq %rax, 16(%rdi)\n"
        "    ret\n"
        "    .cfi_endproc\n"
        ".size _MoFrames_Context, .-_MoFrames_Context\n");

/* region fast_walk */
/* Walk from the state in regs with the cached rules. The number of frames kept, or
   -1 when a frame's rule is unusable (or the stack does not look like one, or is
   deeper than any sane one). */
static int fast_walk(walk_state *w, const uintptr_t regs[3])
{
    uintptr_t rsp = regs[0], rbp = regs[1], pc = regs[2];
    int rbp_known = 1;
    for (int depth = 0; pc != 0; depth++) {
        if (depth == 1 << 20)
            return -1;
        const pc_entry *e = frames_lookup(pc, &w->fresh);
        if (e == NULL || e->rule.how == RULE_UNUSABLE)
            return -1;
        if (depth > 0 && !walk_keep(w, e, pc))
            break;                                   /* depth 0 is frames_walk */
        if (e->rule.how == RULE_END)
            break;
        if (e->rule.cfa_reg == 6 && !rbp_known)
            return -1;
        uintptr_t cfa = (e->rule.cfa_reg == 7 ? rsp : rbp) + (intptr_t)e->rule.cfa_off;
        if (cfa <= rsp)
            return -1;                               /* frames lie higher up the stack */
        uintptr_t ra = *(const uintptr_t *)(cfa + (intptr_t)e->rule.ra_off);
        if (e->rule.rbp_how == RBP_SAVED)
            rbp = *(const uintptr_t *)(cfa + (intptr_t)e->rule.rbp_off);
        else if (e->rule.rbp_how == RBP_LOST)
            rbp_known = 0;
        rsp = cfa;
        pc = ra;
    }
    return w->n;
}
/* endregion fast_walk */
#endif

#if defined(__x86_64__) && defined(MO_DEBUG)
/* The debug build's validator: a walk that met a new address must agree with the
   C library's unwinder. */
static void check_walk(const uintptr_t *pcs, int n, int max, int phase)
{
    uintptr_t *slow = malloc((size_t)max * sizeof *slow);
    if (slow == NULL)
        return;
    int m = slow_walk(slow, max, phase);
    if (m != n || memcmp(slow, pcs, (size_t)n * sizeof *pcs) != 0) {
        fprintf(stderr, "tracemalloc: the cached unwinder found %d frames, _Unwind_Backtrace %d\n", n, m);
        for (int i = 0; i < n || i < m; i++)
            fprintf(stderr, "  %#lx  %#lx\n", i < n ? (unsigned long)pcs[i] : 0UL, i < m ? (unsigned long)slow[i] : 0UL);
        Mo_FatalError("tracemalloc: the unwinders disagree");
    }
    free(slow);
}
#endif

/* region frames_capture */
/* The walk from here up, starting in phase (WALK_*). noinline: its own frame and its
   callers' are runtime frames, which both unwinders skip alike. */
static int __attribute__((noinline)) frames_walk(uintptr_t *pcs, int max, int phase)
{
    if (max <= 0)
        return 0;
#if defined(__x86_64__)
    uintptr_t regs[3];
    _MoFrames_Context(regs);
    walk_state w = { pcs, max, 0, 0, phase };
    int n = fast_walk(&w, regs);
    if (n >= 0) {
#ifdef MO_DEBUG
        if (w.fresh)
            check_walk(pcs, n, max, phase);
#endif
        return n;
    }
#endif
    return slow_walk(pcs, max, phase);
}

int _MoFrames_Capture(uintptr_t *pcs, int max)
{
    return frames_walk(pcs, max, WALK_KEEP);
}

int _MoFrames_CaptureCaller(uintptr_t *pcs, int max)
{
    return frames_walk(pcs, max, WALK_CAPTURE);
}
/* endregion frames_capture */

_MoFrameLoc _MoFrames_Resolve(uintptr_t pc)
{
    _MoFrameLoc unknown = { UNKNOWN, 0 };
    if (pc == 0)
        return unknown;
    int fresh = 0;
    const pc_entry *e = frames_lookup(pc, &fresh);
    return e != NULL ? e->loc : unknown;
}

size_t _MoFrames_MemoryUsage(void)
{
    return pcs_seen.size * sizeof(pc_entry) + filenames.size * sizeof(char *) + filenames.bytes;
}

void _MoFrames_Fini(void)
{
    free(pcs_seen.entries);
    memset(&pcs_seen, 0, sizeof pcs_seen);
    for (size_t i = 0; i < filenames.size; i++)
        free(filenames.names[i]);
    free(filenames.names);
    memset(&filenames, 0, sizeof filenames);
    if (dw.dwfl != NULL)
        dwfl_end(dw.dwfl);
    free(dw.runtime_root);
    memset(&dw, 0, sizeof dw);
}
