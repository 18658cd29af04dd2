import TrackerStore

/// What resuming a sweep has left to do: its plan's units split by what
/// their runs reached.
///
/// A unit is done when some run of it finished or was pruned (pruning is a
/// verdict, not an accident). It is to run again when it has no run, or
/// only killed, crashed or failed ones. A run still `running` belongs to a
/// live process (opening the store marks dead ones crashed), so its unit is
/// left to that process.
public struct ResumePlan: Sendable, Equatable {
    public var done: [TrialUnit]
    public var toRun: [TrialUnit]
    public var inProgress: [TrialUnit]

    public init(plan: TrialPlan, runs: [SweepRunRecord]) {
        var statuses: [TrialUnit.Key: Set<RunStatus>] = [:]
        for run in runs {
            guard let trial = run.trial, let seed = run.seed else { continue }
            statuses[TrialUnit.Key(trial: trial, seed: seed, fold: run.fold), default: []].insert(run.status)
        }
        (done, toRun, inProgress) = ([], [], [])
        for unit in plan.units {
            let seen = statuses[unit.key] ?? []
            if !seen.isDisjoint(with: [.finished, .pruned]) {
                done.append(unit)
            } else if seen.contains(.running) {
                inProgress.append(unit)
            } else {
                toRun.append(unit)
            }
        }
    }

    /// Reads the sweep's definition and runs from the store.
    public init(sweep: Sweep, store: Store) throws {
        self.init(plan: TrialPlan(try SweepDefinition(sweep: sweep)), runs: try store.sweepRuns(sweep.id))
    }
}
