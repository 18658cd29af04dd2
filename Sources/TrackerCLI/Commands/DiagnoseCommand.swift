import Foundation
import TrackerStore
import Analysis

/// `tracker diagnose RUN`: underfitting, overfitting or healthy, why, and
/// the `tracker train` command to run next.
public enum DiagnoseCommand: Command {
    public static let spec = CommandSpec(
        name: "diagnose",
        abstract: "Classify a run as underfitting, overfitting (mild or severe) or healthy, and say what to try next.",
        discussion: """
            Reads the run's train_loss, val_loss and (when logged) weight_norm curves: the \
            train/val gap relative to val_loss, whether val_loss rose after its best epoch, \
            whether train_loss was still falling, and whether the weights kept growing. The \
            evidence is printed in numbers with the thresholds it was held to; the next step \
            comes from the regularization playbook as a 'tracker train' command built from \
            the run's own params.
            """,
        options: [
            CommonOptions.database, CommonOptions.format([.table, .json]),
            .flag("prefer-sparse", help: "You want sparse weights: recommend L1 (or elastic net) first."),
        ],
        positionals: [PositionalSpec("run", help: "The run's name or id.")],
        examples: [
            Example("tracker diagnose brave-otter-17", "The verdict, the evidence and the next command."),
            Example("tracker diagnose 12 --prefer-sparse --format json", "The same as JSON, preferring L1."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let format = try CommonOptions.format(arguments)
        let store = try StoreAccess.openForReading(arguments, context: context)
        defer { store.close() }
        let run = try RunResolver(store: store).run(arguments.string("run") ?? "")
        let databasePath = arguments.isExplicit(CommonOptions.database.name)
            ? try CommonOptions.databasePath(arguments, environment: context.environment) : nil
        guard let assessment = try assess(
            run, in: store, preferSparse: arguments.isSet("prefer-sparse"), databasePath: databasePath) else {
            let missing = try store.history(of: run.id, metric: MetricKey.trainLoss).isEmpty ? MetricKey.trainLoss : MetricKey.valLoss
            throw CommandFailure("run '\(run.name)' has no \(missing) history; diagnose needs train_loss and val_loss per epoch")
        }
        let (diagnosis, recommendations, commands) = (assessment.diagnosis, assessment.recommendations, assessment.commands)
        switch format {
        case .json: context.print(try json(run: run, diagnosis: diagnosis, recommendations: recommendations, commands: commands))
        default:
            var text = text(run: run, diagnosis: diagnosis, recommendations: recommendations, commands: commands)
            if !assessment.gapInEvalMode {
                text += "\n\nNote: this run logged no train_eval_loss, so the gap uses train_loss, measured in training mode "
                    + "(dropout and noise on): with those, a small or negative gap does not mean a good fit."
            }
            context.print(text)
        }
    }

    /// What `diagnose` says of a run: the verdict, the playbook's
    /// recommendations and the command for each. Shared by this command and
    /// the dashboard's run page.
    struct Assessment {
        var diagnosis: Diagnosis
        var recommendations: [Recommendation]
        var commands: [String]
        /// Whether the gap was judged on train_eval_loss (false: train_loss stood in).
        var gapInEvalMode: Bool
    }

    /// nil when the run lacks train and val loss history.
    static func assess(_ run: Run, in store: Store, preferSparse: Bool, databasePath: String?) throws -> Assessment? {
        // The gap is judged in eval mode on both sides: train_eval_loss where
        // the run logged it. train_loss (dropout and noise on) stands in only
        // for runs without it, older or external ones.
        let trainEval = try store.history(of: run.id, metric: MetricKey.trainEvalLoss)
        let train = trainEval.isEmpty ? try store.history(of: run.id, metric: MetricKey.trainLoss) : trainEval
        let val = try store.history(of: run.id, metric: MetricKey.valLoss)
        guard var judged = Diagnosis.Evidence(
            train: train, val: val, weightNorm: try store.history(of: run.id, metric: MetricKey.weightNorm)) else { return nil }
        if run.status == .failed && run.stopReason == .diverged { judged.isUnstable = true }
        judged.keptEpoch = run.keptStep
        let diagnosis = Diagnosis(judged)
        let dataset = try run.datasetID.map(store.dataset(id:))
        var params = try store.params(of: run.id)
        if params["seed"] == nil, let seed = run.seed { params["seed"] = .integer(seed) }
        let facts = Playbook.RunFacts(
            params: params, datasetRows: dataset?.rows, task: dataset?.task, seed: run.seed, preferSparse: preferSparse)
        let recommendations = Playbook.recommendations(for: diagnosis, facts: facts)
        let commandLine = TrainCommandLine(
            dataset: TrainCommandLine.datasetArgument(params: params, dataset: dataset), params: params, databasePath: databasePath)
        return Assessment(
            diagnosis: diagnosis, recommendations: recommendations,
            commands: recommendations.map { commandLine.applying($0.changes).text }, gapInEvalMode: !trainEval.isEmpty)
    }

    static func text(run: Run, diagnosis: Diagnosis, recommendations: [Recommendation], commands: [String]) -> String {
        var lines = ["\(run.name): \(diagnosis.verdict.rawValue)", "", "Evidence:"]
        lines += diagnosis.findings.map { "  - " + $0 }
        if let first = recommendations.first {
            lines += ["", "Next: \(first.title)", "  because \(first.reason)", "  " + commands[0]]
        }
        if recommendations.count > 1 {
            lines += ["", "Also worth trying:"]
            for (recommendation, command) in zip(recommendations, commands).dropFirst() {
                lines += ["  - \(recommendation.title): \(recommendation.reason)", "    " + command]
            }
        }
        return lines.joined(separator: "\n")
    }

    static func json(run: Run, diagnosis: Diagnosis, recommendations: [Recommendation], commands: [String]) throws -> String {
        let e = diagnosis.evidence
        func finite(_ value: Double?) -> Any { value.flatMap { $0.isFinite ? $0 : nil } ?? NSNull() }
        let object: [String: Any] = [
            "run": run.name,
            "verdict": diagnosis.verdict.rawValue,
            "evidence": [
                "epochs": e.epochs, "best_epoch": e.bestEpoch, "best_val_loss": finite(e.bestValLoss),
                "final_val_loss": finite(e.finalValLoss), "final_train_loss": finite(e.finalTrainLoss),
                "first_train_loss": finite(e.firstTrainLoss), "train_loss_at_best": finite(e.trainLossAtBest),
                "final_gap": finite(e.finalGap), "gap_at_best": finite(e.gapAtBest), "late_rise": finite(e.lateRise),
                "train_loss_fraction": finite(e.trainLossFraction), "recent_train_loss_fall": finite(e.recentTrainLossFall),
                "weight_norm_growth": finite(e.weightNormGrowth),
            ] as [String: Any],
            "findings": diagnosis.findings,
            "recommendations": zip(recommendations, commands).map { recommendation, command -> [String: Any] in
                ["title": recommendation.title, "reason": recommendation.reason, "command": command,
                 "changes": Dictionary(uniqueKeysWithValues: recommendation.changes.map { key, value in
                     (key, value.map(ParamCells.json) ?? NSNull())
                 })]
            },
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
