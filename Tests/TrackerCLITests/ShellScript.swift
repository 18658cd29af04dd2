import Foundation

/// Runs a POSIX shell script with `$TRACKER` naming the built `tracker`
/// binary, as a user's script would call it: the script, not the test, is
/// the parent of every `tracker` it starts.
func runShellScript(_ script: String, in directory: TemporaryDirectory, environment: [String: String] = [:]) throws -> CLIResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = directory.url
    var processEnvironment = ProcessInfo.processInfo.environment
    processEnvironment["TRACKER_DB"] = nil
    processEnvironment["TRACKER"] = try trackerBinary().path
    processEnvironment.merge(environment) { $1 }
    process.environment = processEnvironment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(
        exitCode: process.terminationStatus,
        stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}
