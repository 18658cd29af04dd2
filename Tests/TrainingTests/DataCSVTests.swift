import Foundation
import Testing
@testable import Training

@Suite struct DataCSVTests {
    func read(_ text: String, target: String? = nil, kind: TargetKind = .automatic, schema: DataSchema? = nil) throws -> RawDataset {
        try CSVDataset.read(bytes: Array(text.utf8), file: "data.csv", target: target, kind: kind, schema: schema)
    }

    /// The error a CSV raises, or nil when it reads.
    func error(_ text: String, target: String? = nil, kind: TargetKind = .automatic, schema: DataSchema? = nil) -> DataError? {
        do {
            _ = try read(text, target: target, kind: kind, schema: schema)
            return nil
        } catch {
            return error as? DataError
        }
    }

    // MARK: reading

    @Test func readsFeaturesAndANumericTarget() throws {
        let data = try read("a,b,price\n1,2,10.5\n3,4.5,20.25\n-1,1e2,0.125\n", target: "price")
        #expect(data.task == .regression)
        #expect(data.featureNames == ["a", "b"])
        #expect(data.targetName == "price")
        #expect(data.features == [1, 2, 3, 4.5, -1, 100])
        #expect(data.targets == [10.5, 20.25, 0.125])
        #expect(data.name == "data.csv")
        #expect(data.sourcePath == "data.csv")
    }

    @Test func targetMayBeAnyColumnAndDefaultsToTheLast() throws {
        let middle = try read("a,y,b\n1,5,2\n3,6,4\n", target: "y")
        #expect(middle.featureNames == ["a", "b"])
        #expect(middle.features == [1, 2, 3, 4])
        #expect(middle.targets.count == 2)
        let last = try read("a,b,y\n1,2,0.5\n3,4,1.5\n")
        #expect(last.targetName == "y")
        #expect(last.targets == [0.5, 1.5])
    }

    @Test func textLabelsBecomeClassesInUnicodeOrder() throws {
        let data = try read("x,species\n1,virginica\n2,setosa\n3,versicolor\n4,setosa\n")
        #expect(data.task == .classification(classes: 3))
        #expect(data.classNames == ["setosa", "versicolor", "virginica"])
        #expect(data.targets == [2, 0, 1, 0])
    }

    @Test func fewWholeNumbersAreClassesOrderedByValue() throws {
        let data = try read("x,label\n1,10\n2,2\n3,-1\n4,2.0\n")
        #expect(data.task == .classification(classes: 3))
        #expect(data.classNames == ["-1", "2", "10"])
        #expect(data.targets == [2, 1, 0, 1])
    }

    @Test func manyWholeNumbersOrFractionsAreARegressionTarget() throws {
        let many = (0...CSVDataset.maximumAutomaticClasses).map { "\($0),\($0 * 3)" }.joined(separator: "\n")
        #expect(try read("x,y\n" + many).task == .regression)
        #expect(try read("x,y\n1,1\n2,2.5\n").task == .regression)
    }

    @Test func targetKindCanBeForced() throws {
        let forcedClasses = try read("x,y\n1,0.5\n2,1.5\n3,0.5\n", kind: .classification)
        #expect(forcedClasses.classNames == ["0.5", "1.5"])
        #expect(forcedClasses.targets == [0, 1, 0])
        let forcedRegression = try read("x,y\n1,1\n2,0\n", kind: .regression)
        #expect(forcedRegression.task == .regression)
        #expect(forcedRegression.targets == [1, 0])
    }

    @Test func quotedFieldsFollowRFC4180() throws {
        let text = "\"first, name\",\"say \"\"hi\"\"\",label\r\n\"1\",2,\"multi\r\nline\"\r\n3,\"4\",plain\r\n"
        let data = try read(text)
        #expect(data.featureNames == ["first, name", "say \"hi\""])
        #expect(data.features == [1, 2, 3, 4])
        #expect(data.classNames == ["multi\r\nline", "plain"])
    }

    @Test func toleratesCRLFBareCRByteOrderMarkBlankLinesAndPadding() throws {
        let crlf = try read("a,y\r\n1,2.5\r\n\r\n3,4.5\r\n")
        let cr = try read("a,y\r1,2.5\r3,4.5")
        let bom = try read("\u{FEFF}a,y\n1,2.5\n3,4.5")
        let padded = try read(" a , y \n 1 ,\t2.5\n3, 4.5 \n\n")
        for data in [crlf, cr, bom, padded] {
            #expect(data.featureNames == ["a"])
            #expect(data.targetName == "y")
            #expect(data.features == [1, 3])
            #expect(data.targets == [2.5, 4.5])
        }
    }

    @Test func fingerprintIsTheFileBytes() throws {
        let text = "a,y\n1,2.5\n3,4.5\n"
        #expect(try read(text).contentForFingerprint == Array(text.utf8))
        #expect(try read(text + "5,6.5\n").contentForFingerprint != Array(text.utf8))
    }

    // MARK: every bad CSV names file, line, column and the fix

    @Test func emptyFileAndHeaderOnly() {
        #expect(error("") == .emptyFile(file: "data.csv"))
        #expect(error("\n\r\n") == .emptyFile(file: "data.csv"))
        #expect(error("a,b,y\n") == .headerOnly(file: "data.csv"))
        #expect(error("a,b,y\n")?.description == "data.csv: the file has a header row but no data rows; add at least one data row")
    }

    @Test func missingTargetColumnListsTheColumns() throws {
        let failure = try #require(error("a,b,y\n1,2,3\n", target: "price"))
        #expect(failure == .missingTargetColumn(file: "data.csv", target: "price", columns: ["a", "b", "y"]))
        #expect(failure.description == "data.csv: no column named 'price'; choose the target from the columns: a, b, y")
    }

