/// The options that choose runs, shared by `runs`, `compare`, `export` and
/// `report` so that they are spelled and explained the same everywhere.
public enum RunSelectionOptions {
    public static let status = OptionSpec(
        "status", valueName: "status", help: "Only runs with this status (running, finished, failed, crashed, killed, pruned).",
        isRepeatable: true)
    public static let group = OptionSpec("group", valueName: "group", help: "Only runs in this group.")
    public static let tag = OptionSpec("tag", valueName: "tag", help: "Only runs with this tag.")
    public static let sweep = OptionSpec("sweep", valueName: "sweep", help: "Only runs of this sweep.")
    public static let dataset = OptionSpec("dataset", valueName: "name", help: "Only runs on this data set (any version).")
    public static let condition = OptionSpec(
        "where", valueName: "condition",
        help: "Only runs whose param satisfies KEY OP VALUE, e.g. 'wd>=1e-3' (OP: = != < <= > >=); join with AND/OR (any case, AND first). Repeat to combine.",
        isRepeatable: true)

    public static let all = [status, group, tag, sweep, dataset, condition]
}
