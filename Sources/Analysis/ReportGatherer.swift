import Foundation
import TrackerStore
import Training
import Plots
import Sweeps
import EngineRecording

/// Collects a report's data: the comparison exactly as `tracker compare`
/// builds it, each run's history as `tracker history` reads it, the sweep's
/// scoreboard and lineage, and the best run's checkpoint.
public struct ReportGatherer {
    /// Beyond this many runs the curves become a tangle: the best ones are plotted.
    public static let maximumCurves = Palette.categorical.count

    public var store: Store

    public init(store: Store) {
        self.store = store
    }

    public func gather(_ filter: RunFilter, objective: String, direction: Direction, title: String) throws -> ReportData {
        let comparison = try store.comparison(filter, objective: objective, direction: direction)
        var omissions: [ReportData.Omission] = []
        let ordered = ComparisonRanking.order(comparison).map { comparison.rows[$0] }
        let plotted = Array(ordered.prefix(Self.maximumCurves))
        let curves = try plotted.map(curves(of:))

        var scoreboard: SweepScoreboard?
        var lineage: [LineageStep] = []
        if let sweepID = filter.sweepID {
            let sweep = try store.sweep(id: sweepID)
            do {
                scoreboard = try SweepScoreboard(sweep: sweep, store: store)
            } catch {
                omissions.append(.sweepPlots(error))
            }
            if scoreboard != nil {
                let newest = try newestDescendant(of: sweep)
                if newest.id != sweep.id || sweep.parentSweepID != nil {
                    lineage = try Lineage.steps(endingAt: newest.id, in: store)
                }
            }
        }

        var weights: WeightDiagnostics?
        var sineFit: SineFit?
        if let best = comparison.best ?? ordered.first {
            do {
                (weights, sineFit) = try checkpointPlots(of: best.name)
            } catch {
                omissions.append(.weightDiagnostics(error))
            }
        }
        return ReportData(
            title: title, comparison: comparison, curves: curves,
            omittedCurves: ordered.count - plotted.count, sweep: scoreboard, lineage: lineage, weights: weights,
            sineFit: sineFit, omissions: omissions)
    }

    private func curves(of row: Comparison.Row) throws -> ReportData.RunCurves {
        let run = try store.run(id: row.runID)
        var histories: [String: [MetricHistoryPoint]] = [:]
        for metric in ReportData.plottedMetrics {
            let points = try store.history(of: row.runID, metric: metric).map { MetricHistoryPoint(step: $0.step, value: $0.value) }
            if !points.isEmpty { histories[metric] = points }
        }
        let lastStep = histories.values.compactMap { $0.last?.step }.max()
        return ReportData.RunCurves(
            name: row.name, notes: run.notes, histories: histories, bestStep: row.bestStep,
            earlyStopStep: run.stopReason == .earlyStopping ? lastStep : nil)
    }

    /// The latest re-tuning of `sweep`, following the newest child at each step.
    private func newestDescendant(of sweep: Sweep) throws -> Sweep {
        var current = sweep
        var seen: Set<SweepID> = [sweep.id]
        while let child = try store.childSweeps(of: current.id).last, seen.insert(child.id).inserted {
            current = child
        }
        return current
    }

    /// Weight diagnostics from the run's kept checkpoint and, on the sine
    /// task, the function it fitted. A run without checkpoints (logged by a
    /// script, not trained here) has neither.
    private func checkpointPlots(of name: String) throws -> (WeightDiagnostics?, SineFit?) {
        let stored = try StoredRun(name, in: store)
        let kinds = [stored.keptCheckpointKind, .best, .last]
        guard let kind = try kinds.first(where: { try store.checkpoint(stored.run.id, kind: $0) != nil }) else {
            return (nil, nil)
        }
        let checkpoint = try stored.checkpoint(kind, in: store)
        let model = try stored.model(in: checkpoint)
        let threshold = stored.params["sparsity_threshold"]?.number ?? TrainingConfiguration().sparsityThreshold
        let weights = WeightDiagnostics(
            run: name, checkpointKind: kind.rawValue, epoch: checkpoint.record.step, model: model, threshold: threshold)
        guard case .text(NoisySine.name)? = stored.params["dataset"], model.architecture.inputs == 1 else { return (weights, nil) }
        let data = try stored.rebuildData(in: store)
        return (weights, SineFit(run: name, model: model, data: data))
    }
}
