import TrackerStore

/// Opens the database a command works on. Commands that read or change
/// existing runs refuse a missing file instead of creating an empty one,
/// which would only answer "no runs" and leave a stray file behind.
enum StoreAccess {
    static func openExisting(_ arguments: ParsedArguments, context: CommandContext) throws -> Store {
        let path = CommonOptions.databasePath(arguments, environment: context.environment)
        try DatabaseFile.requireExisting(path)
        return try Store(path: path)
    }
}
