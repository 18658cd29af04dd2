import Foundation
import TrackerStore

/// One setting's result over its seeds and folds.
public struct SettingScore: Sendable, Equatable {
    public var trial: Int
    public var setting: TrialSetting
    /// The objective's best value of each finished run of the trial.
    public var values: [Double]
    /// The finished runs behind `values`, in the same order.
    public var runIDs: [RunID] = []
    public var planned: Int
    public var pruned: Int
    /// failed, killed or crashed runs.
    public var unsuccessful: Int

    public var finished: Int { values.count }
    public var mean: Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }

    /// The sample standard deviation (n - 1); nil with fewer than two values.
    public var standardDeviation: Double? {
        SampleSpread.meanAndDeviation(values).sd
    }

    /// Eligible to be the best: something finished and nothing was pruned as poor.
    public var isComplete: Bool { !values.isEmpty && pruned == 0 }
}

/// A sweep's settings scored by its objective: what the end of `tracker
/// sweep`, `retune` and `lineage` report.
public struct SweepScoreboard: Sendable, Equatable {
    public var sweep: Sweep
    public var definition: SweepDefinition
    /// In trial order.
    public var scores: [SettingScore]

    /// Scores a sweep from its runs: each run's objective is its best value
    /// (`run_summary` min or max as the sweep's direction says), averaged
    /// over the trial's finished runs.
    public init(sweep: Sweep, store: Store) throws {
        // Seeds are not in the comparison rows: one query for all of them.
        let seeds = Dictionary(uniqueKeysWithValues: try store.sweepRuns(sweep.id).map { ($0.runID, $0.seed ?? 0) })
        self.sweep = sweep
        definition = try SweepDefinition(sweep: sweep)
        let plan = TrialPlan(definition)
        scores = plan.trials.enumerated().map {
            SettingScore(trial: $0.offset, setting: $0.element, values: [], planned: plan.unitsPerTrial, pruned: 0, unsuccessful: 0)
        }
        let comparison = try store.comparison(RunFilter(sweepID: sweep.id), objective: sweep.objective, direction: sweep.direction)
        // Oldest first, so a rerun unit's later run is the one that counts.
        var latest: [TrialUnit.Key: Comparison.Row] = [:]
        for row in comparison.rows.reversed() {
            guard let trial = row.trial, trial < scores.count else { continue }
            let seed = seeds[row.runID] ?? 0
            latest[TrialUnit.Key(trial: trial, seed: seed, fold: row.fold)] = row
        }
        for (key, row) in latest.sorted(by: { $0.value.runID < $1.value.runID }) {
            switch row.status {
            case .finished:
                if let value = comparison.objectiveValue(of: row) {
                    scores[key.trial].values.append(value)
                    scores[key.trial].runIDs.append(row.runID)
                }
            case .pruned: scores[key.trial].pruned += 1
            case .running: break
            case .failed, .killed, .crashed: scores[key.trial].unsuccessful += 1
            }
        }
    }

    /// The complete setting with the best mean; ties go to the earlier trial.
    public var best: SettingScore? {
        scores.filter(\.isComplete).min { left, right in
            sweep.direction.isWorse(right.mean!, than: left.mean!)
                || (left.mean! == right.mean! && left.trial < right.trial)
        }
    }

    /// The `tracker train` command that reproduces a setting on the sweep's
    /// data with its first seed: the fixed options, then the setting.
    public func reproducingCommand(for score: SettingScore) -> String {
        let seed = definition.configuration.seeds.first ?? 0
        if let external = definition.configuration.external {
            // An outside command: `tracker exec` with the setting as params.
            let values = definition.configuration.fixed.merging(score.setting.values) { _, swept in swept }
            var words = ["tracker", "exec"]
            for key in values.keys.sorted() { words += ["--param", "\(key)=\(values[key]!.argument ?? "true")"] }
            words += ["--seed", String(seed)]
            if let dataset = external.dataset { words += ["--dataset", dataset] }
            return (words + ["--"] + external.command).map(ShellQuoting.quote).joined(separator: " ")
        }
        let arguments = ["tracker", "train"]
            + definition.commandWords(setting: score.setting, seed: definition.configuration.seeds.first ?? 0)
        return arguments.map(ShellQuoting.quote).joined(separator: " ")
    }
}

/// Quotes a word for a POSIX shell only when it needs it.
public enum ShellQuoting {
    public static func quote(_ word: String) -> String {
        let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:/=+@%")
        if !word.isEmpty, word.unicodeScalars.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
