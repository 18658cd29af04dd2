import TrackerStore
import Training

/// `tracker run checkpoint RUN FILE --step N --kind K`: stores the file's bytes now.
public enum RunCheckpointCommand: Command {
    static let step = OptionSpec("step", valueName: "n", help: "The step whose weights the file holds.", isRequired: true)
    static let kind = OptionSpec(
        "kind", choice: StoredCheckpointKind.self,
        help: "best and last are kept once per run (a new one replaces the old); periodic and manual accumulate.",
        default: .manual)
    static let kept = OptionSpec.flag("kept", help: "Also record this step as the one whose weights the final model holds.")

    public static let spec = CommandSpec(
        name: "checkpoint",
        abstract: "Store a checkpoint file of a running run in the database (content-addressed).",
        discussion: """
            The file is read at once, so the script may overwrite it right after. Identical \
            bytes are stored once, whichever runs they belong to.
            """,
        options: [step, kind, kept, CommonOptions.database],
        positionals: [
            PositionalSpec("run", help: "The run's name or id."),
            PositionalSpec("file", help: "The checkpoint file (any format)."),
        ],
        examples: [Example("tracker run checkpoint $RUN model.bin --step 3 --kind best --kept", "The best weights, kept.")])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let step: Int = try arguments.value(step.name) ?? 0
        let kind: StoredCheckpointKind = try arguments.value(kind.name) ?? .manual
        let file = arguments.string("file") ?? ""
        let bytes: [UInt8]
        do {
            bytes = try DataCatalog.readFile(file)
        } catch {
            throw CommandFailure("checkpoint \(error)")
        }
        let open = try OpenRun(arguments, context: context)
        defer { open.store.close() }
        try open.store.saveCheckpoint(open.run.id, kind: kind, step: step, bytes: bytes)
        if arguments.isSet(kept.name) { try open.store.setBestStep(open.run.id, step: step) }
        try open.store.touchHeartbeat(of: open.run.id)
    }
}
