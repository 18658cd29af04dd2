import Foundation
import Testing
import TrackerStore
@testable import Sweeps

@Suite("Sweep session: start, kill, resume, score")
struct SweepSessionTests {
    @Test func aKilledSweepResumesToTheSameScoreboardAsAnUninterruptedOne() throws {
        let fixture = try SweepFixture()
        defer { fixture.close() }
        let definition = try fixture.definition([SweepOptionInput("wd", "1e-5,1e-4,1e-3,1e-2,1e-1,1")], seeds: [0, 1])
        let pool = WorkerPool(workers: 2, databasePath: fixture.path)
        let journal = ExecutionJournal()
        let killed = try SweepSession.start(
            definition.sweepSpec(name: "interrupted"), store: fixture.store, pool: pool,
            makeExecutor: { SyntheticTrialExecutor(sweepID: $0.id, epochs: 8, journal: journal) },
            shouldStop: { journal.startedCount >= 5 })
        #expect(killed.sweep.status == .killed && killed.sweep.endedAt != nil)
        #expect(killed.skipped == 0 && !killed.report.notStarted.isEmpty)

        let resumed = try SweepSession.resume(
            killed.sweep.id, store: fixture.store, pool: pool,
            makeExecutor: { SyntheticTrialExecutor(sweepID: $0.id, epochs: 8) }, shouldStop: { false })
        #expect(resumed.sweep.status == .finished)
        #expect(resumed.skipped == killed.report.outcomes.count)
        #expect(resumed.report.outcomes.count == 12 - killed.report.outcomes.count)
        #expect(try fixture.count("SELECT count(*) FROM runs") == 12)

        let straight = try SweepSession.start(
            definition.sweepSpec(name: "straight"), store: fixture.store, pool: pool,
            makeExecutor: { SyntheticTrialExecutor(sweepID: $0.id, epochs: 8) }, shouldStop: { false })
        #expect(straight.sweep.status == .finished && straight.skipped == 0)
        #expect(resumed.scoreboard.scores.map(\.values.count) == straight.scoreboard.scores.map(\.values.count))
        for (left, right) in zip(resumed.scoreboard.scores, straight.scoreboard.scores) {
            #expect(left.setting == right.setting && abs(left.mean! - right.mean!) < 1e-12)
        }
        #expect(resumed.scoreboard.best?.setting["wd"] == .number(1e-3))

        let again = try SweepSession.resume(
            straight.sweep.id, store: fixture.store, pool: pool,
            makeExecutor: { SyntheticTrialExecutor(sweepID: $0.id, epochs: 8) }, shouldStop: { false })
        #expect(again.skipped == 12 && again.report.outcomes.isEmpty && again.sweep.status == .finished)
        #expect(try fixture.count("SELECT count(*) FROM runs") == 24)
    }
}
