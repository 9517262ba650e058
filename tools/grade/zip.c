/* mg-zip: write, list and unpack the zip files Gradescope takes, without zip(1).
 *
 *   mg-zip create ZIP DIR     every regular file under DIR, by its path relative to DIR
 *   mg-zip list ZIP           one line per entry: mode, size, name
 *   mg-zip extract ZIP DIR    unpack into DIR (created), checking every CRC
 *
 * Only what an autograder bundle needs: entries are stored (method 0, no compression),
 * at most 65535 of them and 4 GiB in all (no zip64). Each entry keeps its Unix mode
 * (the "made by Unix" external attributes), so run_autograder stays executable, and
 * its modification time. The layout, per APPNOTE.TXT: for each file a local header and
 * the bytes; then the central directory, one header per file; then the end record.
 *
 * Start reading at main().
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define SIG_LOCAL 0x04034b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_END 0x06054b50u
#define FLAG_UTF8 0x0800u

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "mg-zip: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

/* ----------------------------------------------------------------- CRC-32 */

static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

/* ---------------------------------------------------------- little endian */

static void put16(FILE *f, unsigned v)
{
    fputc((int)(v & 0xFF), f);
    fputc((int)((v >> 8) & 0xFF), f);
}

static void put32(FILE *f, uint32_t v)
{
    put16(f, v & 0xFFFF);
    put16(f, v >> 16);
}

static unsigned get16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t get32(const unsigned char *p)
{
    return get16(p) | (uint32_t)get16(p + 2) << 16;
}

static unsigned char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        die(path, strerror(errno));
    size_t cap = 1 << 16, n = 0, got;
    unsigned char *buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    if (buf == NULL)
        die("out of memory", NULL);
    fclose(f);
    *size = n;
    return buf;
}

/* ------------------------------------------------------------------ create */

typedef struct {
    char *name;           /* relative to the directory */
    char *path;
    mode_t mode;
    time_t mtime;
    uint32_t crc, size, offset;
} entry;

static entry *entries;
static size_t nentries, cap_entries;
static size_t root_len;

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)ftw;
    if (type != FTW_F || !S_ISREG(st->st_mode))
        return 0;
    if (nentries == cap_entries) {
        cap_entries = cap_entries ? cap_entries * 2 : 256;
        entries = realloc(entries, cap_entries * sizeof *entries);
        if (entries == NULL)
            die("out of memory", NULL);
    }
    entries[nentries++] = (entry){ .name = strdup(path + root_len), .path = strdup(path),
                                   .mode = st->st_mode, .mtime = st->st_mtime };
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

/* MS-DOS time and date of t (local time; 1980 at the earliest). */
static void dos_time(time_t t, unsigned *time_out, unsigned *date_out)
{
    struct tm tm;
    localtime_r(&t, &tm);
    if (tm.tm_year < 80)
        tm = (struct tm){ .tm_year = 80, .tm_mday = 1 };
    *time_out = (unsigned)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
    *date_out = (unsigned)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday);
}

static void write_header(FILE *f, const entry *e, int central)
{
    unsigned t, d;
    dos_time(e->mtime, &t, &d);
    put32(f, central ? SIG_CENTRAL : SIG_LOCAL);
    if (central)
        put16(f, 3u << 8 | 20);   /* made by Unix, spec 2.0 */
    put16(f, 20);                 /* needed to extract: 2.0 */
    put16(f, FLAG_UTF8);
    put16(f, 0);                  /* stored */
    put16(f, t);
    put16(f, d);
    put32(f, e->crc);
    put32(f, e->size);
    put32(f, e->size);
    put16(f, (unsigned)strlen(e->name));
    put16(f, 0);                  /* extra field */
    if (central) {
        put16(f, 0);              /* comment */
        put16(f, 0);              /* disk */
        put16(f, 0);              /* internal attributes */
        put32(f, (uint32_t)(e->mode & 0xFFFF) << 16);
        put32(f, e->offset);
    }
    fputs(e->name, f);
}

