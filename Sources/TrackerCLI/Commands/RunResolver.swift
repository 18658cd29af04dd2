import TrackerStore

/// Finds the run a user names on the command line: by its name, or else by
/// its numeric id (`tracker show 12`). A name wins over an id, so a run
/// named "12" is still reachable by name.
struct RunResolver {
    let store: Store

    func run(_ reference: String) throws -> Run {
        do {
            return try store.run(named: reference)
        } catch StoreError.notFound {
            if let id = RunID(reference), let run = try? store.run(id: id) { return run }
            throw CommandFailure(try missingRunMessage(reference))
        }
    }

    func runs(_ references: [String]) throws -> [Run] {
        var seen = Set<RunID>()
        return try references.map(run).filter { seen.insert($0.id).inserted }
    }

    /// "no run named 'x'", with the closest existing name when one is a plausible typo.
    func missingRunMessage(_ reference: String) throws -> String {
        let names = try store.runs().map(\.name)
        if let suggestion = Suggestion.closest(to: reference, in: names) {
            return "no run named '\(reference)'; did you mean '\(suggestion)'?"
        }
        return names.isEmpty
            ? "no run named '\(reference)'; the database has no runs yet (start one with 'tracker train')"
            : "no run named '\(reference)'; list runs with 'tracker runs'"
    }
}
