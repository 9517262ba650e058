/* The parser: tokens to an AST by recursive descent, one function per rule of
 * CPython 3.11's grammar (Grammar/python.gram), with its operator precedence:
 *   lambda < if-else < or < and < not < comparisons < | < ^ < & < shifts < + -
 *   < * / // % @ < unary + - ~ < ** < await < primary (calls, subscripts, attributes)
 * Errors raise SyntaxError at the token where parsing failed, with 3.11's
 * messages for the common mistakes.
 */
#include "interp.h"
#include <ctype.h>
#include <math.h>

typedef struct {
    TokenList tl;
    int i;
    Arena *ar;
    const char *src, *filename;
    int line_offset, col_offset;   /* for f-string fields: where the field starts */
    int func_depth;
    char block_what[96];           /* "'if' statement", "function definition on ..." */
    int block_line;
} Parser;

static void block_header(Parser *P, const char *what, Token *t)
{
    snprintf(P->block_what, sizeof P->block_what, "%s", what);
    P->block_line = t->line + P->line_offset;
}

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "while", "with", "yield", NULL};

static Token *tok(Parser *P) { return &P->tl.toks[P->i]; }
static Token *peek(Parser *P, int k)
{
    int j = P->i + k;
    return &P->tl.toks[j < P->tl.n ? j : P->tl.n - 1];
}
static int tok_is(Token *t, TokKind k, const char *s)
{
    return t->kind == k && (int)strlen(s) == t->len && memcmp(t->start, s, (size_t)t->len) == 0;
}
static int at_op(Parser *P, const char *s) { return tok_is(tok(P), T_OP, s); }
static int at_kw(Parser *P, const char *s) { return tok_is(tok(P), T_NAME, s); }
static int is_keyword(Token *t)
{
    if (t->kind != T_NAME)
        return 0;
    for (int i = 0; keywords[i]; i++)
        if (tok_is(t, T_NAME, keywords[i]))
            return 1;
    return 0;
}
static int at_name(Parser *P) { return tok(P)->kind == T_NAME && !is_keyword(tok(P)); }

static void *perr_at(Parser *P, Token *t, const char *fmt, const char *arg)
{
    if (MoErr_Occurred())
        return NULL;
    int line = t->line + P->line_offset, col = t->col + (t->line == 1 ? P->col_offset : 0);
    int end = t->end_col + (t->line == 1 ? P->col_offset : 0);
    if (t->kind == T_NEWLINE || t->kind == T_ENDMARKER)
        end = col + 1;
    Syntax_Error(P->src, P->filename, line, col, end, 0, fmt, arg);
    return NULL;
}
static void *perr(Parser *P, const char *fmt) { return perr_at(P, tok(P), fmt, NULL); }
static void *invalid(Parser *P)
{
    Token *t = tok(P);
    if (t->kind == T_INDENT)
        return perr_at(P, t, "unexpected indent", NULL);
    if (t->kind == T_DEDENT)
        return perr_at(P, t, "unindent does not match any outer indentation level", NULL);
    return perr(P, "invalid syntax");
}
static int expect_op(Parser *P, const char *s)
{
    if (!at_op(P, s)) {
        if (strcmp(s, ":") == 0) {
            Token after = *peek(P, -1);
            after.col = after.end_col;
            after.end_col = after.col + 1;
            perr_at(P, &after, "expected ':'", NULL);
        }
        else
            invalid(P);
        return -1;
    }
    P->i++;
    return 0;
}

static Node *node(Parser *P, NodeKind k, Token *t)
{
    Node *n = Node_New(P->ar, k, t->line + P->line_offset, t->col + (t->line == 1 ? P->col_offset : 0));
    return n;
}
static void finish(Parser *P, Node *n)
{
    Token *t = peek(P, -1);
    n->end_lineno = t->line + P->line_offset;
    n->end_col = t->end_col + (t->line == 1 ? P->col_offset : 0);
}
static MoObject *name_of(Token *t)
{
    char buf[256];
    int len = t->len < 255 ? t->len : 255;
    memcpy(buf, t->start, (size_t)len);
    buf[len] = '\0';
    return MoUnicode_InternFromString(buf);
}

static Node *expression(Parser *P);
static Node *star_expressions(Parser *P);
static Node *named_expression(Parser *P);
static Node *or_test(Parser *P);
static Node *bitor(Parser *P);
static Node *block(Parser *P);
static int statements(Parser *P, NodeList *body);
static Node *arguments_def(Parser *P, const char *close);
static Node *comprehension_tail(Parser *P, NodeKind kind, Node *elt, Node *value, Token *start);

/* ---------------------------------------------------------------- literals */

static void utf8_put(char **o, unsigned long c)
{
    char buf[4];
    int n = _MoUnicode_EncodeCharUTF8((Mo_UCS4)c, buf);
    memcpy(*o, buf, (size_t)n);
    *o += n;
}

/* Decode the body of a string literal (escapes unless raw) into out (UTF-8 or
   bytes). Returns the length. */
static int decode_body(const char *s, int len, int raw, int bytes, char *out)
{
    char *o = out;
    for (int i = 0; i < len; i++) {
        char c = s[i];
        if (c != '\\' || raw || i + 1 >= len) {
            *o++ = c;
            if (raw && c == '\\' && i + 1 < len)
                *o++ = s[++i];
            continue;
        }
        char e = s[++i];
        switch (e) {
        case '\n': break;
        case 'n': *o++ = '\n'; break;
        case 't': *o++ = '\t'; break;
        case 'r': *o++ = '\r'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            int v = e - '0', k = 1;
            while (k < 3 && i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7')
                v = v * 8 + (s[++i] - '0'), k++;
            if (bytes)
                *o++ = (char)v;
            else
                utf8_put(&o, (unsigned long)v);
            break;
        }
        case 'x': case 'u': case 'U': {
            int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            if (bytes && e != 'x') {
                *o++ = '\\';
                *o++ = e;
                break;
            }
            unsigned long v = 0;
            for (int k = 0; k < digits && i + 1 < len && isxdigit((unsigned char)s[i + 1]); k++) {
                char h = s[++i];
                v = v * 16 + (unsigned long)(isdigit((unsigned char)h) ? h - '0' : (tolower(h) - 'a' + 10));
            }
            if (bytes)
                *o++ = (char)v;
            else
                utf8_put(&o, v);
            break;
        }
        case 'a': *o++ = '\a'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'v': *o++ = '\v'; break;
        case '\\': case '\'': case '"': *o++ = e; break;
        default: *o++ = '\\'; *o++ = e; break;
        }
    }
    return (int)(o - out);
}

typedef struct { int raw, bytes, fstr, quote_len; const char *body; int body_len; } StrTok;

static StrTok split_string(Token *t)
{
    StrTok st = {0};
    int k = 0;
    while (t->start[k] != '\'' && t->start[k] != '"') {
        char c = (char)tolower(t->start[k]);
        st.raw |= c == 'r';
        st.bytes |= c == 'b';
        st.fstr |= c == 'f';
        k++;
    }
    char q = t->start[k];
    st.quote_len = (t->start[k + 1] == q && t->start[k + 2] == q && t->len - k >= 6) ? 3 : 1;
    st.body = t->start + k + st.quote_len;
    st.body_len = t->len - k - 2 * st.quote_len;
    return st;
}

static Node *constant(Parser *P, Token *t, MoObject *v)
{
    if (v == NULL)
        return NULL;
    Node *n = node(P, N_Constant, t);
    if (n == NULL) {
        Mo_DECREF(v);
        return NULL;
    }
    n->v = v;
    return n;
}

static MoObject *str_from(const char *s, int len, int raw)
{
    char *buf = malloc((size_t)len * 4 + 1);
    if (buf == NULL)
        return (void *)MoErr_NoMemory();
    int n = decode_body(s, len, raw, 0, buf);
    MoObject *r = MoUnicode_FromStringAndSize(buf, n);
    free(buf);
    return r;
}