static void create(const char *zip, const char *dir)
{
    root_len = strlen(dir) + 1;
    if (nftw(dir, collect, 32, FTW_PHYS) != 0)
        die(dir, strerror(errno));
    if (nentries > 65535)
        die("too many files for a zip without zip64", NULL);
    qsort(entries, nentries, sizeof *entries, by_name);
    FILE *f = fopen(zip, "wb");
    if (f == NULL)
        die(zip, strerror(errno));
    for (size_t i = 0; i < nentries; i++) {
        entry *e = &entries[i];
        size_t n;
        unsigned char *data = read_all(e->path, &n);
        long offset = ftell(f);
        if (n > 0xFFFFFFFEu || offset < 0 || (unsigned long)offset > 0xFFFFFFFEu - n)
            die("too big for a zip without zip64", e->name);
        e->size = (uint32_t)n;
        e->crc = crc32_of(data, n);
        e->offset = (uint32_t)offset;
        write_header(f, e, 0);
        if (fwrite(data, 1, n, f) != n)
            die(zip, strerror(errno));
        free(data);
    }
    long cd_start = ftell(f);
    for (size_t i = 0; i < nentries; i++)
        write_header(f, &entries[i], 1);
    long cd_end = ftell(f);
    put32(f, SIG_END);
    put16(f, 0);
    put16(f, 0);
    put16(f, (unsigned)nentries);
    put16(f, (unsigned)nentries);
    put32(f, (uint32_t)(cd_end - cd_start));
    put32(f, (uint32_t)cd_start);
    put16(f, 0);
    if (fclose(f) != 0)
        die(zip, strerror(errno));
}

/* ------------------------------------------------------ list and extract */

static void make_parents(char *path)
{
    for (char *p = path + 1; *p != '\0'; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0755) < 0 && errno != EEXIST)
            die(path, strerror(errno));
        *p = '/';
    }
}

static int safe_name(const char *name)
{
    return name[0] != '\0' && name[0] != '/' && strstr(name, "..") == NULL;
}

/* Walk the central directory; extract into dir, or list when dir is NULL. */
static void read_zip(const char *zip, const char *dir)
{
    size_t n;
    unsigned char *z = read_all(zip, &n);
    size_t end = n >= 22 ? n - 22 : 0;
    while (end > 0 && get32(z + end) != SIG_END)
        end--;
    if (n < 22 || get32(z + end) != SIG_END)
        die(zip, "no end of central directory record");
    unsigned count = get16(z + end + 10);
    size_t p = get32(z + end + 16);
    for (unsigned i = 0; i < count; i++) {
        if (p + 46 > n || get32(z + p) != SIG_CENTRAL)
            die(zip, "bad central directory header");
        unsigned method = get16(z + p + 10), name_len = get16(z + p + 28);
        unsigned extra_len = get16(z + p + 30), comment_len = get16(z + p + 32);
        uint32_t crc = get32(z + p + 16), size = get32(z + p + 24), local = get32(z + p + 42);
        mode_t mode = (get16(z + p + 4) >> 8) == 3 ? (mode_t)(get32(z + p + 38) >> 16) : 0644;
        char *name = strndup((const char *)z + p + 46, name_len);
        p += 46 + name_len + extra_len + comment_len;
        if (name == NULL || !safe_name(name))
            die("refusing an entry name", name);
        if (dir == NULL) {
            printf("%06o %10u %s\n", (unsigned)mode, size, name);
            free(name);
            continue;
        }
        if (method != 0)
            die("compressed entries are not supported", name);
        if ((size_t)local + 30 > n || get32(z + local) != SIG_LOCAL)
            die(zip, "bad local header");
        size_t data = local + 30 + get16(z + local + 26) + get16(z + local + 28);
        if (data + size > n)
            die(zip, "entry past the end of the file");
        if (crc32_of(z + data, size) != crc)
            die("CRC mismatch", name);
        size_t len = strlen(dir) + 1 + strlen(name) + 1;
        char *out = malloc(len);
        snprintf(out, len, "%s/%s", dir, name);
        make_parents(out);
        FILE *f = fopen(out, "wb");
        if (f == NULL || fwrite(z + data, 1, size, f) != size || fclose(f) != 0)
            die(out, strerror(errno));
        chmod(out, mode & 07777 ? mode & 07777 : 0644);
        free(out);
        free(name);
    }
    free(z);
}

int main(int argc, char **argv)
{
    crc_init();
    if (argc == 4 && strcmp(argv[1], "create") == 0)
        create(argv[2], argv[3]);
    else if (argc == 3 && strcmp(argv[1], "list") == 0)
        read_zip(argv[2], NULL);
    else if (argc == 4 && strcmp(argv[1], "extract") == 0) {
        size_t len = strlen(argv[3]) + 2;
        char *dir = malloc(len);
        if (dir == NULL)
            die("out of memory", NULL);
        snprintf(dir, len, "%s/", argv[3]);
        make_parents(dir);
        free(dir);
        read_zip(argv[2], argv[3]);
    } else {
        fprintf(stderr, "usage: mg-zip create ZIP DIR | list ZIP | extract ZIP DIR\n");
        return 2;
    }
    return 0;
}
