import TrackerStore

/// Asynchronous successive halving (ASHA, as in Optuna's pruner of that
/// name): rungs at epochs r, r*eta, r*eta^2, ...; a trial reaching a rung
/// continues only if its value there is among the best 1/eta of every value
/// recorded at that rung so far (its own included, at least one kept).
/// Trials are judged as they arrive, so workers never wait for a rung to
/// fill; `minimumTrials` other values are needed before anyone is stopped.
public struct SuccessiveHalving: Pruner {
    public var minimumEpochs: Int
    public var reductionFactor: Int
    public var minimumTrials: Int

    public init(minimumEpochs: Int = 5, reductionFactor: Int = 3, minimumTrials: Int = 3) {
        self.minimumEpochs = max(1, minimumEpochs)
        self.reductionFactor = max(2, reductionFactor)
        self.minimumTrials = minimumTrials
    }

    /// Whether `epoch` is a rung: minimumEpochs * reductionFactor^k.
    public func isRung(_ epoch: Int) -> Bool {
        var rung = minimumEpochs
        while rung < epoch {
            let (next, overflow) = rung.multipliedReportingOverflow(by: reductionFactor)
            if overflow { return false }
            rung = next
        }
        return rung == epoch
    }

    public func shouldPrune(epoch: Int, value: Double, direction: Direction, history: any PruningHistory) throws -> Bool {
        guard isRung(epoch) else { return false }
        // Every trial that reached the rung counts: running, finished and pruned alike.
        let others = try history.values(atEpoch: epoch, statuses: [])
        guard others.count >= max(1, minimumTrials) else { return false }
        let kept = max(1, (others.count + 1) / reductionFactor)
        // Its rank among them: how many did strictly better. Ties favour the trial.
        let rank = others.filter { direction.isWorse(value, than: $0) }.count
        return rank >= kept
    }
}
