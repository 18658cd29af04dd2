#define _GNU_SOURCE
#include "CChildSpawn.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

// Between fork and exec only async-signal-safe calls are allowed: the parent
// is multi-threaded (Swift, Foundation), so a lock another thread held at the
// fork stays locked forever in the child. Nothing below allocates.

static void close_range_safe(unsigned int first, unsigned int last) {
    if (first > last) return;
#ifdef SYS_close_range
    if (syscall(SYS_close_range, first, last, 0) == 0) return;
#endif
    // Kernels before 5.9: close one by one, up to the descriptor limit.
    struct rlimit limit;
    unsigned int top = 65536;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < top) {
        top = (unsigned int)limit.rlim_cur;
    }
    if (last > top) last = top;
    for (unsigned int fd = first; fd <= last; fd++) close((int)fd);
}

/// Closes every descriptor from 3 up except `keep_a` and `keep_b`: descriptors
/// opened without O_CLOEXEC by any library in the parent must not leak.
static void close_all_but(int keep_a, int keep_b) {
    int low = keep_a < keep_b ? keep_a : keep_b;
    int high = keep_a < keep_b ? keep_b : keep_a;
    unsigned int next = 3;
    if (low >= 3) { close_range_safe(next, (unsigned int)low - 1); next = (unsigned int)low + 1; }
    if (high >= 3 && high != low) { close_range_safe(next, (unsigned int)high - 1); next = (unsigned int)high + 1; }
    close_range_safe(next, ~0U);
}

static void report_and_exit(int error_fd, int stage) {
    int payload[2] = { stage, errno };
    ssize_t ignored = write(error_fd, payload, sizeof payload);
    (void)ignored;
    _exit(127);
}

static void run_child(const child_spawn_request *request, pid_t parent, int error_fd) {
    // Dispositions set to SIG_IGN survive exec; a child must start as a shell
    // would start it (Python, for one, relies on SIGINT's default).
    struct sigaction default_action = { 0 };
    default_action.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) continue;
        sigaction(sig, &default_action, NULL);
    }

    // The child must not train on unrecorded when tracker dies (kill -9).
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    // The parent may have died before prctl took effect: then nobody will send it.
    if (getppid() != parent) _exit(127);

    if (dup2(request->stdout_fd, 1) < 0) report_and_exit(error_fd, CHILD_SPAWN_STAGE_EXEC);
    if (dup2(request->stderr_fd, 2) < 0) report_and_exit(error_fd, CHILD_SPAWN_STAGE_EXEC);
    if (request->protocol_fd >= 0 && fcntl(request->protocol_fd, F_SETFD, 0) < 0) {
        report_and_exit(error_fd, CHILD_SPAWN_STAGE_EXEC);
    }
    close_all_but(request->protocol_fd, error_fd);

    if (request->working_directory != NULL && chdir(request->working_directory) < 0) {
        report_and_exit(error_fd, CHILD_SPAWN_STAGE_CHDIR);
    }

    sigset_t empty;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);

    execve(request->path, request->argv, request->envp);
    report_and_exit(error_fd, CHILD_SPAWN_STAGE_EXEC);
}

pid_t spawn_child(const child_spawn_request *request, int *failure_errno, int *failure_stage) {
    int error_pipe[2];
    if (pipe2(error_pipe, O_CLOEXEC) < 0) {
        *failure_errno = errno;
        *failure_stage = CHILD_SPAWN_STAGE_PIPE;
        return -1;
    }

    // Blocking every signal across the fork keeps the parent's handlers from
    // running in the child before it resets them.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        close(error_pipe[0]);
        run_child(request, parent, error_pipe[1]);
    }
    int fork_errno = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(error_pipe[1]);

    if (pid < 0) {
        close(error_pipe[0]);
        *failure_errno = fork_errno;
        *failure_stage = CHILD_SPAWN_STAGE_FORK;
        return -1;
    }

    // End of file: exec succeeded and closed the pipe. Otherwise the child
    // wrote why it failed, and exits 127.
    int payload[2];
    ssize_t got;
    do { got = read(error_pipe[0], payload, sizeof payload); } while (got < 0 && errno == EINTR);
    close(error_pipe[0]);
    if (got == (ssize_t)sizeof payload) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        *failure_stage = payload[0];
        *failure_errno = payload[1];
        return -1;
    }
    return pid;
}

static int stop_signal_fd = -1;
static struct sigaction previous_int, previous_term;
static int handlers_installed = 0;

static void on_stop_signal(int sig, siginfo_t *info, void *context) {
    (void)context;
    int saved = errno;
    // SI_KERNEL: the terminal driver sent it to the whole foreground group.
    unsigned char record[2] = { (unsigned char)sig, (unsigned char)(info != NULL && info->si_code == SI_KERNEL) };
    if (stop_signal_fd >= 0) {
        ssize_t ignored = write(stop_signal_fd, record, sizeof record);
        (void)ignored;
    }
    errno = saved;
}

int child_spawn_install_stop_handlers(int write_fd) {
    struct sigaction action = { 0 };
    action.sa_sigaction = on_stop_signal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    stop_signal_fd = write_fd;
    if (sigaction(SIGINT, &action, &previous_int) < 0) return -1;
    if (sigaction(SIGTERM, &action, &previous_term) < 0) {
        int saved = errno;
        sigaction(SIGINT, &previous_int, NULL);
        errno = saved;
        return -1;
    }
    handlers_installed = 1;
    return 0;
}

void child_spawn_unblock_stop_signals(void) {
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
}

void child_spawn_restore_stop_handlers(void) {
    if (!handlers_installed) return;
    sigaction(SIGINT, &previous_int, NULL);
    sigaction(SIGTERM, &previous_term, NULL);
    handlers_installed = 0;
}

int child_spawn_pidfd_open(pid_t pid) {
#ifdef SYS_pidfd_open
    return (int)syscall(SYS_pidfd_open, pid, 0);
#else
    (void)pid;
    errno = ENOSYS;
    return -1;
#endif
}

int child_spawn_pipe(int ends[2], int flags) {
    return pipe2(ends, flags);
}

int child_spawn_grow_pipe(int fd, int bytes) {
    return fcntl(fd, F_SETPIPE_SZ, bytes);
}
