import Testing
@testable import TrackerCLI

@Suite struct ConfirmationPromptTests {
    private var terminal: TerminalInfo {
        var terminal = TerminalInfo.plain
        terminal.stdinIsTerminal = true
        return terminal
    }

    @Test func withoutATerminalItRefusesAndNamesTheFlag() {
        let (context, _, _) = capturingContext(input: ["y"])
        #expect(throws: UsageError.invalid("Refusing to delete 3 runs without confirmation: stdin is not a terminal. Pass --yes to confirm.")) {
            try ConfirmationPrompt().confirm("Delete 3 runs?", action: "delete 3 runs", context: context)
        }
    }

    @Test(arguments: [("y", true), ("YES", true), (" yes ", true), ("n", false), ("", false), ("sure", false)])
    func onlyYesIsConsent(answer: String, consent: Bool) throws {
        let (context, _, err) = capturingContext(terminal: terminal, input: [answer])
        #expect(try ConfirmationPrompt().confirm("Delete?", action: "delete", context: context) == consent)
        #expect(err.text == "Delete? [y/N] ")
    }

    @Test func endOfInputIsANo() throws {
        let (context, _, _) = capturingContext(terminal: terminal, input: [])
        #expect(try ConfirmationPrompt().confirm("Delete?", action: "delete", context: context) == false)
    }
}
