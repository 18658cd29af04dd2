/// What a command is, for the parser and for its help page: one value that
/// says everything, so the two can never disagree.
public struct CommandSpec: Sendable {
    public var name: String
    public var abstract: String
    public var discussion: String?
    public var options: [OptionSpec]
    public var positionals: [PositionalSpec]
    public var examples: [Example]
    /// An option that, when given, replaces the required ones (`train
    /// --resume RUN` takes its data set and everything else from the run).
    public var waivesRequiredOptions: String?

    public init(
        name: String,
        abstract: String,
        discussion: String? = nil,
        options: [OptionSpec] = [],
        positionals: [PositionalSpec] = [],
        examples: [Example] = [],
        waivesRequiredOptions: String? = nil
    ) {
        self.waivesRequiredOptions = waivesRequiredOptions
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.positionals = positionals
        self.examples = examples
    }

    /// Every option the parser accepts, the built-in `-h, --help` included.
    public var allOptions: [OptionSpec] { options + [.help] }

    public func option(named longName: String) -> OptionSpec? {
        allOptions.first { $0.name == longName }
    }

    public func option(short: Character) -> OptionSpec? {
        allOptions.first { $0.short == short }
    }
}

/// One worked example on a help page: the command line and what it does.
public struct Example: Sendable {
    public var commandLine: String
    public var explanation: String

    public init(_ commandLine: String, _ explanation: String) {
        self.commandLine = commandLine
        self.explanation = explanation
    }
}
