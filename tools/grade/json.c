/* mg-json: check that a file is a valid Gradescope results.json, and print it as lines.
 *
 *   mg-json FILE
 *
 * FILE must be JSON (RFC 8259: one value, UTF-8 text, no trailing garbage) whose value is
 * an object with a number "score" and an array "tests" of objects, each with a string
 * "name", numbers "score" and "max_score", and "status" "passed" or "failed". On success
 * it prints "score SCORE MAX" (MAX: the sum of the tests' max_score), then one line per
 * test, "STATUS NAME SCORE MAX", and exits 0; otherwise it names the first problem (with
 * its byte offset for a syntax error) and exits 1.
 *
 * The parser builds a small tree (parse_value and its helpers, one per kind of value);
 * check_results walks it. Start reading at main().
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } jkind;

typedef struct jvalue {
    jkind kind;
    double number;
    char *string;              /* J_STRING: decoded text (escapes resolved to UTF-8) */
    struct jvalue **items;     /* J_ARRAY: items; J_OBJECT: values */
    char **keys;               /* J_OBJECT */
    size_t n;
} jvalue;

static const char *text, *pos;

static void fail_at(const char *what)
{
    fprintf(stderr, "mg-json: invalid JSON at byte %ld: %s\n", (long)(pos - text), what);
    exit(1);
}

static void *xalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (p == NULL) {
        fprintf(stderr, "mg-json: out of memory\n");
        exit(2);
    }
    return p;
}

static void skip_space(void)
{
    while (*pos == ' ' || *pos == '\t' || *pos == '\n' || *pos == '\r')
        pos++;
}

/* -------------------------------------------------------------- parsing */

static jvalue *parse_value(int depth);

