/* mg-sandbox: run one command so that nothing it does can hurt the grader.
 *
 *   mg-sandbox [options] -- COMMAND [ARG...]
 *     --dir DIR      run in DIR (given to --uid's user when there is one)
 *     --out FILE     standard output (standard input is /dev/null)
 *     --err FILE     standard error
 *     --status FILE  where the outcome goes, one line (default: standard output)
 *     --wall S       wall-clock limit for the whole command, in seconds (default 10)
 *     --cpu S        CPU seconds per process: SIGXCPU past it (default 5)
 *     --fsize B      bytes per file written, output included: SIGXFSZ past it (default 1 MiB)
 *     --as B         address space per process, 0 for none (default 0)
 *     --nproc N      processes the command may add to those its user already runs (default 32)
 *     --uid U        when run as root: run as user and group U, with no other groups
 *     --memory B     memory of the command as a whole, every process and every file it
 *                    keeps in a tmpfs included (a memory cgroup of its own, when root and
 *                    the machine has one; the outcome is then "memory" when the kernel
 *                    killed a process for it)
 *     --keep-fds N   descriptors 3 to 2+N stay open for the command (the grader's files it
 *                    writes through, never by name: the runner's verdict, valgrind's log)
 *
 * The invariant: when mg-sandbox returns, the command and every process it started are
 * gone. The command runs in a process group of its own under the limits above. The
 * sandbox is a child subreaper (PR_SET_CHILD_SUBREAPER), so every descendant orphaned on
 * the way is re-parented to it rather than to init; after the command ends or its time is
 * up, the sandbox kills the group, every process of --uid's user (a user reserved for the
 * grader, so that RLIMIT_NPROC binds, which it does not for root) and its own children,
 * and reaps them, until it has no child left.
 *
 * While it waits, the sandbox counts the command's processes (every 50 ms in the first
 * second, every 250 ms after it: its user's,
 * or the sandbox's descendants without --uid); once they reach the --nproc allowance the
 * command is taken for a fork bomb and stopped at once.
 *
 * The outcome line is "exit N", "signal N", "timeout", "nproc" (too many processes) or
 * "memory" (the --memory limit was reached),
 * then " procs=N": how many processes besides the command were reaped. Exit status: 0
 * when the outcome was written, 2 when the sandbox itself could not run.
 *
 * Start reading at main().
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    const char *dir, *out, *err, *status;
    double wall;
    long cpu, nproc, uid, keep_fds;
    long long fsize, as, memory;
    char **argv;
} options;

static void die(const char *what)
{
    fprintf(stderr, "mg-sandbox: %s: %s\n", what, strerror(errno));
    exit(2);
}

static void usage(void)
{
    fprintf(stderr, "usage: mg-sandbox [--dir D] [--out F] [--err F] [--status F] [--wall S] [--cpu S]\n"
                    "                  [--fsize B] [--as B] [--nproc N] [--uid U] [--keep-fds N] -- COMMAND [ARG...]\n");
    exit(2);
}

/* ---------------------------------------------------------------- options */

static options parse_options(int argc, char **argv)
{
    options o = { .wall = 10, .cpu = 5, .nproc = 32, .uid = -1, .fsize = 1 << 20 };
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i += 2) {
        if (i + 1 >= argc)
            usage();
        const char *k = argv[i], *v = argv[i + 1];
        if (strcmp(k, "--dir") == 0) o.dir = v;
        else if (strcmp(k, "--out") == 0) o.out = v;
        else if (strcmp(k, "--err") == 0) o.err = v;
        else if (strcmp(k, "--status") == 0) o.status = v;
        else if (strcmp(k, "--wall") == 0) o.wall = atof(v);
        else if (strcmp(k, "--cpu") == 0) o.cpu = atol(v);
        else if (strcmp(k, "--fsize") == 0) o.fsize = atoll(v);
        else if (strcmp(k, "--as") == 0) o.as = atoll(v);
        else if (strcmp(k, "--nproc") == 0) o.nproc = atol(v);
        else if (strcmp(k, "--uid") == 0) o.uid = atol(v);
        else if (strcmp(k, "--keep-fds") == 0) o.keep_fds = atol(v);
        else if (strcmp(k, "--memory") == 0) o.memory = atoll(v);
        else usage();
    }
    if (i + 1 >= argc)
        usage();
    o.argv = argv + i + 1;
    if (o.nproc < 2)
        o.nproc = 2;
    if (o.uid >= 0 && geteuid() != 0)
        o.uid = -1;   /* only root can change user; the limits still hold */
    return o;
}

