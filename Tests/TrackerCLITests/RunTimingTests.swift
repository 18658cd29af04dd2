import Foundation
import Testing
import TrackerStore
@testable import TrackerCLI

@Suite struct RunTimingTests {
    @Test func storeTimestampsReadBackToTheMillisecond() throws {
        let date = Date(timeIntervalSince1970: 1_795_000_000.125)
        let text = Timestamp.string(from: date)
        let parsed = try #require(RunTiming.date(text))
        #expect(abs(parsed.timeIntervalSince1970 - 1_795_000_000.125) < 1e-6)
        // The hand parser (store format) and Foundation (other ISO-8601) agree.
        let viaFoundation = try #require(RunTiming.date("2026-11-21T19:50:13Z"))
        #expect(RunTiming.date("2026-11-21T19:50:13.000Z") == viaFoundation)
        #expect(RunTiming.date("not a time") == nil)
    }

    @Test func durationRunsFromStartToEndOrLastHeartbeat() throws {
        let fixture = try FixtureDatabase()
        var run = try fixture.store.createRun(RunSpec(name: "r"))
        run.startedAt = "2026-11-21T10:00:00.000Z"
        run.status = .finished
        run.endedAt = "2026-11-21T10:03:05.500Z"
        #expect(RunTiming.seconds(run) == 185.5)
        #expect(RunTiming.text(run) == "3m06s")
        // Running: up to now, not to the last heartbeat (often the start).
        run.status = .running
        run.endedAt = nil
        run.heartbeatAt = "2026-11-21T10:00:00.000Z"
        let now = try #require(RunTiming.date("2026-11-21T10:00:42.000Z"))
        #expect(run.status == .running)
        #expect(RunTiming.text(run, now: now) == "42s so far")
        #expect(RunTiming.text(run, now: now, compact: true) == "42s+")
        // Crashed: up to the last heartbeat, the last moment it was known alive.
        run.status = .crashed
        run.heartbeatAt = "2026-11-21T10:00:42.000Z"
        run.endedAt = "2026-11-21T10:00:42.000Z"
        #expect(RunTiming.seconds(run, now: now.addingTimeInterval(3600)) == 42)
        #expect(RunTiming.text(run) == "at least 42s (until its last heartbeat)")
    }

    /// Millisecond timestamps give a duration in milliseconds: what export
    /// and show print, and what run_overview.duration_s says in SQL.
    @Test func durationsAreWholeMillisecondsAsStored() throws {
        let fixture = try FixtureDatabase()
        var run = try fixture.store.createRun(RunSpec(name: "r"))
        run.status = .finished
        for (start, end, seconds) in [
            ("2026-12-07T18:31:24.520Z", "2026-12-07T18:31:24.536Z", 0.016),
            ("2026-12-07T17:55:08.431Z", "2026-12-07T17:55:08.664Z", 0.233),
            ("2026-12-07T23:59:59.999Z", "2026-12-08T00:00:00.001Z", 0.002),
        ] {
            run.startedAt = start
            run.endedAt = end
            #expect(RunTiming.seconds(run) == seconds, "\(start) to \(end)")
        }
    }
}
