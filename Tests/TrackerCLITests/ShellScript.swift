import Foundation

/// Runs a POSIX shell script with `$TRACKER` naming the built `tracker`
/// binary, as a user's script would call it: the script, not the test, is
/// the parent of every `tracker` it starts.
func runShellScript(_ script: String, in directory: TemporaryDirectory, environment: [String: String] = [:]) throws -> CLIResult {
    var scriptEnvironment = environment
    scriptEnvironment["TRACKER"] = try trackerBinary().path
    return try runToEnd(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: directory.url, environment: scriptEnvironment)
}