    @Test func nonNumericCellNamesLineAndColumn() throws {
        let failure = try #require(error("a,b,y\n1,2,3\n4,five,6\n"))
        #expect(failure == .nonNumericCell(file: "data.csv", line: 3, column: 2, name: "b", value: "five"))
        #expect(failure.description.hasPrefix("data.csv:3: column 2 ('b'): 'five' is not a number;"))
    }

    @Test(arguments: ["nan", "NaN", "inf", "-Infinity", "1e39"])
    func nonFiniteCellsAreRejected(value: String) throws {
        let failure = try #require(error("a,b,y\n1,2,3\n4,\(value),6\n"))
        #expect(failure == .nonFiniteCell(file: "data.csv", line: 3, column: 2, name: "b", value: value))
        #expect(failure.description.hasPrefix("data.csv:3: column 2 ('b'): '\(value)' is not a finite number;"))
    }

    @Test func nonFiniteTargetIsRejected() {
        #expect(error("a,y\n1,2\n2,nan\n") == .nonFiniteCell(file: "data.csv", line: 3, column: 2, name: "y", value: "nan"))
    }

    @Test func emptyCellsAreMissingValues() {
        #expect(error("a,b,y\n1,,3\n") == .emptyCell(file: "data.csv", line: 2, column: 2, name: "b"))
        #expect(error("a,b,y\n1,2,\n") == .emptyCell(file: "data.csv", line: 2, column: 3, name: "y"))
    }

    @Test func raggedRowsAreRejected() throws {
        #expect(error("a,b,y\n1,2,3\n4,5\n") == .raggedRow(file: "data.csv", line: 3, expected: 3, found: 2))
        let failure = try #require(error("a,b,y\n1,2,3,4\n"))
        #expect(failure == .raggedRow(file: "data.csv", line: 2, expected: 3, found: 4))
        #expect(failure.description == "data.csv:2: the row has 4 fields but the header has 3; give every row one field per header column")
    }

    @Test func lineNumbersCountLinesInsideQuotedFields() {
        // The quoted field on line 2 spans two lines, so the bad cell is on line 4.
        #expect(error("a,b,y\n1,2,\"x\ny\"\n3,bad,z\n") == .nonNumericCell(file: "data.csv", line: 4, column: 2, name: "b", value: "bad"))
    }

    @Test func brokenQuotingIsRejected() {
        #expect(error("a,y\n1,\"open\n2,3\n") == .unterminatedQuote(file: "data.csv", line: 2, column: 2))
        #expect(error("a,y\n1,\"closed\"junk\n") == .textAfterClosingQuote(file: "data.csv", line: 2, column: 2))
    }

    @Test func headerProblemsAreRejected() {
        #expect(error("a,,y\n1,2,3\n") == .emptyColumnName(file: "data.csv", column: 2))
        #expect(error("a,b,a\n1,2,3\n") == .duplicateColumnName(file: "data.csv", name: "a", columns: [1, 3]))
        #expect(error("y\n1\n2\n") == .noFeatureColumns(file: "data.csv", target: "y"))
    }

    @Test func aTypoInANumericTargetIsNotTurnedIntoClasses() throws {
        let failure = try #require(error("a,y\n1,2.5\n2,3.25\n3,4.x\n"))
        #expect(failure == .nonNumericTarget(file: "data.csv", line: 4, column: 2, name: "y", value: "4.x"))
        #expect(error("a,y\n1,2\n2,oops\n", kind: .regression) == .nonNumericTarget(file: "data.csv", line: 3, column: 2, name: "y", value: "oops"))
    }

    // MARK: companion files (--val-data, --test-data)

    @Test func companionLabelsMapToTheTrainingClasses() throws {
        let training = try read("x,label\n1,cat\n2,dog\n3,emu\n")
        let companion = try read("x,label\n5,emu\n6,cat\n", schema: training.schema)
        #expect(companion.classNames == training.classNames)
        #expect(companion.targets == [2, 0])
        let numeric = try read("x,label\n1,1\n2,3\n")
        #expect(try read("x,label\n5,3.0\n6,1\n", schema: numeric.schema).targets == [1, 0])
    }

    @Test func companionWithAnUnknownClassOrOtherColumnsIsRejected() throws {
        let training = try read("x,label\n1,cat\n2,dog\n")
        #expect(error("x,label\n5,cat\n6,cow\n", schema: training.schema)
            == .unknownClassLabel(file: "data.csv", line: 3, column: 2, label: "cow", reference: "data.csv", known: ["cat", "dog"]))
        #expect(error("z,label\n5,cat\n", schema: training.schema)
            == .columnsDiffer(file: "data.csv", reference: "data.csv", expected: ["x", "label"], found: ["z", "label"]))
    }

    // MARK: files

    @Test func catalogReadsFilesAndExplainsUnreadableOnes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracker-data-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("housing.csv").path
        try Data("rooms,age,price\n3,10,200.5\n4,20,310.25\n".utf8).write(to: URL(fileURLWithPath: path))

        let data = try DataCatalog.load(name: path, target: "price")
        #expect(data.name == "housing.csv")
        #expect(data.features == [3, 10, 4, 20])
        #expect(data.contentForFingerprint == Array("rooms,age,price\n3,10,200.5\n4,20,310.25\n".utf8))

        let missing = directory.appendingPathComponent("nope.csv").path
        #expect(throws: DataError.unreadableFile(file: missing, reason: "no such file")) { try DataCatalog.load(name: missing) }
        #expect(throws: DataError.missingTargetColumn(file: path, target: "cost", columns: ["rooms", "age", "price"])) {
            try DataCatalog.load(name: path, target: "cost")
        }
    }
}
