/* MoObject_DebugMallocStats: the shape of its report, which must be that of
 * sys._debugmallocstats()'s pymalloc part line for line (mallocstats.py reads
 * CPython's). The numbers depend on each heap, so each line is printed with its
 * numbers checked and replaced by <n>: the class rows against CPython's
 * "%5u %6u %11zu %15zu %13zu" and the pool arithmetic, the "label = value"
 * lines against printone's layout (label in 35 columns, '=', the value with
 * commas right-aligned in 21), and the totals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mo.h"

#define MAX_LABELS 32

static struct {
    char label[64];
    size_t value;
} values[MAX_LABELS];
static int nvalues;

static size_t value_of(const char *label)
{
    for (int i = 0; i < nvalues; i++)
        if (strcmp(values[i].label, label) == 0)
            return values[i].value;
    fprintf(stderr, "no line \"%s\"\n", label);
    exit(1);
}

static const char *py_bool(int b)
{
    return b ? "True" : "False";
}

/* The value of "label = 1,234" with thousands commas, right-aligned. */
static int laid_out_as_printone(const char *line, size_t *value)
{
    size_t v = 0;
    for (const char *c = line + 36; *c; c++)
        if (*c >= '0' && *c <= '9')
            v = v * 10 + (size_t)(*c - '0');
    char digits[32], grouped[48];
    int n = snprintf(digits, sizeof digits, "%zu", v), g = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            grouped[g++] = ',';
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    char want[64];
    snprintf(want, sizeof want, "%21s", grouped);
    *value = v;
    return strlen(line) == 57 && strcmp(line + 36, want) == 0;
}

static void shape(char *text)
{
    int rows_ok = 1, rows_seen = 0;
    size_t allocated = 0, available = 0, pools_total = 0;
    for (char *line = text, *next; *line != '\0'; line = next) {
        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        else
            next = line + strlen(line);
        unsigned c, size;
        size_t pools, used, avail;
        int end;
        if (sscanf(line, "%u %u %zu %zu %zu%n", &c, &size, &pools, &used, &avail, &end) == 5
            && line[end] == '\0') {
            char want[80];
            snprintf(want, sizeof want, "%5u %6u %11zu %15zu %13zu", c, size, pools, used, avail);
            rows_ok &= strcmp(want, line) == 0;
            rows_ok &= size == 16 * (c + 1) && used + avail == pools * ((16384 - 48) / size);
            allocated += used * size;
            available += avail * size;
            pools_total += pools;
            if (!rows_seen)
                printf("<class rows>\n");
            rows_seen = 1;
            continue;
        }
        if (strlen(line) > 35 && line[35] == '=') {
            char label[64];
            size_t value;
            int ok = laid_out_as_printone(line, &value);
            int len = 35;
            while (len > 0 && line[len - 1] == ' ')
                len--;
            int skip = 0;
            while (line[skip] >= '0' && line[skip] <= '9')
                skip++;
            if (skip > 0 && line[skip] == ' ')
                snprintf(label, sizeof label, "N%.*s", len - skip, line + skip);
            else
                snprintf(label, sizeof label, "%.*s", len, line);
            if (strcmp(label, "Total") == 0 && nvalues > 0
                && strcmp(values[nvalues - 1].label, "# bytes lost to arena map bot") == 0)
                strcpy(label, "map Total");
            if (nvalues < MAX_LABELS) {
                strcpy(values[nvalues].label, label);
                values[nvalues++].value = value;
            }
            if (strcmp(label, "# bytes lost to arena map root") == 0)
                printf("%s = %s (laid out as printone: %s)\n", label, line + 36 + strspn(line + 36, " "),
                       py_bool(ok));
            else
                printf("%s = <n> (laid out as printone: %s)\n", label, py_bool(ok));
            continue;
        }
        printf("%s\n", line);
    }
    printf("class rows well formed: %s\n", py_bool(rows_ok));
    printf("allocated = in use * size: %s\n", py_bool(value_of("# bytes in allocated blocks") == allocated));
    printf("available = avail * size: %s\n", py_bool(value_of("# bytes in available blocks") == available));
    printf("pool headers = 48 * pools: %s\n", py_bool(value_of("# bytes lost to pool headers") == 48 * pools_total));
    size_t arena_bytes = value_of("N arenas * 1048576 bytes/arena");
    printf("bytes/arena line = arenas * 1048576: %s\n",
           py_bool(arena_bytes == value_of("# arenas allocated current") * 1048576));
    printf("Total = arenas * 1048576: %s\n", py_bool(value_of("Total") == arena_bytes));
    printf("reclaimed = total - current: %s\n",
           py_bool(value_of("# arenas reclaimed")
                   == value_of("# arenas allocated total") - value_of("# arenas allocated current")));
    printf("map Total = root + mid + bot: %s\n",
           py_bool(value_of("map Total") == value_of("# bytes lost to arena map root")
                                                + value_of("# bytes lost to arena map mid")
                                                + value_of("# bytes lost to arena map bot")));
    printf("mid bytes = 262144 * mid nodes: %s\n",
           py_bool(value_of("# bytes lost to arena map mid") == 262144 * value_of("# arena map mid nodes")));
    printf("bot bytes = 131072 * bot nodes: %s\n",
           py_bool(value_of("# bytes lost to arena map bot") == 131072 * value_of("# arena map bot nodes")));
}

int main(void)
{
    Mo_Initialize();
    MoObject *keep = MoList_New(0);
    for (int i = 0; i < 1000; i++) {
        MoObject *f = MoFloat_FromDouble(i);
        MoList_Append(keep, f);
        Mo_DECREF(f);
    }
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    MoObject_DebugMallocStats(f);
    fclose(f);
    shape(text);
    free(text);
    Mo_DECREF(keep);
    return Mo_Finalize() != 0;
}
