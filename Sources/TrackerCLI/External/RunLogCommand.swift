import TrackerStore

/// `tracker run log RUN --step N KEY=VALUE...`: one step's metrics.
public enum RunLogCommand: Command {
    static let step = OptionSpec("step", valueName: "n", help: "The step (epoch) the values belong to.", isRequired: true)

    public static let spec = CommandSpec(
        name: "log",
        abstract: "Log one step's metrics of a running run (and refresh its heartbeat).",
        discussion: """
            Each metric is logged once per step: a repeated (metric, step) is refused with a \
            message and nothing of that call is written. NaN is refused too (end the run as \
            failed instead). With no metrics, the call only says the run is alive.
            """,
        options: [step, CommonOptions.database],
        positionals: [
            PositionalSpec("run", help: "The run's name or id, as 'tracker run start' printed it."),
            PositionalSpec("metric", help: "NAME=NUMBER, e.g. val_loss=0.52.", arity: .zeroOrMore),
        ],
        examples: [Example("tracker run log $RUN --step 3 train_loss=0.41 val_loss=0.52", "Log step 3.")])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let step: Int = try arguments.value(step.name) ?? 0
        let metrics = try KeyValueArguments.metrics(arguments.strings("metric"))
        let open = try OpenRun(arguments, context: context)
        defer { open.store.close() }
        if metrics.isEmpty {
            try open.store.touchHeartbeat(of: open.run.id)
        } else {
            // A fresh store writes the heartbeat with the first metrics it logs.
            try open.store.logMetrics(open.run.id, step: step, metrics)
        }
    }
}
