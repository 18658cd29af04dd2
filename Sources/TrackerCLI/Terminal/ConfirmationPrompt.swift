import Foundation

/// Asks before destructive work (`tracker delete`). Without a terminal on
/// stdin there is nobody to ask, so it refuses and names the flag that
/// confirms up front, instead of reading a stray line from a pipe as consent.
public struct ConfirmationPrompt {
    /// The flag that skips the question, named in the refusal.
    public var confirmFlag: String

    public init(confirmFlag: String = "--yes") {
        self.confirmFlag = confirmFlag
    }

    /// Asks `question` on stderr and reads the answer; only `y` or `yes` (any
    /// case) is consent, and end of input is a no.
    /// - Throws: `UsageError` when stdin is not a terminal.
    public func confirm(_ question: String, action: String, context: CommandContext) throws(UsageError) -> Bool {
        guard context.terminal.stdinIsTerminal else {
            throw .invalid("Refusing to \(action) without confirmation: stdin is not a terminal. Pass \(confirmFlag) to confirm.")
        }
        context.console.writeError(question + " [y/N] ")
        guard let answer = context.console.readLine() else {
            context.console.writeError("\n")
            return false
        }
        let normalized = answer.trimmingCharacters(in: .whitespaces).lowercased()
        return normalized == "y" || normalized == "yes"
    }
}
