/// The one-line synopsis shown in help and under every usage error.
struct UsageFormatter {
    /// Past this many options the line lists only required ones and `[<options>]`.
    static let maximumListedOptions = 6

    let commandPath: String

    func usage(for spec: CommandSpec, hasSubcommands: Bool = false) -> String {
        var parts = [commandPath]
        if hasSubcommands { parts.append("<command>") }
        let required = spec.options.filter(\.isRequired)
        let optional = spec.options.filter { !$0.isRequired }
        parts += required.map(Self.synopsis)
        if optional.count > Self.maximumListedOptions {
            parts.append("[<options>]")
        } else {
            parts += optional.map { "[" + Self.synopsis($0) + "]" }
        }
        parts += spec.positionals.map(\.synopsis)
        return parts.joined(separator: " ")
    }

    private static func synopsis(_ option: OptionSpec) -> String {
        option.isRepeatable ? option.synopsis + " ..." : option.synopsis
    }
}
