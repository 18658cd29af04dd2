import TrackerStore

/// Runs whose metrics came in without summaries (written by other means):
/// the reading commands name them and point to `tracker reindex` rather than
/// rebuilding on the fly, since reading must not need write access. A data
/// problem, never a usage error: the failure exits 1, not 64.
struct MissingSummaries {
    var runNames: [String]

    init(store: Store, filter: RunFilter) throws {
        let ids = try store.runsMissingSummaries(filter)
        runNames = try ids.map { try store.run(id: $0).name }
    }

    var isEmpty: Bool { runNames.isEmpty }

    /// "2 runs (a, b) have metrics but no summaries; run `tracker reindex` ..."
    var message: String {
        let shown = runNames.prefix(5).joined(separator: ", ") + (runNames.count > 5 ? ", ..." : "")
        let subject = runNames.count == 1 ? "run \(shown) has" : "\(runNames.count) runs (\(shown)) have"
        return "\(subject) metrics but no summaries (written by other means); run `tracker reindex` to summarize them"
    }

    /// Says so on stderr when there are any.
    func note(_ context: CommandContext) {
        if !isEmpty { context.printError("Note: " + message + ".") }
    }
}
