import TrackerStore

/// The running run a `tracker run log|checkpoint|finish` call names, with
/// the store it lives in. A run that has ended is refused: logging to it
/// would change a result someone may already have read.
struct OpenRun {
    let store: Store
    let run: Run

    init(_ arguments: ParsedArguments, context: CommandContext) throws {
        store = try StoreAccess.openExisting(arguments, context: context)
        do {
            run = try RunResolver(store: store).run(arguments.string("run") ?? "")
        } catch {
            store.close()
            throw error
        }
        guard run.status == .running else {
            store.close()
            let hint = run.status == .crashed
                ? "the script that started it exited; keep 'tracker run start' and 'log' in one script, or pass --owner-pid"
                : "start a new run to record more"
            throw CommandFailure("run '\(run.name)' has ended (\(run.status.rawValue)); \(hint)")
        }
    }
}
