/// Writes help pages in the sections users know from swift-argument-parser:
/// OVERVIEW, USAGE, ARGUMENTS, OPTIONS, COMMANDS, EXAMPLES.
struct HelpFormatter {
    /// Width of the name column; longer names put their help on the next line.
    static let nameColumnWidth = 24
    static let lineWidth = 80

    /// `tracker train` for a command, `tracker` for the root.
    let commandPath: String

    func help(for spec: CommandSpec, subcommands: [CommandSpec] = []) -> String {
        var sections: [String] = []
        var overview = "OVERVIEW: " + spec.abstract
        if let discussion = spec.discussion {
            overview += "\n\n" + Self.wrap(discussion, width: Self.lineWidth)
        }
        sections.append(overview)
        sections.append("USAGE: " + UsageFormatter(commandPath: commandPath).usage(for: spec, hasSubcommands: !subcommands.isEmpty))

        if !spec.positionals.isEmpty {
            let rows = spec.positionals.map { ($0.synopsis, $0.help) }
            sections.append("ARGUMENTS:\n" + Self.table(rows))
        }
        sections += Self.optionSections(spec.allOptions)
        if !subcommands.isEmpty {
            let rows = subcommands.map { ($0.name, $0.abstract) }
            sections.append(
                "COMMANDS:\n" + Self.table(rows)
                    + "\n\n  See '\(commandPath) help <command>' for detailed help.")
        }
        if !spec.examples.isEmpty {
            let examples = spec.examples.map { example in
                "  " + example.commandLine + "\n" + Self.wrap(example.explanation, width: Self.lineWidth, indent: 6)
            }
            sections.append("EXAMPLES:\n" + examples.joined(separator: "\n\n"))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// One section per option group, in the order groups first appear, then
    /// the ungrouped options (which include `--help`) under OPTIONS.
    static func optionSections(_ options: [OptionSpec]) -> [String] {
        var titles: [String] = []
        for case let title? in options.map(\.group) where !titles.contains(title) { titles.append(title) }
        let grouped = titles.map { title in
            (title.uppercased() + " OPTIONS", options.filter { $0.group == title })
        }
        return (grouped + [("OPTIONS", options.filter { $0.group == nil })]).map { title, members in
            title + ":\n" + table(members.map { (optionNames($0), optionHelp($0)) })
        }
    }

    static func optionNames(_ option: OptionSpec) -> String {
        guard let short = option.short else { return option.synopsis }
        return "-\(short), " + option.synopsis
    }

    static func optionHelp(_ option: OptionSpec) -> String {
        var details: [String] = []
        if let choices = option.choices { details.append("values: " + choices.joined(separator: ", ")) }
        if let defaultValue = option.defaultValue { details.append("default: " + defaultValue) }
        if option.isRepeatable { details.append("repeatable") }
        if option.isRequired { details.append("required") }
        guard !details.isEmpty else { return option.help }
        return option.help + " (" + details.joined(separator: "; ") + ")"
    }

    /// Two columns: names padded to the name column, help wrapped beside them.
    static func table(_ rows: [(String, String)]) -> String {
        let helpIndent = nameColumnWidth + 2
        return rows.map { name, help in
            let wrapped = wrap(help, width: lineWidth, indent: helpIndent)
            let helpText = String(wrapped.dropFirst(helpIndent))
            let label = "  " + name
            if label.count < helpIndent - 1 {
                return label.padding(to: helpIndent) + helpText
            }
            return label + "\n" + wrapped
        }.joined(separator: "\n")
    }

    /// Wraps words to `width` columns, every line indented by `indent` spaces;
    /// paragraph breaks (blank lines) survive.
    static func wrap(_ text: String, width: Int, indent: Int = 0) -> String {
        let margin = String(repeating: " ", count: indent)
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false)
        return paragraphs.map { paragraph -> String in
            var lines: [String] = []
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty, indent + line.count + 1 + word.count > width {
                    lines.append(margin + line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(line.isEmpty ? "" : margin + line)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
