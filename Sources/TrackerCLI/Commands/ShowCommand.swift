import Foundation
import Plots
import TrackerStore

/// `tracker show RUN`: everything about one run.
public enum ShowCommand: Command {
    public static let spec = CommandSpec(
        name: "show",
        abstract: "Show everything about one run: params, metrics, checkpoints, tags, notes, lineage.",
        discussion: """
            A run is named by its name or by its numeric id. Metrics show their last, \
            minimum and maximum values with the epochs they were reached at, and their value \
            at the best epoch (of the monitored metric). The best epoch and the kept epoch \
            (whose weights the final model holds, and its test metrics were measured with) \
            are told apart: without early stopping the weights kept are the last epoch's. \
            The gap is val_loss - train_eval_loss at the best epoch, both in eval mode; \
            train_loss is the training-mode batch mean (dropout and noise on), as Keras logs it.
            """,
        options: [CommonOptions.database, CommonOptions.format([.table, .csv, .json])],
        positionals: [PositionalSpec("run", help: "The run's name or id.")],
        examples: [
            Example("tracker show brave-otter-17", "One run, for people."),
            Example("tracker show 12 --format json", "Run 12 as one JSON object."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let format = try CommonOptions.format(arguments)
        let store = try StoreAccess.openForReading(arguments, context: context)
        defer { store.close() }
        let run = try RunResolver(store: store).run(arguments.string("run") ?? "")
        let details = try RunDetails(run: run, store: store)
        switch format {
        case .json: context.print(try json(details))
        case .csv: context.print(fields(details), as: .csv)
        default: context.print(text(details, width: context.terminal.stdoutIsTerminal ? context.terminal.width : nil))
        }
    }

    // MARK: Text

    static func text(_ details: RunDetails, width: Int?) -> String {
        let run = details.run
        var fields: [(String, String?)] = [
            ("run", "\(NameRules.escaped(run.name)) (id \(run.id))"),
            ("status", details.statusLabel),
            ("resumed", details.resumedAtStep.map { "after epoch \($0), from its last checkpoint (tracker train --resume)" }),
            ("error", run.error),
            ("dataset", details.datasetLabel),
            ("group", run.group.map(NameRules.escaped)),
            ("lineage", details.lineageLabel),
            ("seed", run.seed.map(String.init)),
            ("created", RunTiming.short(run.createdAt).map { $0 + " UTC" }),
            ("started", RunTiming.short(run.startedAt).map { $0 + " UTC" }),
            ("ended", RunTiming.short(run.endedAt).map { $0 + " UTC" }),
            ("duration", RunTiming.text(run)),
            ("epochs", details.epochs.map(String.init)),
            ("best epoch", details.bestEpochLabel),
            ("gap", details.gap.map { NumberFormatting.compact($0) + " (val_loss - train_eval_loss at the best epoch)" }),
            ("host", run.host.map { host in run.pid.map { "\(host), pid \($0)" } ?? host }),
            ("command", run.command),
            ("source", details.originLabel),
            ("git", details.gitLabel),
            ("exit code", details.sourceRecord?.exitCode.map(String.init)),
            ("problems", details.problemsLabel),
            ("tags", details.tags.isEmpty ? nil : details.tags.joined(separator: ", ")),
            ("notes", run.notes),
        ]
        fields = fields.filter { $0.1 != nil }
        let labelWidth = fields.map(\.0.count).max() ?? 0
        var sections = [fields.map { $0.0.padding(to: labelWidth) + "  " + $0.1! }.joined(separator: "\n")]

        if !details.params.isEmpty {
            var params = DataTable(columns: ["param", "value"])
            for (key, value) in details.params { params.append([.text(key), ParamCells.cell(value)]) }
            sections.append("PARAMS\n" + OutputFormat.table.render(params, width: width))
        }
        if !details.metrics.isEmpty {
            var metrics = DataTable(columns: ["metric", "at_best", "last", "last_epoch", "min", "min_epoch", "max", "max_epoch", "points"])
            for (name, summary, atBest) in details.metrics {
                metrics.append([
                    .text(name), .real(atBest), .real(summary.lastValue), .int(summary.lastStep),
                    .real(summary.minValue), .int(summary.minStep), .real(summary.maxValue), .int(summary.maxStep),
                    .int(summary.count),
                ])
            }
            sections.append("METRICS\n" + OutputFormat.table.render(metrics, width: width))
        } else if details.hasUnsummarizedMetrics {
            sections.append("METRICS\n(not summarized: this run has metrics written by other means; run `tracker reindex` to summarize them)\n")
        } else {
            sections.append("METRICS\n(none logged)\n")
        }
        if !details.checkpoints.isEmpty {
            var checkpoints = DataTable(columns: ["kind", "epoch", "size", "sha256", "saved"])
            for checkpoint in details.checkpoints {
                checkpoints.append([
                    .text(checkpoint.kind.rawValue), .int(checkpoint.step), .text(ByteCount.text(checkpoint.size)),
                    .text(String(checkpoint.sha256.prefix(12))), .text(RunTiming.short(checkpoint.createdAt)),
                ])
            }
            sections.append("CHECKPOINTS\n" + OutputFormat.table.render(checkpoints, width: width))
        }
        if let tail = details.sourceRecord?.stdoutTail, !tail.isEmpty { sections.append("STDOUT (last lines)\n" + tail) }
        if let tail = details.sourceRecord?.stderrTail, !tail.isEmpty { sections.append("STDERR (last lines)\n" + tail) }
        return sections.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }.joined(separator: "\n\n")
    }

    // MARK: JSON

    static func json(_ details: RunDetails) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object(details), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: CSV

    /// The JSON object flattened to one `field,value` row per leaf, fields
    /// named by their path (`params.wd`, `metrics.val_loss.min`,
    /// `checkpoints.0.kind`), in sorted order: one record in a shape a
    /// spreadsheet or `csv.reader` takes.
    static func fields(_ details: RunDetails) -> DataTable {
        var rows: [[Cell]] = []
        func visit(_ value: Any, path: String) {
            switch value {
            case let object as [String: Any]:
                for key in object.keys.sorted() { visit(object[key]!, path: path.isEmpty ? key : path + "." + key) }
            case let array as [Any]:
                for (index, element) in array.enumerated() { visit(element, path: path + ".\(index)") }
            case let text as String: rows.append([.text(path), .text(text)])
            case let integer as Int: rows.append([.text(path), .integer(Int64(integer))])
            case let integer as Int64: rows.append([.text(path), .integer(integer)])
            case let number as Double: rows.append([.text(path), .real(number)])
            case is NSNull: rows.append([.text(path), .null])
            default: rows.append([.text(path), .text("\(value)")])
            }
        }
        visit(object(details), path: "")
        return DataTable(columns: ["field", "value"], rows: rows)
    }

    /// Everything about the run as JSON-ready values, shared by --format json and csv.
    static func object(_ details: RunDetails) -> [String: Any] {
        let run = details.run
        var object: [String: Any] = [
            "id": run.id, "name": run.name, "status": run.status.rawValue, "created_at": run.createdAt,
            "tags": details.tags,
        ]
        let optional: [String: Any?] = [
            "stop_reason": run.stopReason?.rawValue, "error": run.error, "group": run.group, "seed": run.seed,
            "started_at": run.startedAt, "ended_at": run.endedAt, "duration_s": RunTiming.seconds(run),
            "epochs": details.epochs, "best_epoch": details.bestEpoch, "kept_epoch": details.keptEpoch, "gap": details.gap, "command": run.command, "notes": run.notes,
            "host": run.host, "pid": run.pid, "sweep_id": run.sweepID, "trial": run.trial, "fold": run.fold,
            "resumed_at_epoch": details.resumedAtStep,
        ]
        for case let (key, value?) in optional { object[key] = value }
        if let source = details.origin.source {
            object["source"] = source.rawValue
            if let externalID = details.origin.externalID { object["external_id"] = externalID }
        }
        if let record = details.sourceRecord {
            let fields: [String: Any?] = [
                "git_commit": record.gitCommit, "git_dirty": record.gitDirty, "exit_code": record.exitCode,
                "stdout_tail": record.stdoutTail, "stderr_tail": record.stderrTail,
            ]
            for case let (key, value?) in fields { object[key] = value }
            object["git_diff_truncated"] = record.gitDiffTruncated
            object["malformed_lines"] = record.malformedLines
            object["rejected_points"] = record.rejectedPoints
        }
        if let dataset = details.dataset {
            object["dataset"] = [
                "id": dataset.id, "name": dataset.name, "version": dataset.version, "fingerprint": dataset.fingerprint,
                "rows": dataset.rows, "features": dataset.features, "task": dataset.task.rawValue,
            ] as [String: Any]
        }
        object["params"] = Dictionary(uniqueKeysWithValues: details.params.map { ($0.key, ParamCells.json($0.value)) })
        object["metrics"] = Dictionary(uniqueKeysWithValues: details.metrics.map { name, summary, atBest in
            var metric: [String: Any] = [
                "last": finite(summary.lastValue), "last_epoch": summary.lastStep,
                "min": finite(summary.minValue), "min_epoch": summary.minStep,
                "max": finite(summary.maxValue), "max_epoch": summary.maxStep, "points": summary.count,
            ]
            metric["at_best"] = atBest.map(finite) ?? NSNull()
            return (name, metric)
        })
        object["checkpoints"] = details.checkpoints.map { checkpoint -> [String: Any] in
            ["kind": checkpoint.kind.rawValue, "epoch": checkpoint.step, "size": checkpoint.size,
             "sha256": checkpoint.sha256, "created_at": checkpoint.createdAt]
        }
        if !details.sweepLineage.isEmpty {
            object["sweep_lineage"] = details.sweepLineage.map { ["id": $0.id, "name": $0.name] as [String: Any] }
        }
        return object
    }

    /// JSON has no NaN or infinity.
    private static func finite(_ value: Double) -> Any { value.isFinite ? value : NSNull() }
}
