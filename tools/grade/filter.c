/* mg-filter: the system calls a test may make, as a seccomp BPF program.
 *
 *   mg-filter behaviour|memcheck FILE   write the pass's filter (raw struct sock_filter
 *                                       array, as the kernel takes it) into FILE
 *
 * The harness (harness.c, mg_confine) loads FILE when MG_FILTER names it, at the start of
 * main: after it has opened what it needs (the verdict, its pipe, its random token) and
 * before any test runs. Student code has no constructor (inspect.sh refuses objects with
 * one), so no student code runs before the filter holds, and the filter holds for every
 * process the test forks.
 *
 * An allowlist, built by libseccomp: anything not named here kills the whole process
 * (SIGSYS, which the driver reports as "made a system call a test may not make"), and so
 * does a system call of another architecture (int $0x80). What a test needs: memory
 * without execute rights, its inherited descriptors, new files only (O_CREAT|O_EXCL, or
 * O_TMPFILE: Check's message file, the fixture's capture of the runtime's report), fork
 * and waiting for its children (Check's fork mode), signals, clocks, timers, and
 * opening files for reading only (the runtime's tracer reads the program's debug
 * information through libdw; the test sees a read-only view of the machine). Nothing
 * that writes an existing file, runs a program, maps executable memory, or talks to the
 * network or to another process's memory.
 *
 * memcheck: the same, plus what valgrind itself needs once the program runs (valgrind
 * executes every system call of the program, and its own, under the filter): executable
 * mappings for its translations.
 */
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

static int plain[] = {
    /* memory (mmap and mprotect: below, without PROT_EXEC) */
    SCMP_SYS(brk), SCMP_SYS(munmap), SCMP_SYS(mremap), SCMP_SYS(madvise),
    /* the descriptors it holds */
    SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(readv), SCMP_SYS(writev), SCMP_SYS(close),
    SCMP_SYS(lseek), SCMP_SYS(fstat), SCMP_SYS(newfstatat), SCMP_SYS(dup), SCMP_SYS(dup2),
    SCMP_SYS(dup3), SCMP_SYS(fcntl), SCMP_SYS(pipe), SCMP_SYS(pipe2), SCMP_SYS(unlink),
    SCMP_SYS(unlinkat), SCMP_SYS(poll), SCMP_SYS(ppoll),
    /* reading (the runtime's tracer reads the program's own files and debug information
       through libdw; opening for reading only, below) */
    SCMP_SYS(readlink), SCMP_SYS(getcwd), SCMP_SYS(pread64), SCMP_SYS(statfs), SCMP_SYS(fstatfs),
    SCMP_SYS(access), SCMP_SYS(stat), SCMP_SYS(lstat), SCMP_SYS(statx), SCMP_SYS(getdents64),
    /* processes: Check forks each test and waits for it; the sandbox bounds how many */
    SCMP_SYS(clone), SCMP_SYS(fork), SCMP_SYS(vfork), SCMP_SYS(wait4), SCMP_SYS(waitid),
    SCMP_SYS(exit), SCMP_SYS(exit_group), SCMP_SYS(getpid), SCMP_SYS(getppid), SCMP_SYS(gettid),
    SCMP_SYS(setpgid), SCMP_SYS(getpgid), SCMP_SYS(getpgrp), SCMP_SYS(getuid), SCMP_SYS(geteuid),
    SCMP_SYS(getgid), SCMP_SYS(getegid), SCMP_SYS(set_robust_list), SCMP_SYS(set_tid_address),
    SCMP_SYS(rseq), SCMP_SYS(futex), SCMP_SYS(sched_yield), SCMP_SYS(sched_getaffinity),
    SCMP_SYS(prlimit64), SCMP_SYS(getrlimit), SCMP_SYS(getrusage), SCMP_SYS(sysinfo), SCMP_SYS(uname),
    /* signals (the PID namespace and the test's own user bound whom they reach) */
    SCMP_SYS(rt_sigaction), SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigreturn), SCMP_SYS(sigaltstack),
    SCMP_SYS(rt_sigtimedwait), SCMP_SYS(rt_sigsuspend), SCMP_SYS(kill), SCMP_SYS(tgkill), SCMP_SYS(tkill),
    /* clocks and timers (Check's timeout) */
    SCMP_SYS(clock_gettime), SCMP_SYS(clock_getres), SCMP_SYS(clock_nanosleep), SCMP_SYS(nanosleep),
    SCMP_SYS(gettimeofday), SCMP_SYS(time), SCMP_SYS(alarm), SCMP_SYS(setitimer), SCMP_SYS(getitimer),
    SCMP_SYS(timer_create), SCMP_SYS(timer_settime), SCMP_SYS(timer_gettime), SCMP_SYS(timer_delete),
    SCMP_SYS(timer_getoverrun), SCMP_SYS(getrandom),
};

