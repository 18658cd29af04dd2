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