/* Add a literal piece to a JoinedStr's values, merging with a literal before it. */
static int fstr_literal(Parser *P, Node *js, Token *t, MoObject *piece)
{
    if (piece == NULL)
        return -1;
    if (MoUnicode_GetLength(piece) == 0) {
        Mo_DECREF(piece);
        return 0;
    }
    if (js->l1.n > 0 && js->l1.items[js->l1.n - 1]->kind == N_Constant) {
        Node *last = js->l1.items[js->l1.n - 1];
        MoObject *joined = MoUnicode_Concat(last->v, piece);
        Mo_DECREF(piece);
        if (joined == NULL)
            return -1;
        Mo_SETREF(last->v, joined);
        return 0;
    }
    Node *c = constant(P, t, piece);
    if (c == NULL)
        return -1;
    NodeList_Append(&js->l1, c);
    return 0;
}

/* Parse an f-string body s[0..len) into js's values. */
static int fstring_body(Parser *P, Node *js, Token *t, const char *s, int len, int raw)
{
    int i = 0;
    while (i < len) {
        int start = i;
        char *lit = malloc((size_t)len * 4 + 1), *o = lit;
        if (lit == NULL) {
            MoErr_NoMemory();
            return -1;
        }
        while (i < len) {
            if ((s[i] == '{' || s[i] == '}') && i + 1 < len && s[i + 1] == s[i]) {
                int n = decode_body(s + start, i - start, raw, 0, o);
                o += n;
                *o++ = s[i];
                i += 2;
                start = i;
                continue;
            }
            if (s[i] == '{')
                break;
            if (s[i] == '}') {
                free(lit);
                perr_at(P, t, "f-string: single '}' is not allowed", NULL);
                return -1;
            }
            i++;
        }
        o += decode_body(s + start, i - start, raw, 0, o);
        if (fstr_literal(P, js, t, MoUnicode_FromStringAndSize(lit, o - lit)) < 0) {
            free(lit);
            return -1;
        }
        free(lit);
        if (i >= len)
            break;
        /* a field: {expr[=][!c][:spec]} */
        int e = ++i, depth = 0;
        char quote = 0;
        while (i < len) {
            char c = s[i];
            if (quote) {
                if (c == quote)
                    quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || (c == '}' && depth > 0)) {
                depth--;
            } else if (depth == 0 && (c == '}' || c == ':' || (c == '!' && s[i + 1] != '=') ||
                                      (c == '=' && s[i + 1] != '=' && i > e && !strchr("=!<>", s[i - 1])))) {
                break;
            }
            i++;
        }
        if (i >= len) {
            perr_at(P, t, "f-string: expecting '}'", NULL);
            return -1;
        }
        int elen = i - e;
        int ws = 0;
        while (ws < elen && isspace((unsigned char)s[e + ws]))
            ws++;
        if (ws == elen) {
            perr_at(P, t, "f-string: empty expression not allowed", NULL);
            return -1;
        }
        Node *fv = node(P, N_FormattedValue, t);
        if (fv == NULL)
            return -1;
        fv->op = -1;
        fv->a = Parse_FStringExpr(s + e, elen, P->filename, P->src, t->line + P->line_offset,
                                  t->col + (int)(s + e - t->start), P->ar);
        if (fv->a == NULL)
            return -1;
        if (s[i] == '=') {
            /* self-documenting: the text, then repr unless a conversion or spec says */
            if (fstr_literal(P, js, t, MoUnicode_FromStringAndSize(s + e, i + 1 - e)) < 0)
                return -1;
            i++;
            fv->op = 'r';
        }
        if (s[i] == '!') {
            if (i + 1 >= len || !strchr("rsa", s[i + 1])) {
                perr_at(P, t, "f-string: invalid conversion character: expected 's', 'r', or 'a'", NULL);
                return -1;
            }
            fv->op = s[i + 1];
            i += 2;
        }
        if (s[i] == ':') {
            int sp = ++i, d = 0;
            while (i < len && (s[i] != '}' || d > 0)) {
                if (s[i] == '{')
                    d++;
                else if (s[i] == '}')
                    d--;
                i++;
            }
            Node *spec = node(P, N_JoinedStr, t);
            if (spec == NULL || fstring_body(P, spec, t, s + sp, i - sp, raw) < 0)
                return -1;
            fv->b = spec;
            if (fv->op == 'r' && s[e + elen] == '=')
                fv->op = -1;
        }
        if (i >= len || s[i] != '}') {
            perr_at(P, t, "f-string: expecting '}'", NULL);
            return -1;
        }
        i++;
        NodeList_Append(&js->l1, fv);
    }
    return 0;
}

/* One or more adjacent string tokens: a str, a bytes, or a JoinedStr. */
static Node *strings(Parser *P)
{
    Token *first = tok(P);
    int any_f = 0, any_bytes = 0, any_str = 0, n = 0;
    while (tok(P)[n].kind == T_STRING && P->i + n < P->tl.n) {
        StrTok st = split_string(&tok(P)[n]);
        any_f |= st.fstr;
        any_bytes |= st.bytes;
        any_str |= !st.bytes;
        n++;
    }
    if (any_bytes && any_str)
        return perr(P, "cannot mix bytes and nonbytes literals");
    if (any_bytes) {
        MoObject *acc = MoBytes_FromStringAndSize("", 0);
        for (int k = 0; k < n && acc; k++) {
            StrTok st = split_string(&tok(P)[k]);
            char *buf = malloc((size_t)st.body_len + 1);
            int len = decode_body(st.body, st.body_len, st.raw, 1, buf);
            MoObject *piece = MoBytes_FromStringAndSize(buf, len);
            free(buf);
            MoObject *joined = piece ? MoSequence_Concat(acc, piece) : NULL;
            Mo_XDECREF(piece);
            Mo_SETREF(acc, joined);
        }
        P->i += n;
        Node *bc = constant(P, first, acc);
        if (bc)
            finish(P, bc);
        return bc;
    }
    if (!any_f) {
        MoObject *acc = NULL;
        for (int k = 0; k < n; k++) {
            StrTok st = split_string(&tok(P)[k]);
            MoObject *piece = str_from(st.body, st.body_len, st.raw);
            if (piece == NULL) {
                Mo_XDECREF(acc);
                return NULL;
            }
            if (acc == NULL) {
                acc = piece;
            } else {
                MoObject *joined = MoUnicode_Concat(acc, piece);
                Mo_DECREF(piece);
                Mo_SETREF(acc, joined);
                if (acc == NULL)
                    return NULL;
            }
        }
        P->i += n;
        Node *sc = constant(P, first, acc);
        if (sc)
            finish(P, sc);
        return sc;
    }
    Node *js = node(P, N_JoinedStr, first);
    if (js == NULL)
        return NULL;
    for (int k = 0; k < n; k++) {
        Token *t = &tok(P)[k];
        StrTok st = split_string(t);
        if (st.fstr) {
            if (fstring_body(P, js, t, st.body, st.body_len, st.raw) < 0)
                return NULL;
        } else if (fstr_literal(P, js, t, str_from(st.body, st.body_len, st.raw)) < 0) {
            return NULL;
        }
    }
    P->i += n;
    finish(P, js);
    return js;
}

