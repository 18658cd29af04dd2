import Testing
@testable import Training

/// Rows whose first feature is the row number, so a split's rows can be
/// traced back (features kept unstandardized with `.unchanged`).
func numberedRows(_ count: Int, classes: Int? = nil) -> RawDataset {
    let features = (0..<count).flatMap { [Float($0), Float($0 % 7) * 3 + 1] }
    let targets = (0..<count).map { row in classes.map { Float((row * 7919) % 97 % $0) } ?? Float(row) * 0.5 }
    return RawDataset(
        name: "numbered", task: classes.map { .classification(classes: $0) } ?? .regression,
        features: features, targets: targets, featureNames: ["row", "other"], targetName: "y",
        classNames: classes.map { (0..<$0).map { "class \($0)" } } ?? [], source: "test rows"
    )
}

/// The source rows of a split built with `.unchanged` scaling.
func rowNumbers(_ split: DataSplit) -> [Int] {
    stride(from: 0, to: split.inputs.count, by: split.features).map { Int(split.inputs[$0]) }
}

@Suite struct DataSplitTests {
    @Test func defaultFractionsGiveSixtyTwentyTwentyAndDisjointSplits() throws {
        let prepared = try numberedRows(1000).prepare(SplitOptions(seed: 1, scaling: .unchanged))
        let train = rowNumbers(prepared.train)
        let validation = rowNumbers(prepared.validation)
        let test = rowNumbers(prepared.test)
        #expect((train.count, validation.count, test.count) == (600, 200, 200))
        #expect(Set(train + validation + test).count == 1000)
        #expect(train == train.sorted() && validation == validation.sorted())
        // Targets travel with their rows.
        #expect(prepared.test.targets == test.map { Float($0) * 0.5 })
    }

    @Test func fractionsAreHonouredAndRounded() throws {
        let prepared = try numberedRows(101).prepare(SplitOptions(validationFraction: 0.1, testFraction: 0.25, seed: 0))
        #expect((prepared.train.rows, prepared.validation.rows, prepared.test.rows) == (66, 10, 25))
        let noValidation = try numberedRows(10).prepare(SplitOptions(validationFraction: 0, testFraction: 0.01))
        #expect((noValidation.train.rows, noValidation.validation.rows, noValidation.test.rows) == (9, 0, 1))
    }

    @Test func sameSeedSameSplitOtherSeedOtherSplit() throws {
        let data = numberedRows(200)
        let options = SplitOptions(seed: 5, scaling: .unchanged)
        let first = try data.prepare(options)
        let again = try data.prepare(options)
        let other = try data.prepare(SplitOptions(seed: 6, scaling: .unchanged))
        #expect(first.train == again.train && first.validation == again.validation && first.test == again.test)
        #expect(rowNumbers(first.test) != rowNumbers(other.test))
    }

    @Test func classificationSplitsAreStratified() throws {
        let data = numberedRows(1000, classes: 4)
        let overall = data.classCounts
        let prepared = try data.prepare(SplitOptions(seed: 3))
        for split in [prepared.train, prepared.validation, prepared.test] {
            var counts = Array(repeating: 0, count: 4)
            for target in split.targets { counts[Int(target)] += 1 }
            for (count, total) in zip(counts, overall) {
                let expected = Double(total) * Double(split.rows) / 1000
                #expect(abs(Double(count) - expected) <= 1, "split of \(split.rows): \(counts) against \(overall)")
            }
        }
    }

    @Test func standardizationUsesTrainingStatisticsOnly() throws {
        // Feature grows with the row number, so the rows drawn for each split
        // have different means; the row numbers of each split are recovered
        // from an unstandardized copy made with the same seed.
        let data = numberedRows(500)
        let raw = try data.prepare(SplitOptions(seed: 2, scaling: .unchanged))
        let prepared = try data.prepare(SplitOptions(seed: 2))
        let trainRows = rowNumbers(raw.train).map(Double.init)
        let mean = trainRows.reduce(0, +) / Double(trainRows.count)
        let deviation = (trainRows.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(trainRows.count)).squareRoot()
        let standardizer = try #require(prepared.standardizer)
        #expect(abs(Double(standardizer.means[0]) - mean) < 1e-3)
        #expect(abs(Double(standardizer.scales[0]) - deviation) < 1e-3)

        func columnMean(_ split: DataSplit) -> Double {
            stride(from: 0, to: split.inputs.count, by: 2).reduce(0) { $0 + Double(split.inputs[$1]) } / Double(split.rows)
        }
        #expect(abs(columnMean(prepared.train)) < 1e-5)
        // Held-out rows are mapped with the training map, not centred on their own.
        for (standardized, original) in [(prepared.validation, raw.validation), (prepared.test, raw.test)] {
            let expected = (rowNumbers(original).map(Double.init).reduce(0, +) / Double(original.rows) - mean) / deviation
            #expect(abs(columnMean(standardized) - expected) < 1e-4)
            #expect(abs(columnMean(standardized)) > 1e-3)
        }
        // Regression targets keep their units.
        #expect(prepared.train.targets == raw.train.targets)
    }

