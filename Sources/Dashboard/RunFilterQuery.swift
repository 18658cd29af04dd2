import TrackerStore

/// The runs page's filters, read from the query string into the store's
/// `RunFilter`. Values go to SQL only as bound parameters (the filter's own
/// contract); a malformed `where` or unknown status is a 400 saying why.
struct RunFilterQuery {
    var statuses: [String]
    var group: String?
    var tag: String?
    var sweep: String?
    var dataset: String?
    /// The `--where` box: conditions separated by commas, e.g. `wd>=1e-4, dropout>0`.
    var conditions: String?

    init(_ context: PageContext) {
        statuses = context.request.queryValues("status").filter { !$0.isEmpty }
        group = context.value("group")
        tag = context.value("tag")
        sweep = context.value("sweep")
        dataset = context.value("dataset")
        conditions = context.value("where")
    }

    /// The query pairs that reproduce these filters (for sort and page links).
    var pairs: [(String, String)] {
        statuses.map { ("status", $0) } + [("group", group), ("tag", tag), ("sweep", sweep), ("dataset", dataset), ("where", conditions)]
            .compactMap { name, value in value.map { (name, $0) } }
    }

    func filter(in store: Store) throws -> RunFilter {
        var filter = RunFilter()
        filter.statuses = try statuses.map { text in
            guard let status = RunStatus(rawValue: text.lowercased()) else {
                throw DashboardError("unknown status '\(text)'; use one of " + RunStatus.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return status
        }
        filter.group = group
        filter.tag = tag
        filter.datasetName = dataset
        if let sweep {
            filter.sweepID = try SweepLookup.sweep(sweep, in: store).id
        }
        if let conditions {
            let texts = conditions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            do {
                // As `--where` reads it: each comma-separated condition may
                // join predicates with AND and OR (AND binding tighter).
                let conditions = try texts.map(ParamPredicate.parseAlternatives)
                filter.predicates = conditions.filter { $0.count == 1 }.flatMap { $0[0] }
                filter.alternatives = conditions.filter { $0.count > 1 }
            } catch {
                throw DashboardError("the where box has '\(conditions)': \(error); write KEY OP VALUE such as wd>=1e-4, joined by commas")
            }
        }
        return filter
    }
}

/// A sweep by name or numeric id, as the CLI's `--sweep` reads it.
enum SweepLookup {
    static func sweep(_ reference: String, in store: Store) throws -> Sweep {
        if let sweep = try? store.sweep(named: reference) { return sweep }
        if let id = SweepID(reference), let sweep = try? store.sweep(id: id) { return sweep }
        throw DashboardError.notFound("no sweep named '\(reference)'; the runs page lists each run's sweep")
    }

    static func run(_ reference: String, in store: Store) throws -> Run {
        if let run = try? store.run(named: reference) { return run }
        if let id = RunID(reference), let run = try? store.run(id: id) { return run }
        throw DashboardError.notFound("no run named '\(reference)'; the runs page at / lists them")
    }
}
