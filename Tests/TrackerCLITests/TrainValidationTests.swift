import Foundation
import Testing
@testable import TrackerCLI

/// Every bad `tracker train` is refused before anything is recorded.
@Suite struct TrainValidationTests {
    struct BadInput: Sendable, CustomStringConvertible {
        var words: [String]
        var exitCode: Int32
        var message: String
        var description: String { words.joined(separator: " ") }
    }

    static let badInputs = [
        BadInput(words: ["--dataset", "mnist"], exitCode: 64, message: "Invalid value 'mnist' for '--dataset'"),
        BadInput(words: ["--dataset", "BAD_CSV"], exitCode: 1, message: "'x' is not a number"),
        BadInput(words: ["--dataset", "MISSING_CSV"], exitCode: 1, message: "cannot read the file"),
        BadInput(words: ["--dataset", "moons", "--dropout", "-0.1"], exitCode: 64, message: "Invalid value '-0.1' for '--dropout'"),
        BadInput(words: ["--dataset", "moons", "--dropout", "1"], exitCode: 64, message: "expected a number in [0, 1)"),
        BadInput(words: ["--dataset", "moons", "--dropout", "0.2,1.5"], exitCode: 64, message: "'--dropout'"),
        BadInput(words: ["--dataset", "moons", "--wd", "abc"], exitCode: 64, message: "Invalid value 'abc' for '--wd'"),
        BadInput(words: ["--dataset", "moons", "--init", "normal"], exitCode: 64, message: "normal:SCALE"),
        BadInput(words: ["--dataset", "moons", "--batchnorm", "--layernorm"], exitCode: 64, message: "at most one"),
        BadInput(words: ["--dataset", "moons", "--monitor", "val_acc"], exitCode: 64, message: "add --early-stop"),
        BadInput(words: ["--dataset", "sine", "--label-smoothing", "0.1"], exitCode: 64, message: "classification only"),
        BadInput(words: ["--dataset", "digits", "--data-noise", "0.1"], exitCode: 64, message: "--data-noise applies"),
        BadInput(words: ["--dataset", "moons", "--target", "x"], exitCode: 64, message: "--target chooses a CSV column"),
        BadInput(words: ["--dataset", "moons", "--hidden", "64,0"], exitCode: 64, message: "'--hidden'"),
        BadInput(words: ["--epochs", "3"], exitCode: 64, message: "Missing required option '--dataset"),
    ]

    @Test(arguments: badInputs)
    func rejectedBeforeAnyRunOrDatasetRow(input: BadInput) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        #expect(runCLI(["init", "--db", db]).exitCode == 0)
        try "a,b,y\n1,2,3\n4,x,5\n".write(toFile: directory.path("bad.csv"), atomically: true, encoding: .utf8)
        let words = input.words.map {
            $0 == "BAD_CSV" ? directory.path("bad.csv") : $0 == "MISSING_CSV" ? directory.path("missing.csv") : $0
        }
        let epochs = words.contains("--epochs") ? [] : ["--epochs", "2"]
        let result = runCLI(["train"] + words + epochs + ["--db", db])
        #expect(result.exitCode == input.exitCode, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: "))
        #expect(result.stderr.contains(input.message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try queryScalar(db, "SELECT count(*) FROM runs") == 0)
        #expect(try queryScalar(db, "SELECT count(*) FROM datasets") == 0)
    }

    @Test func aTakenRunNameIsRefusedBeforeRegisteringAnything() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        #expect(trainInProcess(["--dataset", "moons", "--epochs", "1", "--name", "x", "--db", db]).exitCode == 0)
        let again = runCLI(["train", "--dataset", "spirals", "--epochs", "1", "--name", "x", "--db", db])
        #expect(again.exitCode == 1)
        #expect(again.stderr.contains("a run named 'x' already exists"))
        #expect(try queryScalar(db, "SELECT count(*) FROM runs") == 1)
        #expect(try queryScalar(db, "SELECT count(*) FROM datasets") == 1)
    }

    @Test func helpGroupsTheOptionsAndShowsDefaults() {
        let help = runCLI(["train", "--help"])
        #expect(help.exitCode == 0)
        #expect(help.stdout == runCLI(["help", "train"]).stdout)
        for section in ["DATA OPTIONS:", "MODEL OPTIONS:", "OPTIMIZATION OPTIONS:", "REGULARIZATION OPTIONS:", "RUN OPTIONS:"] {
            #expect(help.stdout.contains(section), "\(section)")
        }
        let regularization = help.stdout.components(separatedBy: "REGULARIZATION OPTIONS:")[1].components(separatedBy: "RUN OPTIONS:")[0]
        for option in ["--wd", "--l1", "--l2", "--dropout", "--early-stop", "--mixup", "--noise", "--label-smoothing"] {
            #expect(regularization.contains(option), "\(option)")
        }
        #expect(help.stdout.contains("--hidden <sizes>"))
        #expect(help.stdout.contains("default: 64,64"))
        let typo = runCLI(["train", "--dataset", "moons", "--wdd", "1"])
        #expect(typo.exitCode == 64)
        #expect(typo.stderr.hasPrefix("Error: Unknown option '--wdd'. Did you mean '--wd'?"))
    }

    @Test func theCommandLineIsRebuiltQuotedForTheShell() {
        #expect(TrainRequest.shellQuoted("0.3") == "0.3")
        #expect(TrainRequest.shellQuoted("my data.csv") == "'my data.csv'")
        #expect(TrainRequest.shellQuoted("it's") == "'it'\\''s'")
    }
}
