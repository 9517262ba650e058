/* The tokenizer: source text to tokens, as CPython's Parser/tokenizer.c splits it.
 *
 * Invariants: every logical line ends with one NEWLINE; blank lines and comment-only
 * lines make none; inside brackets newlines are ignored; a line's indentation opens
 * INDENTs and closes DEDENTs against a stack of columns (tabs to multiples of 8).
 * A string token keeps its prefix and quotes: the parser decodes it.
 */
#include "interp.h"
#include <ctype.h>

#define MAX_INDENT 100
#define MAX_PAREN 200

static int push(TokenList *tl, TokKind k, const char *s, int len, int line, int col,
                int end_line, int end_col)
{
    if (tl->n == tl->cap) {
        int cap = tl->cap ? tl->cap * 2 : 256;
        Token *t = realloc(tl->toks, (size_t)cap * sizeof *t);
        if (t == NULL) {
            MoErr_NoMemory();
            return -1;
        }
        tl->toks = t;
        tl->cap = cap;
    }
    tl->toks[tl->n++] = (Token){k, line, col, end_line, end_col, s, len};
    return 0;
}

const char *Src_Line(const char *src, int lineno, int *len)
{
    const char *p = src;
    for (int l = 1; l < lineno && *p; p++)
        if (*p == '\n')
            l++;
    const char *e = p;
    while (*e && *e != '\n')
        e++;
    *len = (int)(e - p);
    return p;
}

static int is_name_start(unsigned char c) { return isalpha(c) || c == '_' || c >= 0x80; }
static int is_name_char(unsigned char c) { return isalnum(c) || c == '_' || c >= 0x80; }

/* The length of the string starting at p (prefix already skipped, p at the quote),
   or -1 when it is not closed. *lines counts the newlines inside. */
static int string_length(const char *p, int *lines)
{
    char q = *p;
    int triple = p[1] == q && p[2] == q;
    const char *s = p + (triple ? 3 : 1);
    for (;;) {
        if (*s == '\0')
            return -1;
        if (*s == '\\' && s[1] != '\0') {
            if (s[1] == '\n')
                (*lines)++;
            s += 2;
            continue;
        }
        if (*s == '\n') {
            if (!triple)
                return -1;
            (*lines)++;
        }
        if (*s == q && (!triple || (s[1] == q && s[2] == q)))
            return (int)(s - p) + (triple ? 3 : 1);
        s++;
    }
}

static const char *const three_char_ops[] = {"**=", "//=", ">>=", "<<=", "...", NULL};
static const char *const two_char_ops[] = {
    "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=", "<<", "<=", "==",
    ">=", ">>", "@=", "^=", "|=", NULL};

static int op_length(const char *p)
{
    for (int i = 0; three_char_ops[i]; i++)
        if (strncmp(p, three_char_ops[i], 3) == 0)
            return 3;
    for (int i = 0; two_char_ops[i]; i++)
        if (strncmp(p, two_char_ops[i], 2) == 0)
            return 2;
    return strchr("()[]{}:,;+-*/|&<>=.%~^@", *p) ? 1 : 0;
}

