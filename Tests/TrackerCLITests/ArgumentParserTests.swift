import Testing
@testable import TrackerCLI

private enum Optimizer: String, ArgumentChoice {
    case sgd, momentum, adam, adamw
    static var valueName: String { "optimizer" }
}

private let trainSpec = CommandSpec(
    name: "train",
    abstract: "Train a model.",
    options: [
        OptionSpec("wd", valueName: "value", help: "Weight decay.", defaultValue: "0"),
        OptionSpec("epochs", valueName: "n", help: "Epochs.", defaultValue: "100"),
        OptionSpec("hidden", valueName: "sizes", help: "Hidden layer sizes.", defaultValue: "64,64"),
        OptionSpec("optimizer", choice: Optimizer.self, help: "Optimizer.", default: .adamw),
        OptionSpec("tag", valueName: "tag", help: "A tag.", isRepeatable: true),
        OptionSpec("output", short: "o", valueName: "file", help: "Output file."),
        .flag("batchnorm", help: "Use batch normalization."),
    ],
    positionals: [PositionalSpec("runs", help: "Runs.", arity: .zeroOrMore)])

private func parse(_ words: [String], _ spec: CommandSpec = trainSpec) throws(UsageError) -> ParsedArguments {
    guard case .arguments(let parsed) = try ArgumentParser.parse(words, for: spec) else {
        throw .invalid("help was requested")
    }
    return parsed
}

private func usageError(_ words: [String], _ spec: CommandSpec = trainSpec) -> UsageError? {
    do {
        _ = try parse(words, spec)
        return nil
    } catch {
        return error
    }
}

@Suite struct ArgumentParserTests {
    @Test(arguments: [["--wd", "1e-3"], ["--wd=1e-3"]])
    func bothOptionFormsGiveTheSameValue(words: [String]) throws {
        let parsed = try parse(words)
        #expect(try parsed.value("wd", as: Double.self) == 0.001)
        #expect(parsed.isExplicit("wd"))
    }

    @Test func absentOptionsTakeTheirDefaultThroughTheSameConversion() throws {
        let parsed = try parse([])
        #expect(try parsed.value("epochs", as: Int.self) == 100)
        #expect(try parsed.list("hidden", of: Int.self) == [64, 64])
        #expect(try parsed.value("optimizer", as: Optimizer.self) == .adamw)
        #expect(!parsed.isExplicit("epochs"))
        #expect(try parsed.value("output", as: String.self) == nil)
    }

    @Test func repeatableOptionsKeepEveryValueInOrder() throws {
        let parsed = try parse(["--tag", "baseline", "--tag=l2", "--tag", "v2"])
        #expect(parsed.strings("tag") == ["baseline", "l2", "v2"])
    }

    @Test func aNonRepeatableOptionGivenTwiceIsRefused() {
        #expect(usageError(["--wd", "1", "--wd", "2"]) == .duplicateOption(option: "--wd"))
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try parse(["--batchnorm", "--", "--wd", "-h", "run-1"])
        #expect(parsed.isSet("batchnorm"))
        #expect(parsed.strings("runs") == ["--wd", "-h", "run-1"])
        #expect(!parsed.isExplicit("wd"))
    }

    @Test(arguments: [["-h"], ["--help"], ["--wdd", "3", "-h"]])
    func helpWinsOverEverythingElse(words: [String]) throws {
        guard case .helpRequested = try ArgumentParser.parse(words, for: trainSpec) else {
            Issue.record("expected help for \(words)")
            return
        }
    }

    @Test func shortOptionsTakeValuesBothWays() throws {
        #expect(try parse(["-o", "a.bin"]).string("output") == "a.bin")
        #expect(try parse(["-oa.bin"]).string("output") == "a.bin")
    }

    @Test func negativeNumbersAreValuesNotOptions() throws {
        let parsed = try parse(["--wd", "-1e-3"])
        #expect(try parsed.value("wd", as: Double.self) == -0.001)
    }

