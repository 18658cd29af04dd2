import Foundation
import TrackerStore

/// `tracker push SOURCE --to TARGET`: copy a store's runs into another
/// (see `RunTransfer`, which does the work).
public enum PushCommand: Command {
    static let target = OptionSpec(
        "to", valueName: "store",
        help: "The store to copy into: a postgresql:// URL (any libpq URI) or a file, made if missing.",
        isRequired: true)

    public static let spec = CommandSpec(
        name: "push",
        abstract: "Copy the runs of one store into another (a laptop's file into the shared PostgreSQL store), idempotently.",
        discussion: """
            Runs are known by their uuid in every store: pushing again copies only what the target \
            lacks. Each run goes in one transaction with its params, tags, notes, metrics, \
            summaries, checkpoints (their bytes stored once per content) and exec record; its data \
            set (matched by name, content, target and task) and sweep (matched by uuid, re-tuning \
            lineage kept when both sweeps are pushed) are found in the target or made there, under \
            the same version or name when free, else the next version or NAME-2. A run still \
            running in SOURCE is not pushed (push again after it ends); a run the target holds as \
            crashed, killed or running that has since ended in SOURCE is replaced by the newer \
            state. An interrupted push leaves whole runs; running it again completes it. SOURCE is \
            only read. The password in a URL is never printed.
            """,
        options: [target] + RunSelectionOptions.all + [CommonOptions.format()],
        positionals: [PositionalSpec("source", help: "The store to copy from: a file such as laptop.db, or a postgresql:// URL.")],
        examples: [
            Example("tracker push tracker.db --to postgresql://me@db.lab/tracker", "Copy every ended run to the shared store."),
            Example("tracker push node7.db --to postgresql://me@db.lab/tracker --sweep wd-search", "Only one sweep's runs."),
            Example("tracker push tracker.db --to backup.db --format json", "Into another file; the summary as JSON."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let format = try CommonOptions.format(arguments)
        let sourcePath = arguments.string("source") ?? ""
        guard let targetLocation = arguments.string(target.name), !targetLocation.isEmpty else {
            throw UsageError.invalid("--to is empty; give the store to copy into, e.g. --to postgresql://user@host/dbname")
        }
        let source = try openSource(sourcePath)
        defer { source.close() }
        let filter = try RunSelection.filter(arguments, store: source)
        let destination = try Store(path: targetLocation)
        defer { destination.close() }
        let progress = PushProgress(context: context)
        // Ctrl-C stops between runs: each run is one transaction, so what
        // was pushed is whole, and pushing again goes on from there.
        Interrupt.install()
        defer { Interrupt.uninstall() }
        let summary = try RunTransfer(from: source, to: destination).push(filter) { step in
            progress.update(step)
            if Interrupt.wasRequested {
                progress.finish()
                throw CommandInterrupted(
                    "Interrupted after \(step.done) of \(step.total) runs; those pushed are whole: push again to copy the rest.")
            }
        }
        progress.finish()
        for warning in summary.warnings { context.printError("warning: \(warning)") }
        if !summary.stillRunning.isEmpty {
            let count = summary.stillRunning.count
            // A few names say which; a busy node's hundreds would bury the summary.
            let names = summary.stillRunning.prefix(5).joined(separator: ", ") + (count > 5 ? " and \(count - 5) more" : "")
            context.printError(
                "not pushed: \(count) run\(count == 1 ? " is" : "s are") still running in \(source.database.displayName) "
                    + "(\(names)); push again after \(count == 1 ? "it ends" : "they end")")
        }
        if format == .table {
            context.print(sentence(summary))
        } else {
            context.print(table(summary), as: format)
        }
    }

    /// The store to copy from, read-only: a file must exist (a missing one
    /// would be made empty and push nothing), a server schema must hold a
    /// store (an empty one is refused, not given tables).
    static func openSource(_ location: String) throws -> Store {
        if StoreBackend(location: location) == .sqlite, !FileManager.default.fileExists(atPath: location) {
            throw CommandFailure("no database at '\(location)' to push from; give the file (or postgresql:// URL) to copy runs from")
        }
        // Read-only, and on a server a schema without a store is refused, never made.
        return try StoreAccess.openForReading(path: location)
    }

    /// "pushed 3 runs (360 points, 4 checkpoints), skipped 1 already there".
    static func sentence(_ summary: RunTransferSummary) -> String {
        var text = "pushed \(summary.pushed) run\(summary.pushed == 1 ? "" : "s") "
            + "(\(summary.points) point\(summary.points == 1 ? "" : "s"), "
            + "\(summary.checkpoints) checkpoint\(summary.checkpoints == 1 ? "" : "s"))"
        if summary.updated > 0 { text += ", updated \(summary.updated) that ended since" }
        return text + ", skipped \(summary.skipped) already there"
    }

    static func table(_ summary: RunTransferSummary) -> DataTable {
        var table = DataTable(columns: ["pushed", "updated", "skipped", "points", "checkpoints", "still_running", "warnings"])
        table.append([
            .int(summary.pushed), .int(summary.updated), .int(summary.skipped), .int(summary.points),
            .int(summary.checkpoints), .int(summary.stillRunning.count), .int(summary.warnings.count),
        ])
        return table
    }
}
