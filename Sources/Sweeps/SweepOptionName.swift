/// Swept and fixed options are keyed like `params.key`: the `tracker train`
/// option name with underscores for dashes (`--batch-size` is `batch_size`),
/// so that a sweep's JSON and its runs' params join on the same names.
enum SweepOptionName {
    static func key(_ option: String) -> String {
        String(option.drop { $0 == "-" }).replacingOccurrences(of: "-", with: "_")
    }

    /// `--batch-size` for the key `batch_size`.
    static func option(_ key: String) -> String {
        "--" + key.replacingOccurrences(of: "_", with: "-")
    }
}