    @Test func aValueStartingWithADashNeedsTheEqualsForm() throws {
        #expect(usageError(["--output", "--batchnorm"]) == .missingValue(option: "--output"))
        #expect(try parse(["--output=-weird"]).string("output") == "-weird")
    }

    @Test func aMissingValueAtTheEndIsReported() {
        #expect(usageError(["--wd"]) == .missingValue(option: "--wd"))
    }

    @Test func flagsRefuseValues() {
        #expect(usageError(["--batchnorm=yes"]) == .flagTakesNoValue(flag: "--batchnorm"))
    }

    @Test func unknownOptionsSuggestTheClosestName() {
        #expect(usageError(["--wdd", "1"]) == .unknownOption("--wdd", suggestion: "--wd"))
        #expect(usageError(["--epoch", "3"]) == .unknownOption("--epoch", suggestion: "--epochs"))
        #expect(usageError(["--optimzer", "sgd"]) == .unknownOption("--optimzer", suggestion: "--optimizer"))
        #expect(usageError(["--zzzzzz"]) == .unknownOption("--zzzzzz", suggestion: nil))
        #expect(usageError(["-wd", "1"]) == .unknownOption("-wd", suggestion: "--wd"))
    }

    @Test func theUnknownOptionMessageHasTheAgreedShape() {
        let error = UsageError.unknownOption("--wdd", suggestion: "--wd")
        #expect(error.description == "Unknown option '--wdd'. Did you mean '--wd'?")
    }

    @Test func conversionErrorsNameTheOptionTheValueAndTheExpectation() throws {
        let parsed = try parse(["--wd", "abc", "--epochs", "1.5", "--hidden", "64,x"])
        #expect(throws: UsageError.invalidValue(value: "abc", argument: "--wd", expected: Double.expectation)) {
            try parsed.value("wd", as: Double.self)
        }
        #expect(throws: UsageError.invalidValue(value: "1.5", argument: "--epochs", expected: Int.expectation)) {
            try parsed.value("epochs", as: Int.self)
        }
        do {
            _ = try parsed.list("hidden", of: Int.self)
            Issue.record("a bad list item must fail")
        } catch {
            #expect(error.description == "Invalid value '64,x' for '--hidden': expected a comma-separated list where each item is an integer such as 64.")
        }
    }

    @Test(arguments: ["nan", "inf", "-inf", "1e-3x", ""])
    func doublesRefuseNonFiniteAndMalformedText(text: String) {
        #expect(Double(argument: text) == nil)
    }

    @Test(arguments: [("1e-3", 0.001), ("0.3", 0.3), (".5", 0.5), ("-2", -2.0), ("1E2", 100.0)])
    func doublesAcceptWhatUsersWrite(text: String, expected: Double) {
        #expect(Double(argument: text) == expected)
    }

    @Test func enumChoicesAreListedInTheError() throws {
        let parsed = try parse(["--optimizer", "adamx"])
        do {
            _ = try parsed.value("optimizer", as: Optimizer.self)
            Issue.record("adamx is not an optimizer")
        } catch {
            #expect(error.description == "Invalid value 'adamx' for '--optimizer': expected one of sgd, momentum, adam, adamw. Did you mean 'adam'?")
        }
    }

    @Test func commaListsOfDoubles() throws {
        let parsed = try parse(["--hidden", "0, 1e-4,1e-3"])
        #expect(try parsed.list("hidden", of: Double.self) == [0, 0.0001, 0.001])
        #expect(throws: UsageError.self) { try parse(["--hidden", "1,,2"]).list("hidden", of: Int.self) }
    }
}

@Suite struct PositionalArgumentTests {
    private let spec = CommandSpec(
        name: "copy", abstract: "Copy.",
        positionals: [
            PositionalSpec("source", help: "From.", arity: .oneOrMore),
            PositionalSpec("destination", help: "To."),
        ])

    @Test func aVariadicArgumentLeavesWhatLaterArgumentsNeed() throws {
        let parsed = try parse(["a", "b", "c"], spec)
        #expect(parsed.strings("source") == ["a", "b"])
        #expect(parsed.string("destination") == "c")
    }

