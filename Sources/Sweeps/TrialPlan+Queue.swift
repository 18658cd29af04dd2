import TrackerStore

extension TrialPlan {
    /// The plan's units as the sweep's queue holds them: the position in
    /// `units` is the unit number, so any worker maps a claim back to its setting.
    public var slots: [SweepTrialSlot] {
        units.enumerated().map { index, unit in SweepTrialSlot(unit: index, trial: unit.trial, seed: unit.seed, fold: unit.fold) }
    }
}
