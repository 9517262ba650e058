/* mo-python: run a file, a -c string, or an interactive prompt on the Mo runtime.
 *
 *   mo-python FILE.py [args]   run a file as __main__
 *   mo-python -c CODE          run a string
 *   mo-python --dis FILE.py    print the bytecode of a file, as dis.dis does
 *   mo-python                  the interactive prompt (>>> and ...), with readline
 *
 * Start-up registers the extension modules (builtins, ctypes, itertools) with the
 * import table, imports builtins and adds the builtins that need the interpreter.
 * At exit __main__'s names are cleared as 3.11 clears a module's dict (names with
 * one leading underscore first, then the rest), so __del__ methods run in
 * CPython's order, then the runtime is finalized and reports what leaked.
 */
#include "interp.h"
#include <readline/readline.h>
#include <readline/history.h>
#include <unistd.h>

#if __has_include("modules/modules.h")
#include "modules/modules.h"
#define HAVE_EXTENSION_MODULES 1
#endif

/* ------------------------------------------------------------ sources */

typedef struct { char *filename, *text; } Source;
static Source sources[16];
static int nsources;

static void remember_source(const char *filename, const char *text)
{
    if (nsources == 16)
        return;
    sources[nsources].filename = strdup(filename);
    sources[nsources].text = strdup(text);
    nsources++;
}

const char *Interp_SourceFor(const char *filename)
{
    for (int i = 0; i < nsources; i++)
        if (strcmp(sources[i].filename, filename) == 0)
            return sources[i].text;
    return NULL;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n - 1 == 0) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

/* ------------------------------------------------------------ running */

static MoObject *main_module, *main_dict;

/* Report the pending exception; the exit status it asks for. */
static int report_exception(void)
{
    if (MoErr_ExceptionMatches(MoExc_SystemExit)) {
        MoObject *exc = MoErr_GetRaisedException();
        MoObject *args = MoObject_GetAttrString(exc, "args");
        int status = 0;
        if (args && MoTuple_Size(args) > 0) {
            MoObject *code = MoTuple_GetItem(args, 0);
            if (MoLong_Check(code)) {
                status = (int)MoLong_AsLong(code);
            } else if (code != Mo_None) {
                MoObject *s = MoObject_Str(code);
                if (s)
                    fprintf(stderr, "%s\n", MoUnicode_AsUTF8(s));
                Mo_XDECREF(s);
                status = 1;
            }
        }
        MoErr_Clear();
        Mo_XDECREF(args);
        Mo_DECREF(exc);
        Traceback_Clear();
        return status;
    }
    Traceback_PrintException();
    return 1;
}

static int run_source(const char *text, const char *filename, int mode)
{
    MoObject *code = Compile(text, filename, mode);
    if (code == NULL)
        return report_exception();
    MoObject *r = Eval_Code((MoCodeObject *)code, main_dict, main_dict);
    Mo_DECREF(code);
    if (r == NULL)
        return report_exception();
    Mo_DECREF(r);
    fflush(stdout);
    return 0;
}

static int dis_file(const char *path)
{
    char *text = read_file(path);
    if (text == NULL) {
        fprintf(stderr, "mo-python: can't open file '%s'\n", path);
        return 2;
    }
    remember_source(path, text);
    MoObject *code = Compile(text, path, MODE_EXEC);
    free(text);
    if (code == NULL)
        return report_exception();
    Dis(stdout, (MoCodeObject *)code, 0);
    Mo_DECREF(code);
    return 0;
}

/* ------------------------------------------------------------ the prompt */

/* Is src an unfinished statement (more lines wanted)? */
static int incomplete(const char *src)
{
    MoObject *code = Compile(src, "<stdin>", MODE_SINGLE);
    if (code != NULL) {
        Mo_DECREF(code);
        return 0;
    }
    MoObject *exc = MoErr_GetRaisedException();
    MoObject *s = exc ? MoObject_Str(exc) : NULL;
    const char *m = s ? MoUnicode_AsUTF8(s) : "";
    int more = strstr(m, "was never closed") || strstr(m, "unterminated triple-quoted") ||
               strstr(m, "expected an indented block") || strstr(m, "unexpected EOF");
    if (s == NULL)
        MoErr_Clear();
    Mo_XDECREF(s);
    Mo_XDECREF(exc);
    return more;
}

static char *read_line(const char *prompt, int tty)
{
    if (tty)
        return readline(prompt);
    fputs(prompt, stderr);
    size_t cap = 0;
    char *line = NULL;
    ssize_t n = getline(&line, &cap, stdin);
    if (n < 0) {
        free(line);
        return NULL;
    }
    if (n > 0 && line[n - 1] == '\n')
        line[n - 1] = '\0';
    return line;
}

