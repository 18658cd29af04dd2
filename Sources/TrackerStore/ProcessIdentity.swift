import Foundation

/// A process told apart from every other one, here and on other machines.
///
/// A pid alone is not enough: the kernel reuses pids (after a reboot, or
/// once they wrap), and a pid means something only inside its own pid
/// namespace (containers sharing a host name each have their own). The
/// process's start time (clock ticks after boot) tells a reused pid from the
/// original; the boot id, machine id and pid namespace say whether a pid
/// recorded elsewhere can be looked up here at all.
public struct ProcessIdentity: Sendable, Equatable {
    public var host: String
    public var pid: Int64
    /// Clock ticks after boot when the process started (/proc/PID/stat field 22).
    public var startTime: Int64?
    /// /proc/sys/kernel/random/boot_id: changes at every boot.
    public var bootID: String?
    /// /etc/machine-id, when the system has one.
    public var machineID: String?
    /// The pid namespace's inode, from /proc/self/ns/pid (e.g. "pid:[4026531836]").
    public var pidNamespace: String?

    public init(
        host: String, pid: Int64, startTime: Int64?, bootID: String?, machineID: String?, pidNamespace: String?
    ) {
        self.host = host
        self.pid = pid
        self.startTime = startTime
        self.bootID = bootID
        self.machineID = machineID
        self.pidNamespace = pidNamespace
    }

    /// This process, as it would be recorded on a run it starts.
    public static func current(host: String) -> ProcessIdentity {
        let pid = Int64(getpid())
        return ProcessIdentity(
            host: host, pid: pid, startTime: startTime(of: pid), bootID: bootID, machineID: machineID,
            pidNamespace: pidNamespace)
    }

    /// True when `other` was recorded in this pid namespace of this boot of
    /// this machine: only then does looking its pid up here say anything.
    public func sharesProcessTable(with other: ProcessIdentity) -> Bool {
        guard host == other.host, let bootID, let pidNamespace else { return false }
        return bootID == other.bootID && pidNamespace == other.pidNamespace && machineID == other.machineID
    }

    /// The start time of the live process `pid`, or nil when there is none,
    /// it is a zombie, or /proc cannot tell.
    public static func startTime(of pid: Int64) -> Int64? {
        guard pid > 0, pid <= Int64(Int32.max),
              let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // The command name (field 2) may hold spaces and parentheses; the
        // fields after its closing parenthesis start at field 3 (the state).
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, fields[0] != "Z", fields[0] != "X" else { return nil }
        return Int64(fields[19])
    }

    static let bootID: String? = firstLine(of: "/proc/sys/kernel/random/boot_id")
    static let machineID: String? = firstLine(of: "/etc/machine-id")
    static let pidNamespace: String? = {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid"),
              !target.isEmpty else { return nil }
        return target
    }()

    private static func firstLine(of path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return line.isEmpty ? nil : line
    }
}