/* ------------------------------------------------------------ /proc helpers */

/* The value of field `key` ("Uid:", "PPid:", "Threads:") in /proc/PID/status: its
   first number, or -1. */
static long proc_field(const char *pid, const char *key)
{
    char path[300], line[256];
    snprintf(path, sizeof path, "/proc/%s/status", pid);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    long value = -1;
    size_t n = strlen(key);
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, key, n) == 0) {
            value = strtol(line + n, NULL, 10);
            break;
        }
    }
    fclose(f);
    return value;
}

/* How many processes descend from this one (children, and theirs...: a test started
   by Check runs in a process group of its own, so the command's group alone would miss
   it). Reads every /proc/PID/stat once: the parent is field 4, after the command name
   in parentheses, which may itself hold spaces and parentheses. */
static int count_descendants(void)
{
    enum { MAX_PROCS = 32768 };
    static long pids[MAX_PROCS], parents[MAX_PROCS];
    static char mine[MAX_PROCS];
    DIR *d = opendir("/proc");
    if (d == NULL)
        return 0;
    int n = 0;
    struct dirent *e;
    char path[300], buf[512];
    while ((e = readdir(d)) != NULL && n < MAX_PROCS) {
        if (!isdigit((unsigned char)e->d_name[0]))
            continue;
        snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
        FILE *f = fopen(path, "r");
        if (f == NULL)
            continue;
        size_t len = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[len] = '\0';
        const char *close = strrchr(buf, ')');
        char state;
        if (close == NULL || sscanf(close + 1, " %c %ld", &state, &parents[n]) != 2)
            continue;
        pids[n] = atol(e->d_name);
        mine[n] = 0;
        n++;
    }
    closedir(d);
    /* Mark children of marked processes until nothing changes (trees are shallow). */
    int count = 0, changed = 1;
    long self = (long)getpid();
    while (changed) {
        changed = 0;
        for (int i = 0; i < n; i++) {
            if (mine[i])
                continue;
            int parent_mine = parents[i] == self;
            for (int j = 0; j < n && !parent_mine; j++)
                parent_mine = mine[j] && pids[j] == parents[i];
            if (parent_mine) {
                mine[i] = 1;
                count++;
                changed = 1;
            }
        }
    }
    return count;
}

/* Call fn(pid) for every process whose status field key equals value. */
static int proc_each(const char *key, long value, void (*fn)(pid_t))
{
    DIR *d = opendir("/proc");
    if (d == NULL)
        return 0;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!isdigit((unsigned char)e->d_name[0]) || proc_field(e->d_name, key) != value)
            continue;
        count += fn != NULL ? (fn((pid_t)atol(e->d_name)), 1) : (int)proc_field(e->d_name, "Threads:");
    }
    closedir(d);
    return count;
}

static void kill_pid(pid_t pid)
{
    kill(pid, SIGKILL);
}

/* ---------------------------------------------------------- memory cgroup */

/* The command's memory cgroup: a folder made for it under cgroup v2's root (when the
   memory controller is there) or v1's memory hierarchy; "" when there is none. */
static char cgroup[256];

static int write_file(const char *dir, const char *name, const char *value)
{
    char path[400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, value, strlen(value));
    close(fd);
    return n == (ssize_t)strlen(value) ? 0 : -1;
}

/* The number after `key` in DIR/NAME ("oom_kill 1"), or 0. */
static long long file_field(const char *dir, const char *name, const char *key)
{
    char path[400], line[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    long long value = 0;
    size_t n = strlen(key);
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, key, n) == 0 && line[n] == ' ')
            value = atoll(line + n + 1);
    if (f != NULL)
        fclose(f);
    return value;
}

/* Does the one-line file PATH hold WORD among its words? */
static int file_has_word(const char *path, const char *word)
{
    char line[512];
    FILE *f = fopen(path, "r");
    int found = 0;
    if (f != NULL && fgets(line, sizeof line, f) != NULL)
        for (char *w = strtok(line, " \n"); w != NULL && !found; w = strtok(NULL, " \n"))
            found = strcmp(w, word) == 0;
    if (f != NULL)
        fclose(f);
    return found;
}