    @Test func missingRequiredArgumentsAreNamed() {
        #expect(usageError(["a"], spec) == .missingArgument("<source> ..."))
        #expect(usageError([], spec) == .missingArgument("<source> ..."))
    }

    @Test func extraArgumentsAreRefused() throws {
        let single = CommandSpec(name: "show", abstract: "Show.", positionals: [PositionalSpec("run", help: "Run.")])
        #expect(usageError(["a", "b"], single) == .unexpectedArgument("b"))
        #expect(try parse(["a"], single).string("run") == "a")
    }

    @Test func optionalArgumentsMayBeAbsent() throws {
        let optional = CommandSpec(name: "x", abstract: "X.", positionals: [PositionalSpec("name", help: "N.", arity: .optional)])
        #expect(try parse([], optional).string("name") == nil)
        #expect(try parse(["n"], optional).string("name") == "n")
    }

    @Test func requiredOptionsMustBeGiven() {
        let export = CommandSpec(
            name: "export", abstract: "Export.",
            options: [OptionSpec("output", short: "o", valueName: "file", help: "File.", isRequired: true)])
        #expect(usageError([], export) == .missingOption(option: "--output <file>"))
    }
}

@Suite struct SuggestionTests {
    @Test(arguments: [("wd", "wd", 0), ("trian", "train", 1), ("wdd", "wd", 1), ("kitten", "sitting", 3), ("", "abc", 3)])
    func editDistanceCountsTranspositionsAsOne(a: String, b: String, distance: Int) {
        #expect(Suggestion.editDistance(a, b) == distance)
    }

    @Test func farAwayNamesAreNotSuggested() {
        #expect(Suggestion.closest(to: "trian", in: ["train", "runs", "show"]) == "train")
        #expect(Suggestion.closest(to: "comp", in: ["compare", "runs"]) == "compare")
        #expect(Suggestion.closest(to: "xyz", in: ["train", "runs", "show"]) == nil)
    }
}

@Suite struct ValueRangeTests {
    private let spec = CommandSpec(
        name: "train", abstract: "Train.",
        options: [
            OptionSpec("dropout", valueName: "rate", help: "Dropout.", defaultValue: "0"),
            OptionSpec("epochs", valueName: "n", help: "Epochs.", defaultValue: "100"),
        ])

    @Test(arguments: ["0", "0.3", "0.999"])
    func valuesInsideTheRangePass(text: String) throws {
        let parsed = try parse(["--dropout", text], spec)
        #expect(try parsed.value("dropout", as: Double.self, in: .from(0, below: 1)) == Double(text))
    }

    @Test(arguments: ["-0.1", "1", "1.5"])
    func valuesOutsideTheRangeNameTheRange(text: String) throws {
        let parsed = try parse(["--dropout=\(text)"], spec)
        #expect(throws: UsageError.invalidValue(value: text, argument: "--dropout", expected: "a number in [0, 1)")) {
            try parsed.value("dropout", as: Double.self, in: .from(0, below: 1))
        }
    }

    @Test func everyListItemIsChecked() throws {
        let parsed = try parse(["--dropout", "0.2,1.5"], spec)
        #expect(throws: UsageError.invalidValue(value: "1.5", argument: "--dropout", expected: "a number in [0, 1)")) {
            try parsed.list("dropout", of: Double.self, in: .from(0, below: 1))
        }
    }

    @Test func expectationsReadNaturally() {
        #expect(ValueRange<Int>.atLeast(1).expectation == "an integer >= 1")
        #expect(ValueRange<Double>.greaterThan(0).expectation == "a number > 0")
        #expect(ValueRange<Double>.between(0, 0.5).expectation == "a number in [0, 0.5]")
        #expect(ValueRange<Int>.atLeast(1).contains(1))
        #expect(!ValueRange<Double>.greaterThan(0).contains(0))
    }

    @Test func theDefaultIsCheckedToo() throws {
        let parsed = try parse([], spec)
        #expect(throws: UsageError.self) { try parsed.value("epochs", as: Int.self, in: .atLeast(101)) }
    }
}
