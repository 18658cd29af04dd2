import Foundation
import PostgresTestSupport
import Testing
@testable import TrackerCLI

/// Every command on `--db postgresql://...`, end to end through the real
/// `tracker` binary, each test in a schema of its own on the test server.
/// Every URL carries a password the trust-auth server never asks for, and
/// `tracker(_:)` checks that no command prints it.
@Suite(.enabled(if: TestServer.shouldRun, "no PostgreSQL test server: set TRACKER_TEST_POSTGRES_URL (CI always runs these)"))
struct ServerStoreCommandTests {
    /// Runs `tracker WORDS` and records an issue when its output holds the password.
    @discardableResult
    func tracker(_ words: [String], environment: [String: String] = [:]) throws -> CLIResult {
        let result = try runTrackerBinary(words, environment: environment)
        #expect(!result.stdout.contains(CLITestServer.password), "'tracker \(words.prefix(2).joined(separator: " "))' printed the password")
        #expect(!result.stderr.contains(CLITestServer.password), "'tracker \(words.prefix(2).joined(separator: " "))' printed the password")
        return result
    }

    /// A fresh schema with a tracker store in it.
    func initializedStore() throws -> (url: String, schema: String) {
        let store = try CLITestServer.freshSchema()
        let result = try tracker(["init", "--db", store.url])
        try #require(result.exitCode == 0, "\(result.stderr)")
        return store
    }

    func train(_ name: String, seed: Int = 3, epochs: Int = 3, quiet: Bool = true, db: String) throws -> CLIResult {
        let result = try tracker(
            ["train", "--dataset", "sine", "--epochs", "\(epochs)", "--seed", "\(seed)", "--name", name, "--db", db] + (quiet ? ["--quiet"] : []))
        try #require(result.exitCode == 0, "\(result.stderr)")
        return result
    }

    func sqlRows(_ query: String, db: String) throws -> [String] {
        let result = try tracker(["sql", "--format", "csv", query, "--db", db])
        try #require(result.exitCode == 0, "\(result.stderr)")
        return Array(result.stdout.split(separator: "\n").dropFirst().map(String.init))
    }