static int interactive(void)
{
    int tty = isatty(0);
    fprintf(stderr, "Python 3.11 on the Mo runtime (mo-python)\n");
    char *buf = NULL;
    size_t len = 0;
    int block = 0;
    for (;;) {
        char *line = read_line(buf ? "... " : ">>> ", tty);
        if (line == NULL) {
            fputc('\n', stderr);
            break;
        }
        if (tty && line[0])
            add_history(line);
        size_t ln = strlen(line);
        char *nb = realloc(buf, len + ln + 2);
        if (nb == NULL) {
            free(line);
            break;
        }
        buf = nb;
        memcpy(buf + len, line, ln);
        len += ln;
        buf[len++] = '\n';
        buf[len] = '\0';
        int first = len == ln + 1;
        if (first) {
            const char *e = line + ln;
            while (e > line && (e[-1] == ' ' || e[-1] == '\t'))
                e--;
            block = e > line && e[-1] == ':';
        }
        free(line);
        int blank = ln == 0;
        if (block && !blank)
            continue;
        if (!block && incomplete(buf))
            continue;
        int only_space = 1;
        for (size_t i = 0; i < len; i++)
            only_space &= buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t';
        if (!only_space)
            run_source(buf, "<stdin>", MODE_SINGLE);
        free(buf);
        buf = NULL;
        len = 0;
        block = 0;
    }
    free(buf);
    return 0;
}

/* ------------------------------------------------------------ start, stop */

static int start(void)
{
    if (MoImport_AppendInittab("dis", MoInit_dis) < 0)
        return -1;
#ifdef HAVE_EXTENSION_MODULES
    if (MoImport_AppendInittab("builtins", MoInit_builtins) < 0 ||
        MoImport_AppendInittab("ctypes", MoInit_ctypes) < 0 ||
        MoImport_AppendInittab("itertools", MoInit_itertools) < 0)
        return -1;
#endif
    if (Mo_Initialize() < 0)
        return -1;
#ifdef HAVE_EXTENSION_MODULES
    MoObject *bmod = MoImport_ImportModule("builtins");
    if (bmod == NULL)
        return -1;
    Interp_Builtins = Mo_NewRef(MoModule_GetDict(bmod));
#else
    MoObject *bmod = MoModule_New("builtins");
    if (bmod == NULL)
        return -1;
    Interp_Builtins = Mo_NewRef(MoModule_GetDict(bmod));
#endif
    if (StrMethods_Init() < 0 || PyErrors_Init(Interp_Builtins) < 0 || Interp_AddBuiltins(Interp_Builtins) < 0) {
        Mo_DECREF(bmod);
        return -1;
    }
    main_module = MoModule_New("__main__");
    if (main_module == NULL) {
        Mo_DECREF(bmod);
        return -1;
    }
    main_dict = MoModule_GetDict(main_module);
    int r = MoDict_SetItemString(main_dict, "__builtins__", bmod);
    MoObject *modules = MoImport_GetModuleDict();
    if (r == 0 && modules)
        r = MoDict_SetItemString(modules, "__main__", main_module);
    Mo_DECREF(bmod);
    return r;
}

/* 3.11's _PyModule_ClearDict: '_x' names to None first, then the others */
static void clear_module_dict(MoObject *d)
{
    for (int pass = 0; pass < 2; pass++) {
        Mo_ssize_t pos = 0;
        MoObject *k, *v;
        while (MoDict_Next(d, &pos, &k, &v)) {
            if (v == Mo_None || !MoUnicode_Check(k))
                continue;
            const char *s = MoUnicode_AsUTF8(k);
            int underscore = s[0] == '_' && s[1] != '_';
            if ((pass == 0 && underscore) || (pass == 1 && strcmp(s, "__builtins__") != 0)) {
                if (MoDict_SetItem(d, k, Mo_None) < 0)
                    MoErr_WriteUnraisable(NULL);
            }
        }
    }
}

static Mo_ssize_t stop(void)
{
    fflush(stdout);
    if (main_dict) {
        clear_module_dict(main_dict);
        if (MoErr_Occurred())
            MoErr_WriteUnraisable(NULL);
    }
    Traceback_Fini();
    Mo_CLEAR(main_module);
    if (Interp_Builtins)
        MoDict_Clear(Interp_Builtins);
    Mo_CLEAR(Interp_Builtins);
    PyErrors_Fini();
    for (int i = 0; i < nsources; i++) {
        free(sources[i].filename);
        free(sources[i].text);
    }
    fflush(stdout);
    return Mo_Finalize();
}

static void usage(void)
{
    fprintf(stderr, "usage: mo-python [--dis] [-c cmd | file]\n");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, isatty(1) ? _IOLBF : _IOFBF, 0);
    if (start() < 0) {
        MoErr_Print();
        return 1;
    }
    int status = 0;
    if (argc >= 3 && strcmp(argv[1], "--dis") == 0) {
        status = dis_file(argv[2]);
    } else if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
        status = run_source(argv[2], "<string>", MODE_EXEC);
    } else if (argc >= 2 && argv[1][0] == '-' && argv[1][1] != '\0') {
        usage();
        status = 2;
    } else if (argc >= 2 && strcmp(argv[1], "-") != 0) {
        char *text = read_file(argv[1]);
        if (text == NULL) {
            fprintf(stderr, "%s: can't open file '%s': [Errno 2] No such file or directory\n", argv[0], argv[1]);
            status = 2;
        } else {
            remember_source(argv[1], text);
            MoObject *file = MoUnicode_FromString(argv[1]);
            if (file) {
                MoDict_SetItemString(main_dict, "__file__", file);
                Mo_DECREF(file);
            }
            status = run_source(text, argv[1], MODE_EXEC);
            free(text);
        }
    } else {
        status = interactive();
    }
    Mo_ssize_t leaked = stop();
    (void)leaked;
    return status;
}
