import Foundation
@testable import TrackerCLI

/// The `tracker` executable built next to the tests (the test target depends
/// on it, so `swift test` builds it first).
func trackerBinary() throws -> URL {
    let candidates = [
        Bundle.main.bundleURL,
        Bundle.main.executableURL?.deletingLastPathComponent(),
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
    ].compactMap { $0 }
    for directory in candidates {
        for base in [directory, directory.deletingLastPathComponent()] {
            let url = base.appendingPathComponent("tracker")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return url
            }
        }
    }
    throw CommandFailure("no tracker executable next to the tests; searched \(candidates.map(\.path))")
}

/// Runs the real `tracker` to its end, as a shell would: no stdin, and no
/// TRACKER_DB from the test's own environment unless `environment` sets it.
func runTrackerBinary(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIResult {
    try runToEnd(try trackerBinary(), arguments, environment: environment)
}

/// Runs `executable` to its end with no stdin, the test's environment less
/// TRACKER_DB, plus `environment`, and returns its exit code and output.
func runToEnd(
    _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
) throws -> CLIResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var processEnvironment = ProcessInfo.processInfo.environment
    processEnvironment["TRACKER_DB"] = nil
    processEnvironment.merge(environment) { $1 }
    process.environment = processEnvironment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes before waiting, so a chatty process never blocks on a full pipe.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(
        exitCode: process.terminationStatus,
        stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}
