import Foundation
import TrackerStore
@testable import TrackerCLI

/// Runs a sweep-family command in-process with Ctrl-C never requested, like
/// `trainInProcess`: the process-wide interrupt flag belongs to the tests
/// that exercise it.
func sweepFamilyInProcess(
    _ words: [String], spec: CommandSpec,
    execute: (ParsedArguments, CommandContext, @escaping @Sendable () -> Bool) throws -> Void
) -> CLIResult {
    let (context, out, err) = capturingContext()
    var code = ExitCode.success.rawValue
    do {
        guard case .arguments(let arguments) = try ArgumentParser.parse(words, for: spec) else {
            return CLIResult(exitCode: -1, stdout: "", stderr: "help was requested")
        }
        try execute(arguments, context, { false })
    } catch let error as UsageError {
        err.text += "Error: \(error)\n"
        code = ExitCode.usage.rawValue
    } catch is CommandInterrupted {
        code = ExitCode.interrupted.rawValue
    } catch {
        err.text += "Error: \(error)\n"
        code = ExitCode.failure.rawValue
    }
    return CLIResult(exitCode: code, stdout: out.text, stderr: err.text)
}

func sweepInProcess(_ words: [String]) -> CLIResult {
    sweepFamilyInProcess(words, spec: SweepCommand.spec, execute: SweepCommand.execute)
}

func retuneInProcess(_ words: [String]) -> CLIResult {
    sweepFamilyInProcess(words, spec: RetuneCommand.spec, execute: RetuneCommand.execute)
}

