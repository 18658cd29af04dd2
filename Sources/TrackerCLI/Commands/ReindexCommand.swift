import TrackerStore

/// `tracker reindex`: rebuild run summaries from the metric history.
public enum ReindexCommand: Command {
    static let all = OptionSpec.flag("all", help: "Rebuild every run's summaries, not only those of runs that have none.")

    public static let spec = CommandSpec(
        name: "reindex",
        abstract: "Rebuild the run summaries that compare, show and history read, from the metric history.",
        discussion: """
            tracker keeps a summary per run and metric (last, min, max and the value at the best \
            epoch) as it logs, so that comparing runs never scans their history. Metrics written \
            by other means (a script inserting into the metrics table, a restored dump) have no \
            summaries, and such runs look as if they had logged nothing; the reading commands \
            name them and point here. Without --all only runs with metrics and no summaries are \
            rebuilt; with --all every run's summaries are recomputed and stale ones corrected. \
            Running it again changes nothing.
            """,
        options: [CommonOptions.database, all],
        examples: [
            Example("tracker reindex", "Summarize runs whose metrics came in without summaries."),
            Example("tracker reindex --all --db old.db", "Recompute every summary of old.db."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let store = try StoreAccess.openExisting(arguments, context: context)
        defer { store.close() }
        let runs: [RunID]? = arguments.isSet(all.name) ? nil : try store.runsMissingSummaries()
        if let runs, runs.isEmpty {
            context.print("Every run with metrics has summaries; nothing to rebuild (--all recomputes them all).")
            return
        }
        let changed = try store.rebuildSummaries(of: runs)
        let considered = runs.map { "\($0.count) run\($0.count == 1 ? "" : "s") without summaries" } ?? "every run with metrics"
        context.print("Rebuilt the summaries of \(considered); \(changed) changed.")
    }
}
