import EngineRecording

/// Everything one `tracker train` command line asks for, converted and
/// checked by the hyperparameter table: nothing here touches data or the
/// database, so every usage error surfaces before any work starts.
struct TrainRequest {
    var setup: TrainingSetup
    var databasePath: String
    /// The command line that reproduces the run: every option given, in the help's order.
    var commandLine: String

    var data: DataRequest { setup.data }
    /// `--dataset-name`: the name the data set's versions are kept under.
    var datasetName: String? { setup.datasetName }
    var configuration: TrainingConfiguration { setup.configuration }
    var name: String? { setup.name }
    var group: String? { setup.group }
    var tags: [String] { setup.tags }
    var notes: String? { setup.notes }
    var quiet: Bool { setup.quiet }

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
        var given: [String: [String]] = [:]
        for entry in Hyperparameters.all {
            if entry.isFlag {
                if arguments.isSet(entry.flag) { given[entry.key] = [] }
            } else if arguments.isExplicit(entry.flag) {
                given[entry.key] = arguments.strings(entry.flag)
            }
        }
        let database = CommonOptions.database
        let databaseWords = arguments.isExplicit(database.name)
            ? arguments.strings(database.name).flatMap { [database.displayName, Self.shellQuoted(DatabaseName.shown($0))] } : []
        try self.init(given: given, databasePath: CommonOptions.databasePath(arguments, environment: environment), trailing: databaseWords)
    }

    /// The request for options given by key (a sweep's trial: its fixed
    /// options, its setting and its seed), applied straight through the table.
    init(given: [String: [String]], databasePath: String, trailing: [String] = []) throws(UsageError) {
        do {
            setup = try TrainingSetup(given)
        } catch {
            throw Self.usageError(error)
        }
        self.databasePath = databasePath
        commandLine = (["tracker", "train"] + Self.words(given) + trailing).joined(separator: " ")
    }

    /// The given options as shell words, in the table's order, quoted where needed.
    static func words(_ given: [String: [String]]) -> [String] {
        Hyperparameters.all.flatMap { entry -> [String] in
            guard let texts = given[entry.key] else { return [] }
            let flag = Hyperparameters.displayFlag(entry.key)
            return entry.isFlag ? [flag] : texts.flatMap { [flag, shellQuoted($0)] }
        }
    }

    /// A table error as the CLI reports it: values with the usage error's
    /// "Did you mean" for choices, everything else as one line.
    static func usageError(_ error: HyperparameterError) -> UsageError {
        switch error {
        case let .invalidValue(key, value, expected, choices):
            .invalidValue(
                value: value, argument: Hyperparameters.displayFlag(key), expected: expected,
                suggestion: choices.flatMap { Suggestion.closest(to: value, in: $0) })
        default:
            .invalid(error.description)
        }
    }

    static func shellQuoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_.,:/+=@".contains($0) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