static MoObject *number_value(Token *t)
{
    char buf[512];
    int n = 0;
    for (int k = 0; k < t->len && n < 510; k++)
        if (t->start[k] != '_')
            buf[n++] = t->start[k];
    buf[n] = '\0';
    if (buf[n - 1] == 'j' || buf[n - 1] == 'J') {
        buf[n - 1] = '\0';
        return MoComplex_FromDoubles(0.0, strtod(buf, NULL));
    }
    if (buf[0] == '0' && n > 1 && strchr("xXoObB", buf[1])) {
        int base = strchr("xX", buf[1]) ? 16 : strchr("oO", buf[1]) ? 8 : 2;
        /* digits beyond 64 bits: fold in 60-bit steps through the number protocol */
        MoObject *acc = MoLong_FromLong(0), *mul = MoLong_FromLong(base);
        for (int k = 2; k < n && acc; k++) {
            int d = isdigit((unsigned char)buf[k]) ? buf[k] - '0' : tolower(buf[k]) - 'a' + 10;
            MoObject *m = MoNumber_Multiply(acc, mul);
            MoObject *dv = MoLong_FromLong(d);
            Mo_SETREF(acc, m ? MoNumber_Add(m, dv) : NULL);
            Mo_XDECREF(m);
            Mo_DECREF(dv);
        }
        Mo_DECREF(mul);
        return acc;
    }
    if (strpbrk(buf, ".eE"))
        return MoFloat_FromDouble(strtod(buf, NULL));
    if (n > 1 && buf[0] == '0') {
        for (int k = 0; k < n; k++)
            if (buf[k] != '0')
                return NULL;
    }
    return MoLong_FromString(buf);
}

/* ------------------------------------------------------------------- atoms */

static Node *paren_or_tuple(Parser *P)
{
    Token *open = tok(P);
    P->i++;
    if (at_op(P, ")")) {
        P->i++;
        Node *t = node(P, N_Tuple, open);
        if (t)
            finish(P, t);
        return t;
    }
    if (at_kw(P, "yield")) {
        Node *y = star_expressions(P);
        if (y == NULL || expect_op(P, ")") < 0)
            return NULL;
        return y;
    }
    Node *first = named_expression(P);
    if (first == NULL)
        return NULL;
    if (at_kw(P, "for") || at_kw(P, "async"))
        return comprehension_tail(P, N_GenExp, first, NULL, open);
    if (at_op(P, ")")) {
        P->i++;
        if (first->kind == N_Starred)
            return perr_at(P, open, "cannot use starred expression here", NULL);
        return first;   /* a parenthesised expression */
    }
    Node *t = node(P, N_Tuple, open);
    if (t == NULL)
        return NULL;
    NodeList_Append(&t->l1, first);
    while (at_op(P, ",")) {
        P->i++;
        if (at_op(P, ")"))
            break;
        Node *e = named_expression(P);
        if (e == NULL)
            return NULL;
        NodeList_Append(&t->l1, e);
    }
    if (expect_op(P, ")") < 0)
        return NULL;
    finish(P, t);
    return t;
}

static Node *list_display(Parser *P)
{
    Token *open = tok(P);
    P->i++;
    Node *l = node(P, N_List, open);
    if (l == NULL)
        return NULL;
    if (!at_op(P, "]")) {
        Node *first = named_expression(P);
        if (first == NULL)
            return NULL;
        if (at_kw(P, "for"))
            return comprehension_tail(P, N_ListComp, first, NULL, open);
        NodeList_Append(&l->l1, first);
        while (at_op(P, ",")) {
            P->i++;
            if (at_op(P, "]"))
                break;
            Node *e = named_expression(P);
            if (e == NULL)
                return NULL;
            NodeList_Append(&l->l1, e);
        }
    }
    if (expect_op(P, "]") < 0)
        return NULL;
    finish(P, l);
    return l;
}

static Node *dict_or_set(Parser *P)
{
    Token *open = tok(P);
    P->i++;
    if (at_op(P, "}")) {
        P->i++;
        Node *d = node(P, N_Dict, open);
        if (d)
            finish(P, d);
        return d;
    }
    Node *key = NULL, *value = NULL;
    if (at_op(P, "**")) {
        P->i++;
        value = bitor(P);
    } else {
        key = named_expression(P);
        if (key == NULL)
            return NULL;
        if (at_op(P, ":")) {
            P->i++;
            value = expression(P);
        }
    }
    if (key == NULL && value == NULL)
        return NULL;
    int is_dict = value != NULL;
    if (at_kw(P, "for"))
        return comprehension_tail(P, is_dict ? N_DictComp : N_SetComp, key, value, open);
    Node *d = node(P, is_dict ? N_Dict : N_Set, open);
    if (d == NULL)
        return NULL;
    NodeList_Append(&d->l1, key);
    if (is_dict)
        NodeList_Append(&d->l2, value);
    while (at_op(P, ",")) {
        P->i++;
        if (at_op(P, "}"))
            break;
        if (is_dict) {
            Node *k = NULL, *v;
            if (at_op(P, "**")) {
                P->i++;
                v = bitor(P);
            } else {
                k = expression(P);
                if (k == NULL || expect_op(P, ":") < 0)
                    return NULL;
                v = expression(P);
            }
            if (v == NULL)
                return NULL;
            NodeList_Append(&d->l1, k);
            NodeList_Append(&d->l2, v);
        } else {
            Node *e = named_expression(P);
            if (e == NULL)
                return NULL;
            NodeList_Append(&d->l1, e);
        }
    }
    if (expect_op(P, "}") < 0)
        return NULL;
    finish(P, d);
    return d;
}