static void put_utf8(char **out, unsigned long c)
{
    char *o = *out;
    if (c < 0x80) {
        *o++ = (char)c;
    } else if (c < 0x800) {
        *o++ = (char)(0xC0 | (c >> 6));
        *o++ = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        *o++ = (char)(0xE0 | (c >> 12));
        *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (char)(0x80 | (c & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (c >> 18));
        *o++ = (char)(0x80 | ((c >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (char)(0x80 | (c & 0x3F));
    }
    *out = o;
}

static unsigned long parse_hex4(void)
{
    unsigned long c = 0;
    for (int i = 0; i < 4; i++, pos++) {
        if (!isxdigit((unsigned char)*pos))
            fail_at("bad \\u escape");
        c = c * 16 + (unsigned long)(isdigit((unsigned char)*pos) ? *pos - '0' : (tolower((unsigned char)*pos) - 'a' + 10));
    }
    return c;
}

/* A multi-byte UTF-8 sequence starting at pos: its length, or 0 if it is malformed. */
static int utf8_length(const unsigned char *s)
{
    int n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
    for (int i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

static char *parse_string(void)
{
    pos++;   /* the opening quote */
    char *out = xalloc(strlen(pos) + 1), *o = out;
    for (;;) {
        unsigned char c = (unsigned char)*pos;
        if (c == '"') {
            pos++;
            *o = '\0';
            return out;
        }
        if (c < 0x20)
            fail_at(c == 0 ? "unterminated string" : "control character in a string");
        if (c >= 0x80) {
            int n = utf8_length((const unsigned char *)pos);
            if (n == 0)
                fail_at("invalid UTF-8");
            memcpy(o, pos, (size_t)n);
            o += n;
            pos += n;
            continue;
        }
        pos++;
        if (c != '\\') {
            *o++ = (char)c;
            continue;
        }
        char e = *pos++;
        const char *plain = strchr("\"\\/bfnrt", e);
        if (e != '\0' && plain != NULL) {
            *o++ = "\"\\/\b\f\n\r\t"[plain - "\"\\/bfnrt"];
        } else if (e == 'u') {
            unsigned long cp = parse_hex4();
            if (cp >= 0xD800 && cp < 0xDC00 && pos[0] == '\\' && pos[1] == 'u') {
                pos += 2;
                unsigned long low = parse_hex4();
                if (low < 0xDC00 || low > 0xDFFF)
                    fail_at("bad surrogate pair");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            put_utf8(&o, cp);
        } else {
            fail_at("bad escape in a string");
        }
    }
}

static double parse_number(void)
{
    const char *start = pos;
    if (*pos == '-')
        pos++;
    if (*pos == '0')
        pos++;
    else if (isdigit((unsigned char)*pos))
        while (isdigit((unsigned char)*pos))
            pos++;
    else
        fail_at("bad number");
    if (*pos == '.') {
        pos++;
        if (!isdigit((unsigned char)*pos))
            fail_at("bad fraction");
        while (isdigit((unsigned char)*pos))
            pos++;
    }
    if (*pos == 'e' || *pos == 'E') {
        pos++;
        if (*pos == '+' || *pos == '-')
            pos++;
        if (!isdigit((unsigned char)*pos))
            fail_at("bad exponent");
        while (isdigit((unsigned char)*pos))
            pos++;
    }
    return strtod(start, NULL);
}

/* Items of an array or members of an object, up to the closing bracket. */
static void parse_members(jvalue *v, char close, int depth)
{
    size_t cap = 0;
    pos++;
    skip_space();
    if (*pos == close) {
        pos++;
        return;
    }
    for (;;) {
        if (v->n == cap) {
            cap = cap ? cap * 2 : 8;
            v->items = realloc(v->items, cap * sizeof *v->items);
            v->keys = realloc(v->keys, cap * sizeof *v->keys);
            if (v->items == NULL || v->keys == NULL)
                fail_at("out of memory");
        }
        skip_space();
        v->keys[v->n] = NULL;
        if (close == '}') {
            if (*pos != '"')
                fail_at("expected a string key");
            v->keys[v->n] = parse_string();
            skip_space();
            if (*pos++ != ':')
                fail_at("expected ':'");
        }
        v->items[v->n++] = parse_value(depth + 1);
        skip_space();
        if (*pos == ',') {
            pos++;
            continue;
        }
        if (*pos++ != close)
            fail_at(close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
        return;
    }
}

static jvalue *parse_value(int depth)
{
    if (depth > 200)
        fail_at("nested too deep");
    skip_space();
    jvalue *v = xalloc(sizeof *v);
    if (*pos == '{') {
        v->kind = J_OBJECT;
        parse_members(v, '}', depth);
    } else if (*pos == '[') {
        v->kind = J_ARRAY;
        parse_members(v, ']', depth);
    } else if (*pos == '"') {
        v->kind = J_STRING;
        v->string = parse_string();
    } else if (*pos == '-' || isdigit((unsigned char)*pos)) {
        v->kind = J_NUMBER;
        v->number = parse_number();
    } else if (strncmp(pos, "true", 4) == 0 || strncmp(pos, "false", 5) == 0) {
        v->kind = J_BOOL;
        pos += *pos == 't' ? 4 : 5;
    } else if (strncmp(pos, "null", 4) == 0) {
        v->kind = J_NULL;
        pos += 4;
    } else {
        fail_at("expected a value");
    }
    return v;
}

/* ------------------------------------------------------------- checking */

static void complain(const char *what)
{
    fprintf(stderr, "mg-json: not a Gradescope results file: %s\n", what);
    exit(1);
}

static jvalue *member(const jvalue *o, const char *key, jkind kind, const char *what)
{
    for (size_t i = 0; i < o->n; i++)
        if (strcmp(o->keys[i], key) == 0) {
            if (o->items[i]->kind != kind)
                complain(what);
            return o->items[i];
        }
    complain(what);
    return NULL;
}

static void check_results(const jvalue *root)
{
    if (root->kind != J_OBJECT)
        complain("the value is not an object");
    double score = member(root, "score", J_NUMBER, "no number \"score\"")->number;
    const jvalue *tests = member(root, "tests", J_ARRAY, "no array \"tests\"");
    double max = 0;
    for (size_t i = 0; i < tests->n; i++) {
        const jvalue *t = tests->items[i];
        if (t->kind != J_OBJECT)
            complain("a test is not an object");
        member(t, "name", J_STRING, "a test without a string \"name\"");
        member(t, "score", J_NUMBER, "a test without a number \"score\"");
        max += member(t, "max_score", J_NUMBER, "a test without a number \"max_score\"")->number;
        const char *status = member(t, "status", J_STRING, "a test without a string \"status\"")->string;
        if (strcmp(status, "passed") != 0 && strcmp(status, "failed") != 0)
            complain("a test's \"status\" is neither \"passed\" nor \"failed\"");
    }
    printf("score %g %g\n", score, max);
    for (size_t i = 0; i < tests->n; i++) {
        const jvalue *t = tests->items[i];
        printf("%s %s %g %g\n", member(t, "status", J_STRING, "")->string, member(t, "name", J_STRING, "")->string,
               member(t, "score", J_NUMBER, "")->number, member(t, "max_score", J_NUMBER, "")->number);
    }
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        exit(1);
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = xalloc(cap + 1);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
            if (buf == NULL)
                complain("out of memory");
        }
    }
    fclose(f);
    if (memchr(buf, '\0', n) != NULL) {
        fprintf(stderr, "mg-json: %s holds a NUL byte\n", path);
        exit(1);
    }
    buf[n] = '\0';
    return buf;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: mg-json FILE\n");
        return 2;
    }
    text = pos = read_file(argv[1]);
    jvalue *root = parse_value(0);
    skip_space();
    if (*pos != '\0')
        fail_at("text after the value");
    check_results(root);
    return 0;
}