/* What valgrind adds while the program runs. */
static int valgrind_extra[] = { SCMP_SYS(msync) };

static int die(const char *what, int rc)
{
    fprintf(stderr, "mg-filter: %s: %s\n", what, strerror(rc < 0 ? -rc : rc));
    return 2;
}

#define ADD(ctx, nr, ...) seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, __VA_ARGS__)

/* open and openat for reading only, or when they can only make a new file: O_CREAT|O_EXCL
   (fails on any name that exists, a link included) or O_TMPFILE (a file with no name at
   all). Never an existing file for writing. `arg` is the flags' argument number. */
static int allow_opens(scmp_filter_ctx ctx, int nr, unsigned arg)
{
    int rc = 0;
    struct scmp_arg_cmp excl = { arg, SCMP_CMP_MASKED_EQ, O_CREAT | O_EXCL, O_CREAT | O_EXCL };
    struct scmp_arg_cmp tmp = { arg, SCMP_CMP_MASKED_EQ, O_TMPFILE, O_TMPFILE };
    struct scmp_arg_cmp ro = { arg, SCMP_CMP_MASKED_EQ, O_ACCMODE | O_CREAT | O_TRUNC | O_TMPFILE, O_RDONLY };
    rc |= seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, 1, &excl);
    rc |= seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, 1, &tmp);
    rc |= seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, 1, &ro);
    return rc;
}

static int build(scmp_filter_ctx ctx, int memcheck)
{
    int rc = 0;
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        rc |= ADD(ctx, plain[i], 0);
    /* glibc's pthread_create tries clone3 first and falls back to clone on ENOSYS. */
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    /* stdio asks whether stdout is a terminal. */
    rc |= ADD(ctx, SCMP_SYS(ioctl), 1, SCMP_A1(SCMP_CMP_EQ, TCGETS));
    rc |= allow_opens(ctx, SCMP_SYS(openat), 2);
    rc |= allow_opens(ctx, SCMP_SYS(open), 1);
    if (memcheck) {
        for (size_t i = 0; i < sizeof valgrind_extra / sizeof valgrind_extra[0]; i++)
            rc |= ADD(ctx, valgrind_extra[i], 0);
        rc |= ADD(ctx, SCMP_SYS(mmap), 0);
        rc |= ADD(ctx, SCMP_SYS(mprotect), 0);
    } else {
        rc |= ADD(ctx, SCMP_SYS(mmap), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
        rc |= ADD(ctx, SCMP_SYS(mprotect), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "behaviour") != 0 && strcmp(argv[1], "memcheck") != 0)) {
        fprintf(stderr, "usage: mg-filter behaviour|memcheck FILE\n");
        return 2;
    }
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
    if (ctx == NULL)
        return die("seccomp_init", ENOMEM);
    int rc = build(ctx, strcmp(argv[1], "memcheck") == 0);
    if (rc != 0)
        return die("adding a rule", rc);
    FILE *f = fopen(argv[2], "w");
    if (f == NULL)
        return die(argv[2], errno);
    rc = seccomp_export_bpf(ctx, fileno(f));
    if (rc != 0 || fclose(f) != 0)
        return die("writing the filter", rc != 0 ? rc : errno);
    seccomp_release(ctx);
    return 0;
}
