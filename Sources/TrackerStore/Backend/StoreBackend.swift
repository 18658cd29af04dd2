/// Which database server a store lives in.
public enum StoreBackend: Sendable, Equatable {
    /// One file on this machine (or `:memory:`).
    case sqlite
    /// A PostgreSQL database, shared by many machines.
    case postgresql

    /// The backend `location` names: a `postgresql://` or `postgres://`
    /// connection URI (libpq's two spellings) is a server; anything else is a file path.
    public init(location: String) {
        let lowered = location.prefix(16).lowercased()
        self = lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://") ? .postgresql : .sqlite
    }

    /// A subquery of the integers of a JSON array bound to its one
    /// parameter (`[3,5,8]`): any number of ids as one bound value.
    var integersOfJSONArray: String {
        switch self {
        case .sqlite: "SELECT value FROM json_each(?)"
        case .postgresql: "SELECT value::bigint FROM jsonb_array_elements_text(CAST(? AS jsonb))"
        }
    }

    /// A subquery of the strings of a JSON array bound to parameter `parameter`.
    func textsOfJSONArray(parameter: Int) -> String {
        switch self {
        case .sqlite: "SELECT value FROM json_each(?\(parameter))"
        case .postgresql: "SELECT jsonb_array_elements_text(CAST(?\(parameter) AS jsonb))"
        }
    }
}
