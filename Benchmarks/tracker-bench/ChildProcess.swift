import Foundation

/// Wall time of child processes, started and reaped the way a shell does it
/// (posix_spawn, then waitpid). Foundation's `Process.waitUntilExit` polls
/// its run loop every 50 ms on Linux, so timing through it rounds a 10 ms
/// process up to about 50 ms and a 78 ms one to about 100 ms.
enum ChildProcess {
    /// Runs `executable` with `arguments` and `environment`, output to
    /// /dev/null; its wall time in seconds, or nil when it did not exit with 0.
    static func time(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) -> Double? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        var pid: pid_t = 0
        var status: Int32 = 0
        let start = Measure.now()
        let spawned = envp.map { envp in posix_spawn(&pid, executable, &actions, nil, argv, envp) }
            ?? posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { return nil }
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let seconds = Measure.now() - start
        // Exited normally (no signal) with status 0.
        return status & 0x7f == 0 && (status >> 8) & 0xff == 0 ? seconds : nil
    }
}