static int number_length(const char *p)
{
    const char *s = p;
    if (*s == '0' && (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' || s[1] == 'b' || s[1] == 'B')) {
        s += 2;
        while (isxdigit((unsigned char)*s) || *s == '_')
            s++;
        return (int)(s - p);
    }
    while (isdigit((unsigned char)*s) || *s == '_')
        s++;
    if (*s == '.') {
        s++;
        while (isdigit((unsigned char)*s) || *s == '_')
            s++;
    }
    if ((*s == 'e' || *s == 'E') && (isdigit((unsigned char)s[1]) ||
        ((s[1] == '+' || s[1] == '-') && isdigit((unsigned char)s[2])))) {
        s += 2;
        while (isdigit((unsigned char)*s) || *s == '_')
            s++;
    }
    if (*s == 'j' || *s == 'J')
        s++;
    return (int)(s - p);
}

/* A string prefix (r, b, f, u and their pairs) directly followed by a quote. */
static int string_prefix(const char *p)
{
    int n = 0;
    while (n < 2 && strchr("rRbBfFuU", p[n]) && p[n] != '\0')
        n++;
    for (int k = n; k >= 0; k--)
        if (p[k] == '\'' || p[k] == '"') {
            for (int i = 0; i < k; i++)
                if (!strchr("rRbBfFuU", p[i]))
                    return -1;
            return k;
        }
    return -1;
}

int Tok_Tokenize(const char *src, const char *filename, TokenList *tl)
{
    tl->src = src;
    tl->filename = filename;
    int indents[MAX_INDENT] = {0}, nind = 1;
    char parens[MAX_PAREN];
    int paren_line[MAX_PAREN], paren_col[MAX_PAREN], np = 0;
    const char *p = src;
    int line = 1;
    const char *line_start = src;
    int at_line_start = 1;

    for (;;) {
        if (at_line_start && np == 0) {
            /* measure the indentation; skip blank and comment-only lines */
            int col = 0;
            const char *s = p;
            for (;; s++) {
                if (*s == ' ')
                    col++;
                else if (*s == '\t')
                    col = (col / 8 + 1) * 8;
                else if (*s == '\f')
                    col = 0;
                else
                    break;
            }
            if (*s == '#' || *s == '\n' || *s == '\r' || (*s == '\\' && s[1] == '\n')) {
                while (*s && *s != '\n')
                    s++;
                if (*s == '\0') {
                    p = s;
                    break;
                }
                p = s + 1;
                line++;
                line_start = p;
                continue;
            }
            if (*s == '\0') {
                p = s;
                break;
            }
            at_line_start = 0;
            if (col > indents[nind - 1]) {
                if (nind == MAX_INDENT)
                    return Syntax_Error(src, filename, line, 0, 0, 1, "too many levels of indentation");
                indents[nind++] = col;
                if (push(tl, T_INDENT, s, 0, line, 0, line, (int)(s - line_start)) < 0)
                    return -1;
            } else {
                while (col < indents[nind - 1]) {
                    nind--;
                    if (push(tl, T_DEDENT, s, 0, line, (int)(s - line_start), line, (int)(s - line_start)) < 0)
                        return -1;
                }
                if (col != indents[nind - 1])
                    return Syntax_Error(src, filename, line, (int)(s - line_start), (int)(s - line_start), 1,
                                        "unindent does not match any outer indentation level");
            }
            p = s;
        }
        while (*p == ' ' || *p == '\t' || *p == '\f' || *p == '\r')
            p++;
        int col = (int)(p - line_start);
        if (*p == '\0')
            break;
        if (*p == '#') {
            while (*p && *p != '\n')
                p++;
            continue;
        }
        if (*p == '\n') {
            if (np == 0) {
                if (push(tl, T_NEWLINE, p, 1, line, col, line, col + 1) < 0)
                    return -1;
                at_line_start = 1;
            }
            p++;
            line++;
            line_start = p;
            continue;
        }
        if (*p == '\\' && (p[1] == '\n' || (p[1] == '\r' && p[2] == '\n'))) {
            p += p[1] == '\n' ? 2 : 3;
            line++;
            line_start = p;
            if (*p == '\0')
                return Syntax_Error(src, filename, line - 1, col + 1, col + 1, 0, "unexpected EOF while parsing");
            continue;
        }
        int pre = string_prefix(p);
        if (pre >= 0) {
            int lines = 0;
            int len = string_length(p + pre, &lines);
            if (len < 0) {
                int triple = p[pre + 1] == p[pre] && p[pre + 2] == p[pre];
                if (triple)
                    return Syntax_Error(src, filename, line, col, col, 0,
                                        "unterminated triple-quoted string literal (detected at line %d)",
                                        line + lines);
                return Syntax_Error(src, filename, line, col, col, 0,
                                    "unterminated string literal (detected at line %d)", line);
            }
            const char *end = p + pre + len;
            int end_line = line + lines;
            if (lines) {
                const char *ls = end;
                while (ls > p && ls[-1] != '\n')
                    ls--;
                line_start = ls;
            }
            if (push(tl, T_STRING, p, pre + len, line, col, end_line, (int)(end - line_start)) < 0)
                return -1;
            line = end_line;
            p = end;
            continue;
        }
        if (is_name_start((unsigned char)*p)) {
            const char *s = p;
            while (is_name_char((unsigned char)*s))
                s++;
            if (push(tl, T_NAME, p, (int)(s - p), line, col, line, col + (int)(s - p)) < 0)
                return -1;
            p = s;
            continue;
        }
        if (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1]))) {
            int len = number_length(p);
            if (is_name_start((unsigned char)p[len]))
                return Syntax_Error(src, filename, line, col, col + len, 0, "invalid decimal literal");
            if (push(tl, T_NUMBER, p, len, line, col, line, col + len) < 0)
                return -1;
            p += len;
            continue;
        }
        int len = op_length(p);
        if (len == 0) {
            if (*p == '!' )
                return Syntax_Error(src, filename, line, col, col + 1, 0, "invalid syntax");
            return Syntax_Error(src, filename, line, col, col + 1, 0, "invalid character '%c' (U+%04X)",
                                *p, (unsigned char)*p);
        }
        if (len == 1 && strchr("([{", *p)) {
            if (np == MAX_PAREN)
                return Syntax_Error(src, filename, line, col, col + 1, 0, "too many nested parentheses");
            parens[np] = *p;
            paren_line[np] = line;
            paren_col[np++] = col;
        } else if (len == 1 && strchr(")]}", *p)) {
            char open = *p == ')' ? '(' : *p == ']' ? '[' : '{';
            if (np == 0)
                return Syntax_Error(src, filename, line, col, col + 1, 0, "unmatched '%c'", *p);
            if (parens[np - 1] != open) {
                if (paren_line[np - 1] != line)
                    return Syntax_Error(src, filename, line, col, col + 1, 0,
                                        "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                                        *p, parens[np - 1], paren_line[np - 1]);
                return Syntax_Error(src, filename, line, col, col + 1, 0,
                                    "closing parenthesis '%c' does not match opening parenthesis '%c'",
                                    *p, parens[np - 1]);
            }
            np--;
        }
        if (push(tl, T_OP, p, len, line, col, line, col + len) < 0)
            return -1;
        p += len;
    }
    if (np > 0)
        return Syntax_Error(src, filename, paren_line[np - 1], paren_col[np - 1], paren_col[np - 1] + 1, 0,
                            "'%c' was never closed", parens[np - 1]);
    if (tl->n > 0 && tl->toks[tl->n - 1].kind != T_NEWLINE && tl->toks[tl->n - 1].kind != T_DEDENT &&
        tl->toks[tl->n - 1].kind != T_INDENT)
        if (push(tl, T_NEWLINE, p, 0, line, (int)(p - line_start), line, (int)(p - line_start) + 1) < 0)
            return -1;
    while (nind > 1) {
        nind--;
        if (push(tl, T_DEDENT, p, 0, line, 0, line, 0) < 0)
            return -1;
    }
    return push(tl, T_ENDMARKER, p, 0, line, 0, line, 0);
}

void Tok_Free(TokenList *tl)
{
    free(tl->toks);
    tl->toks = NULL;
    tl->n = tl->cap = 0;
}