    @Test func readingCommandsRefuseASchemaWithoutAStoreAndInitCreatesIt() throws {
        let (url, schema) = try CLITestServer.freshSchema()
        for words in [["runs"], ["compare"], ["show", "some-run"], ["ui"], ["tag", "some-run", "x"]] {
            let result = try tracker(words + ["--db", url])
            #expect(result.exitCode == 1, "tracker \(words[0])")
            #expect(result.stderr.hasPrefix("Error: no tracker store in schema \(schema) of "), "tracker \(words[0]): \(result.stderr)")
            #expect(result.stderr.contains("tracker init --db"))
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        // None of them made a table.
        #expect(try sqlRows("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", db: url) == ["0"])

        let created = try tracker(["init", "--db", url])
        #expect(created.exitCode == 0)
        #expect(created.stdout.hasPrefix("schema \(schema) of postgresql://"))
        #expect(created.stdout.contains("applied migrations 1, "))
        let again = try tracker(["init", "--db", url])
        #expect(again.stdout.contains("is up to date"))
        #expect(try tracker(["runs", "--db", url]).exitCode == 0)
    }

    @Test func anUnreachableServerOrAMissingSchemaIsOneLineAndExitOne() throws {
        let (url, _) = try CLITestServer.freshSchema()
        let missingSchema = url.replacing(/csearch_path%3D\w+/, with: "csearch_path%3Dno_such_schema_here")
        let nowhere = "postgresql://tracker:\(CLITestServer.password)@127.0.0.1:1/nothing"
        for (database, expected) in [(missingSchema, "names no schema that exists"), (nowhere, "could not connect to")] {
            for words in [["runs"], ["train", "--dataset", "sine", "--epochs", "1"], ["init"], ["sql", "SELECT 1"]] {
                let result = try tracker(words + ["--db", database])
                #expect(result.exitCode == 1, "tracker \(words[0]) on \(expected)")
                #expect(result.stderr.contains(expected), "tracker \(words[0]): \(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "tracker \(words[0]): \(result.stderr)")
            }
        }
    }

    @Test func aTrainedRunIsComparedWithTheNumbersItHasOnAFile() throws {
        let (url, _) = try initializedStore()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("same.db")
        // Progress and the closing lines name the store without the password.
        let progress = try train("pg-trained", quiet: false, db: url)
        #expect(progress.stdout.contains("--db 'postgresql://tracker:***@"), "\(progress.stdout)")
        _ = try train("pg-trained", db: file)

        // The same seed trains the same numbers; the server keeps them exactly.
        let onServer = try tracker(["compare", "--format", "json", "--db", url])
        let onFile = try tracker(["compare", "--format", "json", "--db", file])
        #expect(onServer.exitCode == 0)
        #expect(onServer.stdout.contains("\"run\": \"pg-trained\""))
        #expect(onServer.stdout == onFile.stdout)

        // The recorded command repeats --db without the password.
        let command = try sqlRows("SELECT command FROM runs WHERE name = 'pg-trained'", db: url)
        #expect(command.count == 1)
        #expect(command.first?.contains("--db 'postgresql://tracker:***@") == true, "\(command)")
        let show = try tracker(["show", "pg-trained", "--db", url])
        #expect(show.stdout.contains(":***@"))
    }

    @Test func sqlOnTheServerOnlyReadsUnlessWriteIsGiven() throws {
        let (url, _) = try initializedStore()
        _ = try train("kept-name", epochs: 2, db: url)

        let update = try tracker(["sql", "UPDATE runs SET name = 'changed'", "--db", url])
        #expect(update.exitCode == 1)
        #expect(update.stderr.contains("pass --write"))
        let escape = try tracker(["sql", "SET TRANSACTION READ WRITE", "--db", url])
        #expect(escape.exitCode == 1)
        #expect(try sqlRows("SELECT name FROM runs", db: url) == ["kept-name"])

        let write = try tracker(["sql", "--write", "UPDATE runs SET notes = 'set by sql' WHERE name = 'kept-name'", "--db", url])
        #expect(write.stdout == "1 row(s) changed.\n")
        #expect(try tracker(["show", "kept-name", "--db", url]).stdout.contains("set by sql"))

        let two = try tracker(["sql", "SELECT 1; SELECT 2", "--db", url])
        #expect(two.exitCode == 64)
        #expect(two.stderr.contains("more than one SQL statement"))
        let slow = try tracker(["sql", "--timeout", "0.2", "SELECT pg_sleep(30)", "--db", url])
        #expect(slow.exitCode == 1)
        #expect(slow.stderr.contains("ran longer than 0.2 s"))
    }

    @Test(arguments: ["table", "csv", "json"])
    func sqlPrintsTheCellsSQLitePrints(format: String) throws {
        let (url, _) = try initializedStore()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("same.db")
        _ = try train("same-run", epochs: 2, db: url)
        _ = try train("same-run", epochs: 2, db: file)
        let queries = [
            // jsonb params: a string, a real, an integer, a list and a flag.
            "SELECT key, value FROM params WHERE key IN ('optimizer', 'lr', 'epochs', 'hidden', 'batchnorm') ORDER BY key",
            "SELECT NULL AS empty, 2 AS whole, 1.5 AS half, 'text' AS word, 3 > 2 AS yes, 7 / 2 AS quotient",
            "SELECT name, status, best_epoch, kept_epoch, best_val_loss FROM run_overview",
        ]
        for query in queries {
            let onServer = try tracker(["sql", "--format", format, query, "--db", url])
            let onFile = try tracker(["sql", "--format", format, query, "--db", file])
            #expect(onServer.exitCode == 0, "\(onServer.stderr)")
            #expect(onFile.exitCode == 0, "\(onFile.stderr)")
            #expect(onServer.stdout == onFile.stdout, "\(query)")
        }
    }

    @Test func tagNoteAndDeleteChangeWhatShowPrints() throws {
        let (url, _) = try initializedStore()
        _ = try train("kept-run", epochs: 2, db: url)
        _ = try train("doomed-run", seed: 5, epochs: 2, db: url)

        #expect(try tracker(["tag", "kept-run", "baseline", "--db", url]).exitCode == 0)
        #expect(try tracker(["note", "kept-run", "trained on the server", "--db", url]).exitCode == 0)
        let shown = try tracker(["show", "kept-run", "--db", url]).stdout
        #expect(shown.split(separator: "\n").contains { $0.hasPrefix("tags") && $0.hasSuffix("baseline") })
        #expect(shown.split(separator: "\n").contains { $0.hasPrefix("notes") && $0.hasSuffix("trained on the server") })

        let deleted = try tracker(["delete", "doomed-run", "--yes", "--db", url])
        #expect(deleted.exitCode == 0, "\(deleted.stderr)")
        #expect(try tracker(["show", "doomed-run", "--db", url]).exitCode == 1)
        #expect(try sqlRows("SELECT name FROM runs ORDER BY id", db: url) == ["kept-run"])
    }

    @Test func uiServesTheRunsOfAServerStore() throws {
        let (url, _) = try initializedStore()
        _ = try train("shown-in-ui", epochs: 2, db: url)
        let ui = try UIProcess(database: url)
        defer { ui.stop() }
        let runs = try ui.get("/")
        #expect(runs.hasPrefix("HTTP/1.1 200"))
        #expect(runs.contains("shown-in-ui"))
        #expect(runs.contains("tracker:***@"))
        #expect(!runs.contains(CLITestServer.password))
        let run = try ui.get("/runs/shown-in-ui")
        #expect(run.hasPrefix("HTTP/1.1 200"))
        #expect(!run.contains(CLITestServer.password))
    }

    @Test func sweepsAndTheCommandsThatReadThemWorkOnTheServer() throws {
        let (url, _) = try initializedStore()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sweep = try tracker(["sweep", "--dataset", "sine", "--epochs", "2", "--lr", "0.01,0.001", "--workers", "2", "--db", url])
        #expect(sweep.exitCode == 0, "\(sweep.stderr)")
        let trials = try sqlRows("SELECT name FROM runs WHERE sweep_id IS NOT NULL AND status = 'finished' ORDER BY id", db: url)
        #expect(trials.count == 2)
        let run = try #require(trials.first)

        #expect(try tracker(["compare", "--sweep", "1", "--db", url]).stdout.contains(run))
        let history = try tracker(["history", run, "--metric", "val_loss", "--format", "csv", "--db", url])
        #expect(history.stdout.split(separator: "\n").count == 3)
        for words in [["diagnose", run], ["eval", run], ["checkpoint", "list", run], ["lineage", "1"], ["datasets"], ["reindex"], ["runs"]] {
            let result = try tracker(words + ["--db", url])
            #expect(result.exitCode == 0, "tracker \(words[0]): \(result.stderr)")
        }
        let report = directory.path("report.html")
        #expect(try tracker(["report", "--sweep", "1", "-o", report, "--db", url]).exitCode == 0)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains(run) && !html.contains(CLITestServer.password))
        let export = directory.path("runs.csv")
        #expect(try tracker(["export", "--format", "csv", "-o", export, "--db", url]).exitCode == 0)
        #expect(try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n").count == 3)
        let checkpoint = directory.path("best.ckpt")
        #expect(try tracker(["checkpoint", "export", run, "-o", checkpoint, "--db", url]).exitCode == 0)
        #expect(FileManager.default.fileExists(atPath: checkpoint))
    }

    @Test func outsideRunsAndImportsRecordOnTheServer() throws {
        let (url, _) = try initializedStore()
        let environment = ["TRACKER_DB": url]
        let exec = try tracker(
            ["exec", "--name", "outside", "--", "/bin/sh", "-c", #"echo '@tracker {"step": 1, "metrics": {"val_loss": 0.25}}'"#],
            environment: environment)
        #expect(exec.exitCode == 0, "\(exec.stderr)")
        #expect(try tracker(["run", "start", "--name", "from-shell"], environment: environment).exitCode == 0)
        #expect(try tracker(["run", "log", "from-shell", "--step", "1", "val_loss=0.5"], environment: environment).exitCode == 0)
        #expect(try tracker(["run", "finish", "from-shell"], environment: environment).exitCode == 0)
        #expect(try sqlRows("SELECT run_name, value FROM metric_history ORDER BY run_name", db: url) == ["from-shell,0.5", "outside,0.25"])
        #expect(try sqlRows("SELECT status FROM runs ORDER BY id", db: url) == ["finished", "finished"])
        let commands = try sqlRows("SELECT command FROM runs ORDER BY id", db: url)
        #expect(commands.allSatisfy { !$0.contains("postgresql") }, "\(commands)")

        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../RunImportTests/Fixtures/mlflow2.db").standardized.path
        let first = try tracker(["import", "mlflow", fixture, "--format", "csv"], environment: environment)
        let second = try tracker(["import", "mlflow", fixture, "--format", "csv"], environment: environment)
        #expect(first.exitCode == 0, "\(first.stderr)")
        let created = first.stdout.split(separator: "\n").last?.split(separator: ",").map(String.init)
        let repeated = second.stdout.split(separator: "\n").last?.split(separator: ",").map(String.init)
        #expect((created?[2]).flatMap { Int($0) } ?? 0 > 0)
        // Importing again adds nothing: every run is unchanged.
        #expect(repeated?[2] == "0" && repeated?[4] == created?[2])
    }
}