    @Test func constantFeaturesAreCentredNotBlownUp() throws {
        let data = RawDataset(
            name: "constant", task: .regression, features: (0..<20).flatMap { [0.1, Float($0)] }, targets: Array(repeating: 1, count: 20),
            featureNames: ["constant", "varying"], targetName: "y", source: "test"
        )
        let prepared = try data.prepare(SplitOptions(seed: 0))
        #expect(prepared.standardizer?.scales[0] == 1)
        #expect(stride(from: 0, to: prepared.test.inputs.count, by: 2).allSatisfy { abs(prepared.test.inputs[$0]) < 1e-6 })
    }

    @Test func imagesArePooledSoPixelsStayComparable() throws {
        let prepared = try Digits.load().prepare(SplitOptions(seed: 0))
        let standardizer = try #require(prepared.standardizer)
        #expect(Set(standardizer.means).count == 1 && Set(standardizer.scales).count == 1)
        let mean = prepared.train.inputs.reduce(0, +) / Float(prepared.train.inputs.count)
        #expect(abs(mean) < 1e-4)
        #expect(prepared.imageShape?.height == 8)
        #expect(prepared.classNames.count == 10)
    }

    @Test func sineKeepsItsDesignatedSplitsAndTargetUnits() throws {
        let sine = NoisySine().generate(seed: 4)
        let prepared = try sine.prepare(SplitOptions(seed: 99))
        #expect((prepared.train.rows, prepared.validation.rows, prepared.test.rows) == (50, 50, 200))
        let standardizer = try #require(prepared.standardizer)
        let trainX = sine.features[0..<50].map(Double.init)
        #expect(abs(Double(standardizer.means[0]) - trainX.reduce(0, +) / 50) < 1e-6)
        #expect(abs(prepared.train.inputs[7] - (sine.features[7] - standardizer.means[0]) / standardizer.scales[0]) < 1e-6)
        #expect(prepared.train.targets == Array(sine.targets[0..<50]))
        #expect(prepared.test.targets == Array(sine.targets[100..<300]))
        #expect(throws: DataError.optionNotApplicable(key: "val_split", dataset: "sine", reason: "it comes with its own train, validation and test rows")) {
            try sine.prepare(SplitOptions(validationFraction: 0.3))
        }
    }

    @Test func separateValidationAndTestFilesReplaceThoseSplits() throws {
        let training = try CSVDataset.read(bytes: Array("a,y\n0,0\n2,1\n4,0\n6,1\n8,0\n".utf8), file: "train.csv")
        let validation = try CSVDataset.read(bytes: Array("a,y\n10,1\n12,0\n".utf8), file: "val.csv", schema: training.schema)
        let test = try CSVDataset.read(bytes: Array("a,y\n3,1\n".utf8), file: "test.csv", schema: training.schema)

        let both = try training.prepare(SplitOptions(seed: 0), validationData: validation, testData: test)
        #expect(both.train.rows == 5)
        // Training mean 4, deviation sqrt(8): the companions use the same map.
        let scale = Float(8).squareRoot()
        #expect(zip(both.validation.inputs, [6 / scale, 8 / scale]).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(both.validation.rows == 2)
        #expect(abs(both.test.inputs[0] + 1 / scale) < 1e-6)
        #expect(both.validation.targets == [1, 0])

        let onlyValidation = try training.prepare(SplitOptions(testFraction: 0.2, seed: 0), validationData: validation)
        #expect((onlyValidation.train.rows, onlyValidation.validation.rows, onlyValidation.test.rows) == (4, 2, 1))
    }

    @Test func mismatchedOrConflictingSeparateFilesAreRejected() throws {
        let training = try CSVDataset.read(bytes: Array("a,y\n0,0\n2,1\n4,0\n".utf8), file: "train.csv")
        #expect(throws: DataError.columnsDiffer(file: "moons", reference: "train.csv", expected: ["a", "y"], found: ["x1", "x2", "moon"])) {
            try training.prepare(validationData: TwoMoons().generate(seed: 0))
        }
        #expect(throws: DataError.conflictingOptions(first: "val_data", second: "val_split", reason: "the validation rows come from the file")) {
            try training.prepare(SplitOptions(validationFraction: 0.2), validationData: training)
        }
    }

    @Test(arguments: [(-0.1, 0.2), (0.2, 1.0), (Double.nan, 0.2), (0.6, 0.5)])
    func badFractionsAreRejected(validation: Double, test: Double) {
        #expect(throws: DataError.self) {
            try numberedRows(100).prepare(SplitOptions(validationFraction: validation, testFraction: test))
        }
    }

    @Test func tooFewRowsToSplitIsAnError() {
        #expect(throws: DataError.tooFewRows(dataset: "numbered", rows: 2, needed: 3, purpose: "split into training, validation and test rows")) {
            try numberedRows(2).prepare()
        }
    }
}