/* Make the cgroup with its limit (v2: memory.max and no swap; v1: limit_in_bytes). */
static void cgroup_make(long long bytes)
{
    char v2[] = "/sys/fs/cgroup", value[32];
    snprintf(value, sizeof value, "%lld", bytes);
    if (bytes <= 0 || geteuid() != 0)
        return;
    if (file_has_word("/sys/fs/cgroup/cgroup.subtree_control", "memory")) {
        snprintf(cgroup, sizeof cgroup, "%s/mg-sandbox-%ld", v2, (long)getpid());
        if (mkdir(cgroup, 0755) == 0 && write_file(cgroup, "memory.max", value) == 0) {
            write_file(cgroup, "memory.swap.max", "0");
            return;
        }
        rmdir(cgroup);
    }
    snprintf(cgroup, sizeof cgroup, "/sys/fs/cgroup/memory/mg-sandbox-%ld", (long)getpid());
    if (mkdir(cgroup, 0755) == 0 && write_file(cgroup, "memory.limit_in_bytes", value) == 0)
        return;
    rmdir(cgroup);
    cgroup[0] = '\0';
}

/* In the child: join the cgroup (before it changes user). */
static void cgroup_join(void)
{
    char pid[32];
    snprintf(pid, sizeof pid, "%ld", (long)getpid());
    if (cgroup[0] != '\0' && write_file(cgroup, "cgroup.procs", pid) < 0)
        die("joining the memory cgroup");
}

/* Did the kernel kill a process of the cgroup for want of memory? */
static int cgroup_oom(void)
{
    if (cgroup[0] == '\0')
        return 0;
    return file_field(cgroup, "memory.events", "oom_kill") > 0 ||
           file_field(cgroup, "memory.oom_control", "oom_kill") > 0;
}

/* ------------------------------------------------------------- the command */

static void set_limit(int resource, rlim_t soft, rlim_t hard)
{
    struct rlimit r = { soft, hard };
    if (setrlimit(resource, &r) < 0)
        die("setrlimit");
}

