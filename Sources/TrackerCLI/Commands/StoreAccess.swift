import TrackerStore

/// Opens the database a command works on. Commands that read or change
/// existing runs refuse a missing file instead of creating an empty one,
/// which would only answer "no runs" and leave a stray file behind; on a
/// server they refuse a schema without a tracker store for the same reason.
enum StoreAccess {
    static func openExisting(_ arguments: ParsedArguments, context: CommandContext) throws -> Store {
        try openExisting(path: CommonOptions.databasePath(arguments, environment: context.environment))
    }

    static func openExisting(path: String) throws -> Store {
        try DatabaseFile.requireExisting(path)
        var options = Store.Options()
        options.createsStore = false
        return try Store(path: path, options: options)
    }

    /// For commands that only read: the file is opened read-only, so they
    /// work on a database the user may not write, and a run found dead is
    /// shown crashed without anything being written.
    static func openForReading(_ arguments: ParsedArguments, context: CommandContext) throws -> Store {
        try openForReading(path: CommonOptions.databasePath(arguments, environment: context.environment))
    }

    static func openForReading(path: String) throws -> Store {
        try DatabaseFile.requireExisting(path)
        var options = Store.Options()
        options.readOnly = true
        options.createsStore = false
        return try Store(path: path, options: options)
    }
}
