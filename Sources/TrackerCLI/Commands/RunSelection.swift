import TrackerStore

/// Turns the run-selection options (`RunSelectionOptions`) and any runs
/// named as arguments into the store's `RunFilter`.
///
/// Bad text in an option (an unknown status, a malformed `--where`) is a
/// usage error (exit 64); a sweep or run that does not exist is a failure
/// (exit 1), like any other missing thing.
enum RunSelection {
    static func filter(
        _ arguments: ParsedArguments, store: Store, runs references: [String] = [], limit: Int? = nil
    ) throws -> RunFilter {
        var filter = RunFilter(limit: limit)
        filter.statuses = try arguments.strings(RunSelectionOptions.status.name).map(status)
        filter.group = arguments.string(RunSelectionOptions.group.name)
        filter.tag = arguments.string(RunSelectionOptions.tag.name)
        filter.datasetName = arguments.string(RunSelectionOptions.dataset.name)
        if let sweep = arguments.string(RunSelectionOptions.sweep.name) {
            filter.sweepID = try sweepID(sweep, store: store)
        }
        let conditions = try alternatives(arguments.strings(RunSelectionOptions.condition.name))
        filter.predicates = conditions.filter { $0.count == 1 }.flatMap { $0[0] }
        filter.alternatives = conditions.filter { $0.count > 1 }
        try requireKnownKeys(filter.predicates + filter.alternatives.flatMap { $0.flatMap { $0 } }, store: store)
        if !references.isEmpty {
            filter.runIDs = try RunResolver(store: store).runs(references).map(\.id)
        }
        return filter
    }

    static func status(_ text: String) throws(UsageError) -> RunStatus {
        guard let status = RunStatus(rawValue: text.lowercased()) else {
            let names = RunStatus.allCases.map(\.rawValue)
            throw .invalidValue(
                value: text, argument: RunSelectionOptions.status.displayName,
                expected: "one of " + names.joined(separator: ", "), suggestion: Suggestion.closest(to: text, in: names))
        }
        return status
    }

    /// Each `--where` as alternatives of conjunctions (AND and OR in any case).
    static func alternatives(_ texts: [String]) throws(UsageError) -> [[[ParamPredicate]]] {
        do {
            return try texts.map(ParamPredicate.parseAlternatives)
        } catch let StoreError.invalidArgument(message) {
            throw .invalid("Invalid value for '--where': \(message).")
        } catch {
            throw .invalid("Invalid value for '--where': \(error).")
        }
    }

    /// A `--where` on a key no run has would only say "No runs match.":
    /// name the key instead, with the closest known one.
    static func requireKnownKeys(_ predicates: [ParamPredicate], store: Store) throws {
        for predicate in predicates where try !store.hasParamKey(predicate.key) {
            let known = try store.paramKeys()
            throw UsageError.invalidValue(
                value: predicate.key, argument: RunSelectionOptions.condition.displayName,
                expected: known.isEmpty ? "a param key (no run has params yet)" : "a param key some run has: " + known.joined(separator: ", "),
                suggestion: Suggestion.closest(to: predicate.key, in: known))
        }
    }

    /// A sweep by its name, or by its numeric id.
    static func sweepID(_ reference: String, store: Store) throws -> SweepID {
        do {
            return try store.sweep(named: reference).id
        } catch StoreError.notFound {
            if let id = SweepID(reference), let sweep = try? store.sweep(id: id) { return sweep.id }
            throw CommandFailure("no sweep named '\(reference)'; see the sweeps with 'tracker sql \"SELECT id, name FROM sweeps\"'")
        }
    }
}