static int open_output(const char *path)
{
    int fd = open(path != NULL ? path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        die(path != NULL ? path : "/dev/null");
    return fd;
}

/* In the child: confine, then become the command. Never returns. */
static void run_command(const options *o, int out, int err, long nproc_limit)
{
    setpgid(0, 0);
    int in = open("/dev/null", O_RDONLY);
    if (in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
        die("redirecting");
    for (int fd = 3 + (int)o->keep_fds; fd < 1024; fd++)
        close(fd);
    set_limit(RLIMIT_CORE, 0, 0);
    set_limit(RLIMIT_CPU, (rlim_t)o->cpu, (rlim_t)o->cpu + 1);
    set_limit(RLIMIT_FSIZE, (rlim_t)o->fsize, (rlim_t)o->fsize);
    if (o->as > 0)
        set_limit(RLIMIT_AS, (rlim_t)o->as, (rlim_t)o->as);
    set_limit(RLIMIT_NPROC, (rlim_t)nproc_limit, (rlim_t)nproc_limit);
    cgroup_join();
    if (o->uid >= 0) {
        if (setgroups(0, NULL) < 0 || setgid((gid_t)o->uid) < 0 || setuid((uid_t)o->uid) < 0)
            die("changing user");
    }
    if (o->dir != NULL && chdir(o->dir) < 0)
        die(o->dir);
    int sigs[] = { SIGPIPE, SIGXFSZ, SIGXCPU, SIGCHLD, SIGINT, SIGTERM };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execvp(o->argv[0], o->argv);
    fprintf(stderr, "mg-sandbox: cannot run %s: %s\n", o->argv[0], strerror(errno));
    _exit(127);
}

/* ----------------------------------------------------------------- waiting */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int reaped;   /* processes reaped besides the command */

/* Reap whatever has ended; 1 and *status set once `command` is among them. */
static int reap(pid_t command, int *status)
{
    int found = 0, st;
    pid_t r;
    while ((r = waitpid(-1, &st, WNOHANG)) > 0) {
        if (r == command) {
            *status = st;
            found = 1;
        } else {
            reaped++;
        }
    }
    return found;
}

enum { ENDED, TIMED_OUT, TOO_MANY };

/* Processes the command has now: those of its user when it has one of its own (which
   counts even those that escaped the tree), else the sandbox's descendants. */
static int count_processes(long uid)
{
    return uid >= 0 ? proc_each("Uid:", uid, NULL) : count_descendants();
}

/* Wait for the command until the deadline, looking every 50 ms at how many processes
   it has: ENDED, TIMED_OUT, or TOO_MANY when it reached the --nproc allowance (a fork
   bomb, stopped at once rather than left to spin until the deadline). In the last two
   cases the group is killed and the command reaped. SIGCHLD is blocked: sigtimedwait
   sleeps until a child changes state or 50 ms pass. */
/* region wait_command */
static int wait_command(pid_t command, const options *o, int *status)
{
    int outcome = TIMED_OUT;
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    double deadline = now() + o->wall;
    for (;;) {
        if (reap(command, status))
            return ENDED;
        double left = deadline - now();
        if (left <= 0)
            break;
        if (count_processes(o->uid) >= o->nproc) {
            outcome = TOO_MANY;
            break;
        }
        /* Every 50 ms in the first second (a fork bomb is caught at once), every 250 ms
           after it: each look reads /proc, which costs the whole machine. */
        double step = o->wall - left < 1 ? 0.05 : 0.25;
        if (left < step)
            step = left;
        struct timespec t = { 0, (long)(step * 1e9) };
        sigtimedwait(&chld, NULL, &t);
    }
    kill(-command, SIGKILL);
    kill(command, SIGKILL);
    while (waitpid(command, status, 0) < 0 && errno == EINTR)
        ;
    return outcome;
}
/* endregion wait_command */

/* ------------------------------------------------------------------ sweep */

/* Kill every process of user uid: a helper becomes that user and signals all it may
   (kill(-1) spares the caller). */
static void kill_user(long uid)
{
    pid_t helper = fork();
    if (helper == 0) {
        if (setgid((gid_t)uid) == 0 && setuid((uid_t)uid) == 0)
            kill(-1, SIGKILL);
        _exit(0);
    }
    if (helper > 0) {
        while (waitpid(helper, NULL, 0) < 0 && errno == EINTR)
            ;
    }
}

/* Kill the command's group, its user's processes and the sandbox's children until no
   child is left (at most 10 seconds: a process stuck in the kernel is left behind). */
/* region sweep */
static void sweep(pid_t group, long uid)
{
    double deadline = now() + 10;
    int ignored;
    for (;;) {
        kill(-group, SIGKILL);
        if (uid >= 0)
            kill_user(uid);
        proc_each("PPid:", (long)getpid(), kill_pid);
        reap(-1, &ignored);
        if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
            return;
        if (now() > deadline) {
            fprintf(stderr, "mg-sandbox: processes of the command survive SIGKILL\n");
            return;
        }
        struct timespec t = { 0, 2000000 };
        nanosleep(&t, NULL);
    }
}
/* endregion sweep */

/* ------------------------------------------------------------------- main */

static void write_outcome(const options *o, int outcome, int status)
{
    FILE *f = o->status != NULL ? fopen(o->status, "w") : stdout;
    if (f == NULL)
        die(o->status);
    if (cgroup_oom())
        fprintf(f, "memory");
    else if (outcome == TIMED_OUT)
        fprintf(f, "timeout");
    else if (outcome == TOO_MANY)
        fprintf(f, "nproc");
    else if (WIFSIGNALED(status))
        fprintf(f, "signal %d", WTERMSIG(status));
    else
        fprintf(f, "exit %d", WEXITSTATUS(status));
    fprintf(f, " procs=%d\n", reaped);
    if (f != stdout)
        fclose(f);
}

int main(int argc, char **argv)
{
    options o = parse_options(argc, argv);
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
        die("PR_SET_CHILD_SUBREAPER");
    if (o.uid >= 0 && o.dir != NULL && chown(o.dir, (uid_t)o.uid, (gid_t)o.uid) < 0)
        die(o.dir);
    int out = open_output(o.out), err = open_output(o.err);
    long user = o.uid >= 0 ? o.uid : (long)getuid();
    long nproc_limit = proc_each("Uid:", user, NULL) + o.nproc;
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    signal(SIGXFSZ, SIG_IGN);
    cgroup_make(o.memory);
    pid_t command = fork();
    if (command < 0)
        die("fork");
    if (command == 0)
        run_command(&o, out, err, nproc_limit);
    setpgid(command, command);
    close(out);
    close(err);
    int status = 0;
    int outcome = wait_command(command, &o, &status);
    sweep(command, o.uid);
    write_outcome(&o, outcome, status);
    if (cgroup[0] != '\0')
        rmdir(cgroup);   /* empty now: every process of it is gone */
    return 0;
}
