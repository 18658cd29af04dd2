import Sweeps

/// The command line a parsed command reproduces: `tracker NAME` and every
/// option the user gave, in the help's order, quoted for a POSIX shell
/// where needed. What a sweep records as its command. A server URL's
/// password is left out (`DatabaseName`): the command is stored and shown.
enum CommandLineText {
    static func words(_ arguments: ParsedArguments, command: String) -> String {
        var words = ["tracker", command]
        for option in arguments.spec.options {
            if !option.takesValue {
                if arguments.isSet(option.name) { words.append(option.displayName) }
            } else if arguments.isExplicit(option.name) {
                for value in arguments.strings(option.name) {
                    let shown = option.name == CommonOptions.database.name ? DatabaseName.shown(value) : value
                    words += [option.displayName, ShellQuoting.quote(shown)]
                }
            }
        }
        return words.joined(separator: " ")
    }
}
