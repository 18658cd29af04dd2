import Testing
import TrackerStore
@testable import Sweeps

/// Fixed evidence: values by status at each epoch.
private struct FixedHistory: PruningHistory {
    var finished: [Double] = []
    var others: [Double] = []
    func values(atEpoch epoch: Int, statuses: [RunStatus]) throws -> [Double] {
        statuses == [.finished] ? finished : finished + others
    }
}

@Suite("Sweep pruning: median rule and successive halving")
struct SweepPrunerTests {
    @Test func medianStopsTrialsWorseThanTheFinishedMedianAfterWarmup() throws {
        let pruner = MedianPruner(warmupEpochs: 3, minimumFinishedTrials: 3)
        let history = FixedHistory(finished: [0.2, 0.4, 0.9], others: [0.01, 0.01, 0.01])
        #expect(try pruner.shouldPrune(epoch: 4, value: 0.41, direction: .min, history: history))
        #expect(try !pruner.shouldPrune(epoch: 4, value: 0.4, direction: .min, history: history))
        #expect(try !pruner.shouldPrune(epoch: 3, value: 5, direction: .min, history: history), "still warming up")
        #expect(try pruner.shouldPrune(epoch: 4, value: 0.39, direction: .max, history: history))
        #expect(try !pruner.shouldPrune(epoch: 4, value: 0.5, direction: .max, history: history))
        let few = FixedHistory(finished: [0.2, 0.4], others: [0.1, 0.1])
        #expect(try !pruner.shouldPrune(epoch: 9, value: 5, direction: .min, history: few), "too few finished trials")
        #expect(MedianPruner.median([3, 1, 2, 10]) == 2.5 && MedianPruner.median([7]) == 7)
    }

    @Test func halvingJudgesOnlyAtRungsAndKeepsTheTopThird() throws {
        let pruner = SuccessiveHalving(minimumEpochs: 2, reductionFactor: 3, minimumTrials: 2)
        #expect([1, 2, 3, 6, 7, 18, 54].map(pruner.isRung) == [false, true, false, true, false, true, true])
        // Five others at the rung: with the trial, six values, the best two go on.
        let history = FixedHistory(finished: [0.1, 0.5], others: [0.3, 0.7, 0.9])
        #expect(try !pruner.shouldPrune(epoch: 6, value: 0.05, direction: .min, history: history))
        #expect(try !pruner.shouldPrune(epoch: 6, value: 0.2, direction: .min, history: history))
        #expect(try !pruner.shouldPrune(epoch: 6, value: 0.3, direction: .min, history: history), "ties favour the trial")
        #expect(try pruner.shouldPrune(epoch: 6, value: 0.31, direction: .min, history: history))
        #expect(try !pruner.shouldPrune(epoch: 7, value: 9, direction: .min, history: history), "not a rung")
        #expect(try !pruner.shouldPrune(epoch: 6, value: 0.8, direction: .max, history: history))
        #expect(try pruner.shouldPrune(epoch: 6, value: 0.6, direction: .max, history: history))
        let lonely = FixedHistory(finished: [0.1])
        #expect(try !pruner.shouldPrune(epoch: 2, value: 9, direction: .min, history: lonely), "too few trials at the rung")
    }

    @Test func monitorStopsOnceAndIgnoresEpochsWithoutTheMetric() throws {
        let monitor = TrialPruningMonitor(
            pruner: MedianPruner(warmupEpochs: 0, minimumFinishedTrials: 1), history: FixedHistory(finished: [0.5]),
            metric: "val_loss", direction: .min)
        #expect(try !monitor.shouldStop(epoch: 1, metrics: ["train_loss": 9]))
        #expect(try !monitor.shouldStop(epoch: 2, metrics: ["val_loss": 0.4]))
        #expect(monitor.prunedAtEpoch == nil)
        #expect(try monitor.shouldStop(epoch: 3, metrics: ["val_loss": 0.6]))
        #expect(monitor.prunedAtEpoch == 3)
    }

    @Test func rulesParseAndBuildTheirPruners() throws {
        #expect(try PruningRule(option: "median") == .defaultMedian)
        #expect(try PruningRule(option: "none").makePruner() == nil)
        #expect(try PruningRule(option: "halving").makePruner() is SuccessiveHalving)
        let error = #expect(throws: SweepDefinitionError.self) { try PruningRule(option: "hyperband") }
        #expect(error?.message.contains("median, halving or none") == true)
    }
}