static Node *atom(Parser *P)
{
    Token *t = tok(P);
    if (t->kind == T_NAME) {
        if (tok_is(t, T_NAME, "None") || tok_is(t, T_NAME, "True") || tok_is(t, T_NAME, "False")) {
            P->i++;
            MoObject *v = t->start[0] == 'N' ? Mo_NewRef(Mo_None) : MoBool_FromLong(t->start[0] == 'T');
            Node *c = constant(P, t, v);
            if (c)
                finish(P, c);
            return c;
        }
        if (is_keyword(t))
            return invalid(P);
        P->i++;
        Node *n = node(P, N_Name, t);
        if (n == NULL)
            return NULL;
        n->v = name_of(t);
        finish(P, n);
        return n;
    }
    if (t->kind == T_NUMBER) {
        P->i++;
        MoObject *v = number_value(t);
        if (v == NULL) {
            if (!MoErr_Occurred())
                perr_at(P, t, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", NULL);
            return NULL;
        }
        Node *c = constant(P, t, v);
        if (c)
            finish(P, c);
        return c;
    }
    if (t->kind == T_STRING)
        return strings(P);
    if (tok_is(t, T_OP, "("))
        return paren_or_tuple(P);
    if (tok_is(t, T_OP, "["))
        return list_display(P);
    if (tok_is(t, T_OP, "{"))
        return dict_or_set(P);
    if (tok_is(t, T_OP, "...")) {
        P->i++;
        return perr_at(P, t, "Ellipsis is not supported", NULL);
    }
    return invalid(P);
}

/* --------------------------------------------------------------- trailers */

static Node *slice_item(Parser *P)
{
    Token *t = tok(P);
    Node *lower = NULL;
    if (!at_op(P, ":")) {
        lower = named_expression(P);
        if (lower == NULL || !at_op(P, ":"))
            return lower;
    }
    Node *s = node(P, N_Slice, t);
    if (s == NULL)
        return NULL;
    s->a = lower;
    P->i++;
    if (!at_op(P, ":") && !at_op(P, "]") && !at_op(P, ",")) {
        if ((s->b = expression(P)) == NULL)
            return NULL;
    }
    if (at_op(P, ":")) {
        P->i++;
        if (!at_op(P, "]") && !at_op(P, ",") && (s->c = expression(P)) == NULL)
            return NULL;
    }
    finish(P, s);
    return s;
}

static Node *subscript(Parser *P, Node *value)
{
    Token *open = tok(P);
    P->i++;
    Node *sub = node(P, N_Subscript, open);
    if (sub == NULL)
        return NULL;
    sub->lineno = value->lineno;
    sub->col = value->col;
    sub->a = value;
    Node *first = slice_item(P);
    if (first == NULL)
        return NULL;
    if (at_op(P, ",")) {
        Node *t = node(P, N_Tuple, open);
        if (t == NULL)
            return NULL;
        NodeList_Append(&t->l1, first);
        while (at_op(P, ",")) {
            P->i++;
            if (at_op(P, "]"))
                break;
            Node *e = slice_item(P);
            if (e == NULL)
                return NULL;
            NodeList_Append(&t->l1, e);
        }
        first = t;
    }
    sub->b = first;
    if (expect_op(P, "]") < 0)
        return NULL;
    finish(P, sub);
    return sub;
}

static Node *call(Parser *P, Node *func)
{
    Token *open = tok(P);
    P->i++;
    Node *c = node(P, N_Call, open);
    if (c == NULL)
        return NULL;
    c->lineno = func->lineno;
    c->col = func->col;
    c->a = func;
    while (!at_op(P, ")")) {
        Token *t = tok(P);
        if (at_op(P, "**")) {
            P->i++;
            Node *k = node(P, N_Keyword, t);
            if (k == NULL || (k->a = expression(P)) == NULL)
                return NULL;
            NodeList_Append(&c->l2, k);
        } else if (at_op(P, "*")) {
            P->i++;
            Node *s = node(P, N_Starred, t);
            if (s == NULL || (s->a = expression(P)) == NULL)
                return NULL;
            finish(P, s);
            NodeList_Append(&c->l1, s);
        } else if (at_name(P) && tok_is(peek(P, 1), T_OP, "=")) {
            P->i += 2;
            Node *k = node(P, N_Keyword, t);
            if (k == NULL)
                return NULL;
            k->v = name_of(t);
            if ((k->a = expression(P)) == NULL)
                return NULL;
            for (int j = 0; j < c->l2.n; j++)
                if (c->l2.items[j]->v && _MoUnicode_Equal(c->l2.items[j]->v, k->v))
                    return perr_at(P, t, "keyword argument repeated: %s", MoUnicode_AsUTF8(k->v));
            NodeList_Append(&c->l2, k);
        } else {
            Node *e = named_expression(P);
            if (e == NULL)
                return NULL;
            if (at_kw(P, "for")) {
                e = comprehension_tail(P, N_GenExp, e, NULL, t);
                if (e == NULL)
                    return NULL;
                P->i--;   /* comprehension_tail consumed the ')' */
            }
            if (c->l2.n > 0 && e->kind != N_Starred) {
                int any_double = 0;
                for (int j = 0; j < c->l2.n; j++)
                    any_double |= c->l2.items[j]->v == NULL;
                return perr_at(P, t, any_double ? "positional argument follows keyword argument unpacking"
                                                : "positional argument follows keyword argument", NULL);
            }
            NodeList_Append(&c->l1, e);
        }
        if (!at_op(P, ","))
            break;
        P->i++;
    }
    if (expect_op(P, ")") < 0)
        return NULL;
    finish(P, c);
    return c;
}

static Node *primary(Parser *P)
{
    Node *e = atom(P);
    while (e != NULL) {
        if (at_op(P, "(")) {
            e = call(P, e);
        } else if (at_op(P, "[")) {
            e = subscript(P, e);
        } else if (at_op(P, ".")) {
            P->i++;
            if (!at_name(P))
                return invalid(P);
            Node *a = node(P, N_Attribute, tok(P));
            if (a == NULL)
                return NULL;
            a->lineno = e->lineno;
            a->col = e->col;
            a->a = e;
            a->v = name_of(tok(P));
            P->i++;
            finish(P, a);
            e = a;
        } else {
            break;
        }
    }
    return e;
}

/* ------------------------------------------------------------- operators */

static Node *binop(Parser *P, Node *l, int op, Node *r)
{
    if (r == NULL)
        return NULL;
    Node *b = Node_New(P->ar, N_BinOp, l->lineno, l->col);
    if (b == NULL)
        return NULL;
    b->a = l;
    b->b = r;
    b->op = op;
    finish(P, b);
    return b;
}

static Node *factor(Parser *P);

static Node *power(Parser *P)
{
    Node *e = primary(P);
    if (e && at_op(P, "**")) {
        P->i++;
        return binop(P, e, NB_POWER, factor(P));
    }
    return e;
}

static Node *factor(Parser *P)
{
    Token *t = tok(P);
    int op = tok_is(t, T_OP, "-") ? U_USUB : tok_is(t, T_OP, "+") ? U_UADD : tok_is(t, T_OP, "~") ? U_INVERT : -1;
    if (op < 0)
        return power(P);
    P->i++;
    Node *u = node(P, N_UnaryOp, t);
    if (u == NULL || (u->a = factor(P)) == NULL)
        return NULL;
    u->op = op;
    finish(P, u);
    return u;
}

typedef struct { const char *tok; int op; } OpMap;

static Node *binary_level(Parser *P, int level);

static const OpMap level_ops[][5] = {
    {{"|", NB_OR}, {NULL, 0}},
    {{"^", NB_XOR}, {NULL, 0}},
    {{"&", NB_AND}, {NULL, 0}},
    {{"<<", NB_LSHIFT}, {">>", NB_RSHIFT}, {NULL, 0}},
    {{"+", NB_ADD}, {"-", NB_SUBTRACT}, {NULL, 0}},
    {{"*", NB_MULTIPLY}, {"/", NB_TRUE_DIVIDE}, {"//", NB_FLOOR_DIVIDE}, {"%", NB_REMAINDER}, {"@", NB_MATRIX_MULTIPLY}},
};
#define NLEVELS 6

static Node *binary_level(Parser *P, int level)
{
    if (level == NLEVELS)
        return factor(P);
    Node *e = binary_level(P, level + 1);
    while (e != NULL) {
        int op = -1;
        for (int k = 0; k < 5 && level_ops[level][k].tok; k++)
            if (at_op(P, level_ops[level][k].tok))
                op = level_ops[level][k].op;
        if (op < 0)
            break;
        P->i++;
        e = binop(P, e, op, binary_level(P, level + 1));
    }
    return e;
}

static Node *bitor(Parser *P) { return binary_level(P, 0); }

static int comp_op(Parser *P)
{
    static const OpMap ops[] = {{"<", MO_LT}, {"<=", MO_LE}, {"==", MO_EQ}, {"!=", MO_NE},
                                {">", MO_GT}, {">=", MO_GE}, {NULL, 0}};
    for (int k = 0; ops[k].tok; k++)
        if (at_op(P, ops[k].tok)) {
            P->i++;
            return ops[k].op;
        }
    if (at_kw(P, "in")) {
        P->i++;
        return CMP_IN;
    }
    if (at_kw(P, "not") && tok_is(peek(P, 1), T_NAME, "in")) {
        P->i += 2;
        return CMP_NOTIN;
    }
    if (at_kw(P, "is")) {
        P->i++;
        if (at_kw(P, "not")) {
            P->i++;
            return CMP_ISNOT;
        }
        return CMP_IS;
    }
    return -1;
}

static Node *comparison(Parser *P)
{
    Node *e = bitor(P);
    if (e == NULL)
        return NULL;
    int op = comp_op(P);
    if (op < 0)
        return e;
    Node *c = Node_New(P->ar, N_Compare, e->lineno, e->col);
    if (c == NULL)
        return NULL;
    c->a = e;
    int n = 0;
    while (op >= 0) {
        Node *r = bitor(P);
        if (r == NULL)
            return NULL;
        int *ops = realloc(c->ops, (size_t)(n + 1) * sizeof *ops);
        if (ops == NULL)
            return (void *)MoErr_NoMemory();
        c->ops = ops;
        c->ops[n++] = op;
        NodeList_Append(&c->l1, r);
        op = comp_op(P);
    }
    finish(P, c);
    return c;
}

static Node *not_test(Parser *P)
{
    if (at_kw(P, "not")) {
        Token *t = tok(P);
        P->i++;
        Node *u = node(P, N_UnaryOp, t);
        if (u == NULL || (u->a = not_test(P)) == NULL)
            return NULL;
        u->op = U_NOT;
        finish(P, u);
        return u;
    }
    return comparison(P);
}

static Node *bool_level(Parser *P, int is_or)
{
    Node *e = is_or ? bool_level(P, 0) : not_test(P);
    if (e == NULL || !at_kw(P, is_or ? "or" : "and"))
        return e;
    Node *b = Node_New(P->ar, N_BoolOp, e->lineno, e->col);
    if (b == NULL)
        return NULL;
    b->op = is_or ? B_OR : B_AND;
    NodeList_Append(&b->l1, e);
    while (at_kw(P, is_or ? "or" : "and")) {
        P->i++;
        Node *r = is_or ? bool_level(P, 0) : not_test(P);
        if (r == NULL)
            return NULL;
        NodeList_Append(&b->l1, r);
    }
    finish(P, b);
    return b;
}

static Node *or_test(Parser *P) { return bool_level(P, 1); }

static Node *lambda(Parser *P)
{
    Token *t = tok(P);
    P->i++;
    Node *l = node(P, N_Lambda, t);
    if (l == NULL || (l->a = arguments_def(P, ":")) == NULL || expect_op(P, ":") < 0)
        return NULL;
    P->func_depth++;
    l->b = expression(P);
    P->func_depth--;
    if (l->b == NULL)
        return NULL;
    finish(P, l);
    return l;
}

static Node *expression(Parser *P)
{
    if (at_kw(P, "lambda"))
        return lambda(P);
    Node *e = or_test(P);
    if (e == NULL || !at_kw(P, "if"))
        return e;
    P->i++;
    Node *x = Node_New(P->ar, N_IfExp, e->lineno, e->col);
    if (x == NULL)
        return NULL;
    x->b = e;
    if ((x->a = or_test(P)) == NULL)
        return NULL;
    if (!at_kw(P, "else"))
        return perr(P, "expected 'else' after 'if' expression");
    P->i++;
    if ((x->c = expression(P)) == NULL)
        return NULL;
    finish(P, x);
    return x;
}

static Node *named_expression(Parser *P)
{
    if (at_op(P, "*")) {
        Token *t = tok(P);
        P->i++;
        Node *s = node(P, N_Starred, t);
        if (s == NULL || (s->a = bitor(P)) == NULL)
            return NULL;
        finish(P, s);
        return s;
    }
    if (at_name(P) && tok_is(peek(P, 1), T_OP, ":=")) {
        Node *target = atom(P);
        P->i++;
        Node *n = Node_New(P->ar, N_NamedExpr, target->lineno, target->col);
        if (n == NULL)
            return NULL;
        target->op = CTX_STORE;
        n->a = target;
        if ((n->b = expression(P)) == NULL)
            return NULL;
        finish(P, n);
        return n;
    }
    return expression(P);
}

/* expressions separated by commas (a tuple when there is a comma), starred items allowed */
static Node *star_expressions(Parser *P)
{
    if (at_kw(P, "yield")) {
        Token *t = tok(P);
        P->i++;
        if (P->func_depth == 0)
            return perr_at(P, t, "'yield' outside function", NULL);
        if (at_kw(P, "from")) {
            P->i++;
            Node *y = node(P, N_YieldFrom, t);
            if (y == NULL || (y->a = expression(P)) == NULL)
                return NULL;
            finish(P, y);
            return y;
        }
        Node *y = node(P, N_Yield, t);
        if (y == NULL)
            return NULL;
        if (!at_op(P, ")") && !at_op(P, "=") && tok(P)->kind != T_NEWLINE && !at_op(P, ";")) {
            if ((y->a = star_expressions(P)) == NULL)
                return NULL;
        }
        finish(P, y);
        return y;
    }
    Token *t = tok(P);
    Node *e = named_expression(P);
    if (e == NULL || !at_op(P, ","))
        return e;
    Node *tup = node(P, N_Tuple, t);
    if (tup == NULL)
        return NULL;
    NodeList_Append(&tup->l1, e);
    while (at_op(P, ",")) {
        P->i++;
        Token *n = tok(P);
        if (n->kind == T_NEWLINE || tok_is(n, T_OP, "=") || tok_is(n, T_OP, ")") || tok_is(n, T_OP, ";") ||
            tok_is(n, T_OP, ":") || (n->kind == T_OP && n->len == 2 && n->start[1] == '='))
            break;
        Node *x = named_expression(P);
        if (x == NULL)
            return NULL;
        NodeList_Append(&tup->l1, x);
    }
    finish(P, tup);
    return tup;
}

/* for-targets: a comma list of primaries (no comparisons: 'in' ends them) */
static Node *target_list(Parser *P)
{
    Token *t = tok(P);
    Node *first;
    if (at_op(P, "*")) {
        P->i++;
        first = node(P, N_Starred, t);
        if (first == NULL || (first->a = bitor(P)) == NULL)
            return NULL;
    } else {
        first = bitor(P);
    }
    if (first == NULL || !at_op(P, ","))
        return first;
    Node *tup = node(P, N_Tuple, t);
    if (tup == NULL)
        return NULL;
    NodeList_Append(&tup->l1, first);
    while (at_op(P, ",")) {
        P->i++;
        if (at_kw(P, "in") || at_op(P, "="))
            break;
        Token *s = tok(P);
        Node *x;
        if (at_op(P, "*")) {
            P->i++;
            x = node(P, N_Starred, s);
            if (x == NULL || (x->a = bitor(P)) == NULL)
                return NULL;
        } else {
            x = bitor(P);
        }
        if (x == NULL)
            return NULL;
        NodeList_Append(&tup->l1, x);
    }
    finish(P, tup);
    return tup;
}

static const char *expr_name(Node *e)
{
    switch (e->kind) {
    case N_Constant:
        return Mo_IsNone(e->v) ? "None" : (e->v == (MoObject *)Mo_True || e->v == (MoObject *)Mo_False)
               ? (e->v == (MoObject *)Mo_True ? "True" : "False") : "literal";
    case N_Call: return "function call";
    case N_BinOp: case N_UnaryOp: return "expression";
    case N_BoolOp: return "expression";
    case N_Compare: return "comparison";
    case N_Lambda: return "lambda";
    case N_IfExp: return "conditional expression";
    case N_JoinedStr: return "f-string expression";
    case N_ListComp: return "list comprehension";
    case N_SetComp: return "set comprehension";
    case N_DictComp: return "dict comprehension";
    case N_GenExp: return "generator expression";
    case N_Dict: return "dict literal";
    case N_Set: return "set display";
    case N_Yield: case N_YieldFrom: return "yield expression";
    case N_NamedExpr: return "named expression";
    default: return "expression";
    }
}

/* Mark e as a target (ctx store or del); a SyntaxError when it cannot be one. */
static int set_context(Parser *P, Node *e, int ctx, int augmented)
{
    switch (e->kind) {
    case N_Name:
    case N_Attribute:
    case N_Subscript:
        e->op = ctx;
        return 0;
    case N_Starred:
        if (ctx == CTX_DEL) {
            Syntax_Error(P->src, P->filename, e->lineno, e->col, e->end_col, 0, "cannot delete starred");
            return -1;
        }
        e->op = ctx;
        return set_context(P, e->a, ctx, 0);
    case N_Tuple:
    case N_List:
        if (!augmented) {
            e->op = ctx;
            for (int k = 0; k < e->l1.n; k++)
                if (set_context(P, e->l1.items[k], ctx, 0) < 0)
                    return -1;
            return 0;
        }
        /* fall through */
    default:
        if (augmented) {
            Syntax_Error(P->src, P->filename, e->lineno, e->col, e->end_col, 0,
                         "'%s' is an illegal expression for augmented assignment",
                         e->kind == N_Tuple ? "tuple" : e->kind == N_List ? "list" : expr_name(e));
        } else if (ctx == CTX_DEL) {
            Syntax_Error(P->src, P->filename, e->lineno, e->col, e->end_col, 0, "cannot delete %s", expr_name(e));
        } else {
            Syntax_Error(P->src, P->filename, e->lineno, e->col, e->end_col, 0,
                         e->kind == N_Constant || e->kind == N_Compare || e->kind == N_BinOp ||
                         e->kind == N_Call
                             ? "cannot assign to %s here. Maybe you meant '==' instead of '='?"
                             : "cannot assign to %s", expr_name(e));
        }
        return -1;
    }
}

static Node *comprehension_tail(Parser *P, NodeKind kind, Node *elt, Node *value, Token *start)
{
    const char *close = kind == N_ListComp ? "]" : kind == N_GenExp ? ")" : "}";
    Node *c = node(P, kind, start);
    if (c == NULL)
        return NULL;
    c->a = elt;
    c->b = value;
    if (elt && elt->kind == N_Starred)
        return perr_at(P, start, kind == N_ListComp ? "iterable unpacking cannot be used in comprehension"
                                                    : "iterable unpacking cannot be used in comprehension", NULL);
    while (at_kw(P, "for")) {
        Token *t = tok(P);
        P->i++;
        Node *g = node(P, N_Comprehension, t);
        if (g == NULL || (g->a = target_list(P)) == NULL)
            return NULL;
        if (set_context(P, g->a, CTX_STORE, 0) < 0)
            return NULL;
        if (!at_kw(P, "in"))
            return invalid(P);
        P->i++;
        if ((g->b = bool_level(P, 1)) == NULL)
            return NULL;
        while (at_kw(P, "if")) {
            P->i++;
            Node *cond = bool_level(P, 1);
            if (cond == NULL)
                return NULL;
            NodeList_Append(&g->l1, cond);
        }
        NodeList_Append(&c->l1, g);
    }
    if (expect_op(P, close) < 0)
        return NULL;
    finish(P, c);
    return c;
}

/* ------------------------------------------------------------- arguments */

static Node *arg(Parser *P, int annotated)
{
    if (!at_name(P))
        return invalid(P);
    Node *a = node(P, N_Arg, tok(P));
    if (a == NULL)
        return NULL;
    a->v = name_of(tok(P));
    P->i++;
    if (annotated && at_op(P, ":")) {
        P->i++;
        if ((a->a = expression(P)) == NULL)
            return NULL;
    }
    finish(P, a);
    return a;
}

/* def f(a, b=1, *args, c, d=2, **kw) and lambda's, up to close */
static Node *arguments_def(Parser *P, const char *close)
{
    int annotated = strcmp(close, ")") == 0;
    Node *A = node(P, N_Arguments, tok(P));
    if (A == NULL)
        return NULL;
    int star_seen = 0;
    while (!at_op(P, close)) {
        if (at_op(P, "**")) {
            P->i++;
            if ((A->b = arg(P, annotated)) == NULL)
                return NULL;
            if (at_op(P, ","))
                P->i++;
            if (!at_op(P, close))
                return perr(P, "arguments cannot follow var-keyword argument");
            break;
        }
        if (at_op(P, "*")) {
            Token *t = tok(P);
            P->i++;
            if (star_seen)
                return perr_at(P, t, "* argument may appear only once", NULL);
            star_seen = 1;
            if (!at_op(P, ",")) {
                if ((A->a = arg(P, annotated)) == NULL)
                    return NULL;
            } else if (tok_is(peek(P, 1), T_OP, close)) {
                return perr_at(P, t, "named arguments must follow bare *", NULL);
            }
        } else if (at_op(P, "/")) {
            P->i++;   /* positional-only marker: accepted, not enforced */
        } else {
            Node *a = arg(P, annotated);
            if (a == NULL)
                return NULL;
            Node *def = NULL;
            if (at_op(P, "=")) {
                P->i++;
                if ((def = expression(P)) == NULL)
                    return NULL;
            }
            if (star_seen) {
                NodeList_Append(&A->l3, a);
                NodeList_Append(&A->l4, def);
            } else {
                if (def == NULL && A->l2.n > 0)
                    return perr_at(P, peek(P, -1), "non-default argument follows default argument", NULL);
                for (int k = 0; k < A->l1.n; k++)
                    if (_MoUnicode_Equal(A->l1.items[k]->v, a->v))
                        return perr_at(P, peek(P, -1), "duplicate argument '%s' in function definition",
                                       MoUnicode_AsUTF8(a->v));
                NodeList_Append(&A->l1, a);
                if (def)
                    NodeList_Append(&A->l2, def);
            }
        }
        if (!at_op(P, ","))
            break;
        P->i++;
    }
    return A;
}

/* ------------------------------------------------------------- statements */

static Node *simple_stmt(Parser *P);

static Node *dotted_name(Parser *P, Token *t)
{
    if (!at_name(P))
        return invalid(P);
    Node *a = node(P, N_Alias, t);
    if (a == NULL)
        return NULL;
    char buf[512];
    int n = 0;
    for (;;) {
        Token *nt = tok(P);
        if (nt->kind != T_NAME || n + nt->len + 2 > (int)sizeof buf)
            return invalid(P);
        memcpy(buf + n, nt->start, (size_t)nt->len);
        n += nt->len;
        P->i++;
        if (!at_op(P, ".") || tok_is(peek(P, 1), T_NAME, "import"))
            break;
        buf[n++] = '.';
        P->i++;
    }
    buf[n] = '\0';
    a->v = MoUnicode_InternFromString(buf);
    return a;
}

static Node *import_stmt(Parser *P, Token *t)
{
    Node *s = node(P, N_Import, t);
    if (s == NULL)
        return NULL;
    P->i++;
    for (;;) {
        Node *a = dotted_name(P, tok(P));
        if (a == NULL)
            return NULL;
        if (at_kw(P, "as")) {
            P->i++;
            if (!at_name(P))
                return invalid(P);
            a->v2 = name_of(tok(P));
            P->i++;
        }
        NodeList_Append(&s->l1, a);
        if (!at_op(P, ","))
            break;
        P->i++;
    }
    return s;
}

static Node *from_stmt(Parser *P, Token *t)
{
    Node *s = node(P, N_ImportFrom, t);
    if (s == NULL)
        return NULL;
    P->i++;
    while (at_op(P, ".") || at_op(P, "...")) {
        s->op += tok(P)->len;
        P->i++;
    }
    if (!at_kw(P, "import")) {
        Node *m = dotted_name(P, tok(P));
        if (m == NULL)
            return NULL;
        s->v = Mo_NewRef(m->v);
    }
    if (!at_kw(P, "import"))
        return invalid(P);
    P->i++;
    int paren = at_op(P, "(");
    if (paren)
        P->i++;
    if (at_op(P, "*")) {
        Node *a = node(P, N_Alias, tok(P));
        if (a == NULL)
            return NULL;
        a->v = MoUnicode_InternFromString("*");
        P->i++;
        NodeList_Append(&s->l1, a);
        return s;
    }
    for (;;) {
        if (!at_name(P))
            return invalid(P);
        Node *a = node(P, N_Alias, tok(P));
        if (a == NULL)
            return NULL;
        a->v = name_of(tok(P));
        P->i++;
        if (at_kw(P, "as")) {
            P->i++;
            if (!at_name(P))
                return invalid(P);
            a->v2 = name_of(tok(P));
            P->i++;
        }
        NodeList_Append(&s->l1, a);
        if (!at_op(P, ","))
            break;
        P->i++;
        if (paren && at_op(P, ")"))
            break;
    }
    if (paren && expect_op(P, ")") < 0)
        return NULL;
    return s;
}

static Node *names_stmt(Parser *P, Token *t, NodeKind kind)
{
    Node *s = node(P, kind, t);
    if (s == NULL)
        return NULL;
    P->i++;
    for (;;) {
        if (!at_name(P))
            return invalid(P);
        Node *a = node(P, N_Alias, tok(P));
        if (a == NULL)
            return NULL;
        a->v = name_of(tok(P));
        P->i++;
        NodeList_Append(&s->l1, a);
        if (!at_op(P, ","))
            break;
        P->i++;
    }
    return s;
}

static const OpMap aug_ops[] = {
    {"+=", NB_ADD}, {"-=", NB_SUBTRACT}, {"*=", NB_MULTIPLY}, {"/=", NB_TRUE_DIVIDE},
    {"//=", NB_FLOOR_DIVIDE}, {"%=", NB_REMAINDER}, {"**=", NB_POWER}, {"<<=", NB_LSHIFT},
    {">>=", NB_RSHIFT}, {"&=", NB_AND}, {"|=", NB_OR}, {"^=", NB_XOR}, {"@=", NB_MATRIX_MULTIPLY},
    {NULL, 0}};

static Node *expr_stmt(Parser *P, Token *t)
{
    Node *e = star_expressions(P);
    if (e == NULL)
        return NULL;
    for (int k = 0; aug_ops[k].tok; k++)
        if (at_op(P, aug_ops[k].tok)) {
            P->i++;
            if (set_context(P, e, CTX_STORE, 1) < 0)
                return NULL;
            Node *s = node(P, N_AugAssign, t);
            if (s == NULL)
                return NULL;
            s->a = e;
            s->op = aug_ops[k].op;
            if ((s->b = star_expressions(P)) == NULL)
                return NULL;
            return s;
        }
    if (at_op(P, ":") && (e->kind == N_Name || e->kind == N_Attribute || e->kind == N_Subscript)) {
        P->i++;
        Node *s = node(P, N_AnnAssign, t);
        if (s == NULL || set_context(P, e, CTX_STORE, 0) < 0)
            return NULL;
        s->a = e;
        if ((s->b = expression(P)) == NULL)
            return NULL;
        if (at_op(P, "=")) {
            P->i++;
            if ((s->c = star_expressions(P)) == NULL)
                return NULL;
        }
        return s;
    }
    if (!at_op(P, "=")) {
        Node *s = node(P, N_Expr, t);
        if (s)
            s->a = e;
        return s;
    }
    Node *s = node(P, N_Assign, t);
    if (s == NULL)
        return NULL;
    while (at_op(P, "=")) {
        P->i++;
        if (set_context(P, e, CTX_STORE, 0) < 0)
            return NULL;
        NodeList_Append(&s->l1, e);
        if ((e = star_expressions(P)) == NULL)
            return NULL;
    }
    s->a = e;
    return s;
}

static Node *small_stmt(Parser *P)
{
    Token *t = tok(P);
    if (at_kw(P, "pass") || at_kw(P, "break") || at_kw(P, "continue")) {
        P->i++;
        return node(P, t->start[0] == 'p' ? N_Pass : t->start[0] == 'b' ? N_Break : N_Continue, t);
    }
    if (at_kw(P, "return")) {
        P->i++;
        if (P->func_depth == 0)
            return perr_at(P, t, "'return' outside function", NULL);
        Node *s = node(P, N_Return, t);
        if (s && tok(P)->kind != T_NEWLINE && !at_op(P, ";") && (s->a = star_expressions(P)) == NULL)
            return NULL;
        return s;
    }
    if (at_kw(P, "del")) {
        P->i++;
        Node *s = node(P, N_Delete, t);
        Node *e = s ? target_list(P) : NULL;
        if (e == NULL)
            return NULL;
        if (e->kind == N_Tuple && e->col == t->end_col + 1 && !tok_is(tok(P), T_OP, ")")) {
            for (int k = 0; k < e->l1.n; k++)
                NodeList_Append(&s->l1, e->l1.items[k]);
        } else {
            NodeList_Append(&s->l1, e);
        }
        for (int k = 0; k < s->l1.n; k++)
            if (set_context(P, s->l1.items[k], CTX_DEL, 0) < 0)
                return NULL;
        return s;
    }
    if (at_kw(P, "import"))
        return import_stmt(P, t);
    if (at_kw(P, "from"))
        return from_stmt(P, t);
    if (at_kw(P, "global"))
        return names_stmt(P, t, N_Global);
    if (at_kw(P, "nonlocal"))
        return names_stmt(P, t, N_Nonlocal);
    if (at_kw(P, "raise")) {
        P->i++;
        Node *s = node(P, N_Raise, t);
        if (s == NULL)
            return NULL;
        if (tok(P)->kind != T_NEWLINE && !at_op(P, ";")) {
            if ((s->a = expression(P)) == NULL)
                return NULL;
            if (at_kw(P, "from")) {
                P->i++;
                if ((s->b = expression(P)) == NULL)
                    return NULL;
            }
        }
        return s;
    }
    if (at_kw(P, "assert")) {
        P->i++;
        Node *s = node(P, N_Assert, t);
        if (s == NULL || (s->a = expression(P)) == NULL)
            return NULL;
        if (at_op(P, ",")) {
            P->i++;
            if ((s->b = expression(P)) == NULL)
                return NULL;
        }
        return s;
    }
    return expr_stmt(P, t);
}

/* small statements separated by ';' up to NEWLINE, appended to body */
static int simple_stmts(Parser *P, NodeList *body)
{
    for (;;) {
        Node *s = small_stmt(P);
        if (s == NULL)
            return -1;
        finish(P, s);
        NodeList_Append(body, s);
        if (!at_op(P, ";"))
            break;
        P->i++;
        if (tok(P)->kind == T_NEWLINE)
            break;
    }
    if (tok(P)->kind != T_NEWLINE) {
        invalid(P);
        return -1;
    }
    P->i++;
    return 0;
}

static Node *simple_stmt(Parser *P)
{
    (void)P;
    return NULL;
}

static int block_into(Parser *P, NodeList *body)
{
    if (expect_op(P, ":") < 0)
        return -1;
    if (tok(P)->kind != T_NEWLINE)
        return simple_stmts(P, body);
    P->i++;
    if (tok(P)->kind != T_INDENT) {
        Token *t = tok(P);
        Syntax_Error(P->src, P->filename, t->line, t->col, t->col + 1, 1,
                     "expected an indented block after %s on line %d", P->block_what, P->block_line);
        return -1;
    }
    P->i++;
    while (tok(P)->kind != T_DEDENT && tok(P)->kind != T_ENDMARKER)
        if (statements(P, body) < 0)
            return -1;
    if (tok(P)->kind == T_DEDENT)
        P->i++;
    return 0;
}

static Node *block(Parser *P) { (void)P; return NULL; }

static int decorated(Parser *P, NodeList *body);

static Node *funcdef(Parser *P, Token *t)
{
    P->i++;
    if (!at_name(P))
        return invalid(P);
    Node *f = node(P, N_FunctionDef, t);
    if (f == NULL)
        return NULL;
    f->v = name_of(tok(P));
    P->i++;
    if (expect_op(P, "(") < 0 || (f->a = arguments_def(P, ")")) == NULL || expect_op(P, ")") < 0)
        return NULL;
    if (at_op(P, "->")) {
        P->i++;
        if (expression(P) == NULL)
            return NULL;
    }
    P->func_depth++;
    snprintf(P->block_what, sizeof P->block_what, "function definition");
    P->block_line = t->line;
    int r = block_into(P, &f->l1);
    P->func_depth--;
    return r < 0 ? NULL : f;
}

static Node *classdef(Parser *P, Token *t)
{
    P->i++;
    if (!at_name(P))
        return invalid(P);
    Node *c = node(P, N_ClassDef, t);
    if (c == NULL)
        return NULL;
    c->v = name_of(tok(P));
    P->i++;
    if (at_op(P, "(")) {
        Node *fake = node(P, N_Name, t);
        Node *cl = fake ? call(P, fake) : NULL;
        if (cl == NULL)
            return NULL;
        for (int k = 0; k < cl->l1.n; k++)
            NodeList_Append(&c->l3, cl->l1.items[k]);
        for (int k = 0; k < cl->l2.n; k++)
            NodeList_Append(&c->l4, cl->l2.items[k]);
    }
    int saved = P->func_depth;
    P->func_depth = 0;
    block_header(P, "class definition", t);
    int r = block_into(P, &c->l1);
    P->func_depth = saved;
    return r < 0 ? NULL : c;
}

static Node *if_stmt(Parser *P, Token *t)
{
    P->i++;
    Node *s = node(P, N_If, t);
    block_header(P, t->start[0] == 'e' ? "'elif' statement" : "'if' statement", t);
    if (s == NULL || (s->a = named_expression(P)) == NULL || block_into(P, &s->l1) < 0)
        return NULL;
    if (at_kw(P, "elif")) {
        Node *e = if_stmt(P, tok(P));
        if (e == NULL)
            return NULL;
        NodeList_Append(&s->l2, e);
    } else if (at_kw(P, "else")) {
        block_header(P, "'else' statement", tok(P));
        P->i++;
        if (block_into(P, &s->l2) < 0)
            return NULL;
    }
    return s;
}

static Node *try_stmt(Parser *P, Token *t)
{
    P->i++;
    Node *s = node(P, N_Try, t);
    block_header(P, "'try' statement", t);
    if (s == NULL || block_into(P, &s->l1) < 0)
        return NULL;
    while (at_kw(P, "except")) {
        Node *h = node(P, N_ExceptHandler, tok(P));
        if (h == NULL)
            return NULL;
        block_header(P, "'except' statement", tok(P));
        P->i++;
        if (!at_op(P, ":")) {
            if ((h->a = expression(P)) == NULL)
                return NULL;
            if (at_op(P, ",")) {
                return perr_at(P, &P->tl.toks[P->i - 1], "multiple exception types must be parenthesized", NULL);
            }
            if (at_kw(P, "as")) {
                P->i++;
                if (!at_name(P))
                    return invalid(P);
                h->v = name_of(tok(P));
                P->i++;
            }
        }
        if (block_into(P, &h->l1) < 0)
            return NULL;
        NodeList_Append(&s->l2, h);
    }
    if (at_kw(P, "else")) {
        if (s->l2.n == 0)
            return invalid(P);
        P->i++;
        if (block_into(P, &s->l3) < 0)
            return NULL;
    }
    if (at_kw(P, "finally")) {
        block_header(P, "'finally' statement", tok(P));
        P->i++;
        if (block_into(P, &s->l4) < 0)
            return NULL;
    }
    if (s->l2.n == 0 && s->l4.n == 0)
        return perr(P, "expected 'except' or 'finally' block");
    return s;
}

static Node *compound(Parser *P)
{
    Token *t = tok(P);
    if (at_kw(P, "def"))
        return funcdef(P, t);
    if (at_kw(P, "class"))
        return classdef(P, t);
    if (at_kw(P, "if"))
        return if_stmt(P, t);
    if (at_kw(P, "while")) {
        P->i++;
        block_header(P, "'while' statement", t);
        Node *s = node(P, N_While, t);
        if (s == NULL || (s->a = named_expression(P)) == NULL || block_into(P, &s->l1) < 0)
            return NULL;
        if (at_kw(P, "else")) {
            P->i++;
            if (block_into(P, &s->l2) < 0)
                return NULL;
        }
        return s;
    }
    if (at_kw(P, "for")) {
        P->i++;
        block_header(P, "'for' statement", t);
        Node *s = node(P, N_For, t);
        if (s == NULL || (s->a = target_list(P)) == NULL || set_context(P, s->a, CTX_STORE, 0) < 0)
            return NULL;
        if (!at_kw(P, "in"))
            return invalid(P);
        P->i++;
        if ((s->b = star_expressions(P)) == NULL || block_into(P, &s->l1) < 0)
            return NULL;
        if (at_kw(P, "else")) {
            P->i++;
            if (block_into(P, &s->l2) < 0)
                return NULL;
        }
        return s;
    }
    if (at_kw(P, "try"))
        return try_stmt(P, t);
    if (at_kw(P, "with")) {
        P->i++;
        Node *s = node(P, N_With, t);
        if (s == NULL)
            return NULL;
        int paren = at_op(P, "(") && 0;
        (void)paren;
        for (;;) {
            Node *w = node(P, N_WithItem, tok(P));
            if (w == NULL || (w->a = expression(P)) == NULL)
                return NULL;
            if (at_kw(P, "as")) {
                P->i++;
                if ((w->b = bitor(P)) == NULL || set_context(P, w->b, CTX_STORE, 0) < 0)
                    return NULL;
            }
            NodeList_Append(&s->l1, w);
            if (!at_op(P, ","))
                break;
            P->i++;
        }
        block_header(P, "'with' statement", t);
        if (block_into(P, &s->l2) < 0)
            return NULL;
        return s;
    }
    return NULL;
}

static int decorated(Parser *P, NodeList *body)
{
    NodeList decos = {0};
    while (at_op(P, "@")) {
        P->i++;
        Node *d = named_expression(P);
        if (d == NULL || tok(P)->kind != T_NEWLINE) {
            free(decos.items);
            if (d)
                invalid(P);
            return -1;
        }
        P->i++;
        NodeList_Append(&decos, d);
    }
    Token *t = tok(P);
    Node *s = at_kw(P, "def") ? funcdef(P, t) : at_kw(P, "class") ? classdef(P, t) : invalid(P);
    if (s == NULL) {
        free(decos.items);
        return -1;
    }
    free(s->l2.items);
    s->l2 = decos;
    NodeList_Append(body, s);
    return 0;
}

/* one statement (compound, or a line of simple ones) appended to body */
static int statements(Parser *P, NodeList *body)
{
    Token *t = tok(P);
    if (t->kind == T_INDENT) {
        invalid(P);
        return -1;
    }
    if (at_op(P, "@"))
        return decorated(P, body);
    if (at_kw(P, "def") || at_kw(P, "class") || at_kw(P, "if") || at_kw(P, "while") || at_kw(P, "for") ||
        at_kw(P, "try") || at_kw(P, "with")) {
        Node *s = compound(P);
        if (s == NULL)
            return -1;
        finish(P, s);
        NodeList_Append(body, s);
        return 0;
    }
    if (at_kw(P, "else") || at_kw(P, "elif") || at_kw(P, "except") || at_kw(P, "finally")) {
        invalid(P);
        return -1;
    }
    return simple_stmts(P, body);
}

Node *Parse(const char *src, const char *filename, int mode, Arena *ar)
{
    Parser P = {.ar = ar, .src = src, .filename = filename};
    if (Tok_Tokenize(src, filename, &P.tl) < 0) {
        Tok_Free(&P.tl);
        return NULL;
    }
    (void)simple_stmt;
    (void)block;
    Node *m = Node_New(ar, N_Module, 1, 0);
    if (m == NULL)
        goto fail;
    if (mode == MODE_EVAL) {
        while (tok(&P)->kind == T_NEWLINE)
            P.i++;
        Node *e = star_expressions(&P);
        if (e == NULL)
            goto fail;
        while (tok(&P)->kind == T_NEWLINE)
            P.i++;
        if (tok(&P)->kind != T_ENDMARKER) {
            invalid(&P);
            goto fail;
        }
        m->a = e;
    } else {
        while (tok(&P)->kind != T_ENDMARKER) {
            if (tok(&P)->kind == T_NEWLINE) {
                P.i++;
                continue;
            }
            if (statements(&P, &m->l1) < 0)
                goto fail;
        }
    }
    Tok_Free(&P.tl);
    return m;
fail:
    Tok_Free(&P.tl);
    return NULL;
}

Node *Parse_FStringExpr(const char *text, int len, const char *filename, const char *src, int lineno,
                        int col, Arena *ar)
{
    char *buf = malloc((size_t)len + 3);
    if (buf == NULL)
        return (void *)MoErr_NoMemory();
    buf[0] = '(';
    memcpy(buf + 1, text, (size_t)len);
    buf[len + 1] = ')';
    buf[len + 2] = '\0';
    Parser P = {.ar = ar, .src = src, .filename = filename, .line_offset = lineno - 1, .col_offset = col - 1,
                .func_depth = 1};
    Node *e = NULL;
    if (Tok_Tokenize(buf, filename, &P.tl) == 0) {
        e = star_expressions(&P);
        if (e && tok(&P)->kind != T_NEWLINE && tok(&P)->kind != T_ENDMARKER) {
            invalid(&P);
            e = NULL;
        }
    }
    Tok_Free(&P.tl);
    free(buf);
    return e;
}
