import SQLite

/// Which runs a query covers; every field narrows the set (AND).
public struct RunFilter: Sendable {
    public var statuses: [RunStatus] = []
    public var group: String?
    public var tag: String?
    public var sweepID: SweepID?
    public var datasetID: DatasetID?
    /// A data set name: runs on any version of it.
    public var datasetName: String?
    public var predicates: [ParamPredicate] = []
    /// Conditions with OR: each element is one `--where` read as alternatives
    /// (any of its conjunctions holds), and all elements must hold.
    public var alternatives: [[[ParamPredicate]]] = []
    public var runIDs: [RunID]?
    public var limit: Int?

    public init(
        statuses: [RunStatus] = [], group: String? = nil, tag: String? = nil, sweepID: SweepID? = nil,
        datasetID: DatasetID? = nil, datasetName: String? = nil, predicates: [ParamPredicate] = [],
        runIDs: [RunID]? = nil, limit: Int? = nil
    ) {
        self.statuses = statuses
        self.group = group
        self.tag = tag
        self.sweepID = sweepID
        self.datasetID = datasetID
        self.datasetName = datasetName
        self.predicates = predicates
        self.runIDs = runIDs
        self.limit = limit
    }

    public static let all = RunFilter()

    /// The WHERE clause over runs aliased `r` (always present: "TRUE" when
    /// empty), built from fixed SQL fragments, with the values to bind in order.
    func whereClause(for backend: StoreBackend) -> (text: String, values: [any StoreBindable]) {
        var conditions: [String] = []
        var values: [any StoreBindable] = []
        if !statuses.isEmpty {
            conditions.append("r.status IN (\(Array(repeating: "?", count: statuses.count).joined(separator: ", ")))")
            values += statuses.map(\.rawValue)
        }
        if let group {
            conditions.append("r.group_name = ?")
            values.append(group)
        }
        if let tag {
            conditions.append("EXISTS (SELECT 1 FROM run_tags AS t WHERE t.run_id = r.id AND t.tag = ?)")
            values.append(tag)
        }
        if let sweepID {
            conditions.append("r.sweep_id = ?")
            values.append(sweepID)
        }
        if let datasetID {
            conditions.append("r.dataset_id = ?")
            values.append(datasetID)
        }
        if let datasetName {
            conditions.append("r.dataset_id IN (SELECT id FROM datasets WHERE name = ?)")
            values.append(datasetName)
        }
        for predicate in predicates {
            let (text, predicateValues) = predicate.sql(for: backend)
            conditions.append(text)
            values += predicateValues
        }
        for anyOf in alternatives where !anyOf.isEmpty {
            let texts = anyOf.map { all in
                "(" + all.map { predicate in
                    let (text, predicateValues) = predicate.sql(for: backend)
                    values += predicateValues
                    return text
                }.joined(separator: " AND ") + ")"
            }
            conditions.append("(" + texts.joined(separator: " OR ") + ")")
        }
        if let runIDs {
            // Bound as a JSON array so that any number of ids is one parameter.
            conditions.append("r.id IN (\(backend.integersOfJSONArray))")
            values.append("[" + runIDs.map(String.init).joined(separator: ",") + "]")
        }
        return (conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND "), values)
    }
}
