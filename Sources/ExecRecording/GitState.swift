import Foundation
import TrackerStore

/// The git state of the directory a command runs in: HEAD's commit, whether
/// the tree has changes, and the diff of those changes (capped: a run's row
/// should not carry a vendored data set someone forgot to ignore).
public struct GitState: Sendable, Equatable {
    /// 256 KiB of diff: every code change a person makes, and not more.
    public static let diffCap = 256 * 1024

    public var commit: String
    public var isDirty: Bool
    public var diff: String?
    public var diffTruncated: Bool

    /// nil outside a git work tree, in a repository without commits, or when git is not installed.
    public static func capture(in directory: String, diffCap: Int = diffCap) -> GitState? {
        guard let commit = git(["rev-parse", "--verify", "-q", "HEAD"], in: directory)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !commit.isEmpty,
              let status = git(["status", "--porcelain", "--untracked-files=no"], in: directory) else { return nil }
        let isDirty = !status.isEmpty
        guard isDirty, let diff = git(["diff", "HEAD", "--no-color", "--no-ext-diff"], in: directory) else {
            return GitState(commit: commit, isDirty: isDirty, diff: nil, diffTruncated: false)
        }
        let bytes = Array(diff.utf8)
        guard bytes.count > diffCap else { return GitState(commit: commit, isDirty: true, diff: diff, diffTruncated: false) }
        // Cut at a line end so the kept part is a readable diff.
        var end = diffCap
        while end > 0, bytes[end - 1] != UInt8(ascii: "\n") { end -= 1 }
        let kept = String(decoding: bytes[..<(end > 0 ? end : diffCap)], as: UTF8.self)
        return GitState(
            commit: commit, isDirty: true,
            diff: kept + "[diff truncated at \(diffCap) bytes of \(bytes.count)]\n", diffTruncated: true)
    }

    /// git's stdout, or nil when it fails or cannot be run.
    private static func git(_ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
