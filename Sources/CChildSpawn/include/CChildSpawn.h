#ifndef CCHILDSPAWN_H
#define CCHILDSPAWN_H

#include <sys/types.h>

/// What the child gets. Every descriptor must be 3 or above, so that placing
/// stdout and stderr on 1 and 2 never overwrites another one of them.
typedef struct {
    /// A full path: PATH lookup happens before the fork, in Swift.
    const char *path;
    /// NULL-terminated.
    char *const *argv;
    /// NULL-terminated, "KEY=VALUE".
    char *const *envp;
    /// NULL: the parent's working directory.
    const char *working_directory;
    /// Becomes the child's 1.
    int stdout_fd;
    /// Becomes the child's 2.
    int stderr_fd;
    /// Stays open at its own number (TRACKER_FD); -1 for none.
    int protocol_fd;
} child_spawn_request;

/// Where a failed spawn failed.
enum {
    CHILD_SPAWN_STAGE_FORK = 1,
    CHILD_SPAWN_STAGE_CHDIR = 2,
    CHILD_SPAWN_STAGE_EXEC = 3,
    CHILD_SPAWN_STAGE_PIPE = 4,
};

/// Forks and execs `request->path` with PR_SET_PDEATHSIG = SIGKILL, default
/// signal dispositions, an empty signal mask, and every descriptor but 0, 1,
/// 2 and `protocol_fd` closed. Returns the child's pid, or -1 with the errno
/// and stage of the failure (a failed exec is reported here, not as an exit
/// status, through a close-on-exec pipe).
///
/// PR_SET_PDEATHSIG fires when the *thread* that forked ends, so the calling
/// thread must outlive the child (Supervisor.run blocks until the child exits).
pid_t spawn_child(const child_spawn_request *request, int *failure_errno, int *failure_stage);

/// Installs SIGINT and SIGTERM handlers that write two bytes to `write_fd`
/// (non-blocking): the signal number and 1 when the terminal sent it (so the
/// child, in the same foreground process group, already has it) or 0 when a
/// process did (kill). Returns 0, or -1 with errno.
int child_spawn_install_stop_handlers(int write_fd);

/// Unblocks SIGINT and SIGTERM in the calling thread. A process whose
/// parent blocked them (a test runner, a thread pool) would otherwise keep
/// them pending forever; one thread that accepts them is enough.
void child_spawn_unblock_stop_signals(void);

/// Puts back the SIGINT and SIGTERM actions that were in place before.
void child_spawn_restore_stop_handlers(void);

/// A descriptor that becomes readable when `pid` exits, or -1 where the
/// kernel has no pidfd_open (before Linux 5.3).
int child_spawn_pidfd_open(pid_t pid);

/// pipe2(2), which Swift's Glibc module does not import (it is a GNU extension).
int child_spawn_pipe(int ends[2], int flags);

/// Asks for a pipe buffer of `bytes` (F_SETPIPE_SZ); returns the size
/// granted, or -1 (the default 64 KiB stays).
int child_spawn_grow_pipe(int fd, int bytes);

#endif
