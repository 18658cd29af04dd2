import Foundation
import Glibc
import PostgreSQL
import PostgresTestSupport
import Testing
import TrackerStore

/// `tracker push` through the real executable: a file pushed into a
/// PostgreSQL schema (when a server is configured, and always under CI).
@Suite struct PushCommandTests {
    /// Under CI (`CI` set) the server test runs even without a server, and fails.
    static let targets: [PushTarget] = TestServer.shouldRun ? [.file, .postgresql] : [.file]

    enum PushTarget: String, CustomTestStringConvertible, Sendable {
        case file, postgresql
        var testDescription: String { rawValue }
    }

    @Test(arguments: targets)
    func pushCopiesEndedRunsOnceAndPrintsTheSummary(target: PushTarget) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sourcePath = directory.path("laptop.db")
        var options = Store.Options()
        options.nameSeed = 3
        let source = try Store(path: sourcePath, options: options)
        var pointCount = 0
        for index in 0..<3 {
            let run = try source.createRun(RunSpec(name: "run-\(index)", params: ["wd": .real(Double(index) * 1e-3)]))
            let points = (0..<(20 + index)).map { MetricPoint(key: MetricKey.valLoss, step: $0, value: 1 / Double($0 + 1 + index)) }
            try source.logMetrics(run.id, points: points)
            try source.saveCheckpoint(run.id, kind: .last, step: points.count - 1, bytes: [UInt8(index), 7, 7])
            try source.finishRun(run.id)
            pointCount += points.count
        }
        // Alive: its writer is this test process.
        try source.createRun(RunSpec(name: "still-going"))
        source.close()
        let schema = target == .postgresql ? try Schema() : nil
        defer { withExtendedLifetime(schema) {} }
        let location = schema?.url ?? directory.path("shared.db")

        let first = try runTrackerBinary(["push", sourcePath, "--to", location])
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(first.stderr.contains("not pushed: 1 run is still running in \(sourcePath) (still-going); push again after it ends"),
                "\(first.stderr)")
        #expect(first.stdout == "pushed 3 runs (\(pointCount) points, 3 checkpoints), skipped 0 already there\n", "\(first.stdout)")

        let again = try runTrackerBinary(["push", sourcePath, "--to", location, "--format", "json"])
        #expect(again.exitCode == 0, "\(again.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["pushed"] as? Int == 0)
        #expect(rows.first?["skipped"] as? Int == 3)
        #expect(rows.first?["points"] as? Int == 0)

        // Back out of the target into a new file: a store pushes as a source too.
        let back = directory.path("back.db")
        let returned = try runTrackerBinary(["push", location, "--to", back, "--format", "csv"])
        #expect(returned.exitCode == 0, "\(returned.stderr)")
        #expect(returned.stdout == "pushed,updated,skipped,points,checkpoints,still_running,warnings\n3,0,0,\(pointCount),3,0,0\n")
        let copied = try Store(path: back)
        defer { copied.close() }
        #expect(try copied.runs().map(\.name).sorted() == ["run-0", "run-1", "run-2"])
        #expect(try copied.params(of: copied.run(named: "run-1").id) == ["wd": .real(1e-3)])
    }

    @Test func aMissingTargetIsAUsageErrorAMissingSourceAFailureAndNoPasswordIsShown() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try runTrackerBinary(["push", directory.path("laptop.db")])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--to"), "\(result.stderr)")
        let missing = try runTrackerBinary(["push", directory.path("laptop.db"), "--to", directory.path("shared.db")])
        #expect(missing.exitCode == 1)
        #expect(missing.stderr.hasPrefix("Error: no database at '\(directory.path("laptop.db"))' to push from;"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("laptop.db")), "the source is never made")
        #expect(try runTrackerBinary(["push", "--help"]).stdout.contains("--to <store>"))

        // A server that cannot be reached is named without its password.
        let source = try Store(path: directory.path("laptop.db"))
        source.close()
        let unreachable = try runTrackerBinary(["push", directory.path("laptop.db"), "--to", "postgresql://me:s3cret@127.0.0.1:1/tracker"])
        #expect(unreachable.exitCode == 1)
        #expect(!unreachable.stdout.contains("s3cret") && !unreachable.stderr.contains("s3cret"), "\(unreachable.stderr)")
    }

    /// Pushing from a server schema that holds no store is refused, and the
    /// schema is left as it was: a source is only ever read.
    @Test(.enabled(if: TestServer.shouldRun)) func anEmptySourceSchemaIsRefusedAndLeftEmpty() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let schema = try Schema()
        let result = try runTrackerBinary(["push", schema.url, "--to", directory.path("shared.db")])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("no tracker store in schema \(schema.name)"), "\(result.stderr)")
        let server = try PostgresConnection(url: try #require(TestServer.url))
        defer { server.close() }
        #expect(try server.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = $1", schema.name, as: Int.self) == 0)
    }

    /// A new, empty schema on the server, dropped when the test ends.
    final class Schema {
        let name: String
        let url: String

        init() throws {
            (url, name) = try CLITestServer.freshSchema()
        }

        deinit {
            TestServer.dropSchema(name)
        }
    }
}
