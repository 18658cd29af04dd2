import Testing
@testable import Training

@Suite struct DataFoldsTests {
    @Test func foldsPartitionTheNonTestRowsExactly() throws {
        let data = numberedRows(103)
        let folds = try data.folds(k: 5, options: SplitOptions(seed: 8, scaling: .unchanged))
        #expect(folds.count == 5)
        let test = rowNumbers(folds[0].test)
        #expect(test.count == 21)
        let validations = folds.map { rowNumbers($0.validation) }
        let pooled = validations.flatMap { $0 }
        #expect(pooled.count == 82 && Set(pooled).count == 82)
        #expect(Set(pooled).isDisjoint(with: test))
        #expect(Set(pooled + test) == Set(0..<103))
        #expect(validations.map(\.count).max()! - validations.map(\.count).min()! <= 1)
        for (fold, prepared) in folds.enumerated() {
            // The same test rows in every fold; training is the other folds.
            #expect(rowNumbers(prepared.test) == test)
            let train = rowNumbers(prepared.train)
            #expect(Set(train) == Set(pooled).subtracting(validations[fold]))
            #expect(train.count + validations[fold].count == 82)
        }
    }

    @Test func foldsHoldOutTheSameTestRowsAsASplitWithTheSameSeed() throws {
        let data = numberedRows(200)
        let options = SplitOptions(testFraction: 0.15, seed: 4, scaling: .unchanged)
        let split = try data.prepare(options)
        let folds = try data.folds(k: 3, options: options)
        #expect(rowNumbers(folds[2].test) == rowNumbers(split.test))
    }

    @Test func eachFoldIsStandardizedOnItsOwnTrainingRows() throws {
        let data = numberedRows(120)
        let raw = try data.folds(k: 4, options: SplitOptions(seed: 1, scaling: .unchanged))
        let standardized = try data.folds(k: 4, seed: 1)
        for (plain, scaled) in zip(raw, standardized) {
            let trainRows = rowNumbers(plain.train).map(Double.init)
            let mean = trainRows.reduce(0, +) / Double(trainRows.count)
            #expect(abs(Double(scaled.standardizer!.means[0]) - mean) < 1e-3)
        }
        #expect(Set(standardized.map { $0.standardizer!.means[0] }).count > 1)
    }

    @Test func classificationFoldsAreStratified() throws {
        let data = numberedRows(400, classes: 2)
        let folds = try data.folds(k: 4, seed: 0)
        let share = Double(data.classCounts[1]) / 400
        for fold in folds {
            let ones = fold.validation.targets.filter { $0 == 1 }.count
            #expect(abs(Double(ones) - share * Double(fold.validation.rows)) <= 1)
        }
    }

    @Test func sineFoldsKeepTheCleanTestGrid() throws {
        let sine = NoisySine().generate(seed: 0)
        let folds = try sine.folds(k: 5, seed: 3)
        #expect(folds.allSatisfy { $0.test.rows == 200 && $0.validation.rows == 20 && $0.train.rows == 80 })
        #expect(folds[0].test.targets == Array(sine.targets[100..<300]))
    }

    @Test func badFoldCountsAreRejected() {
        #expect(throws: DataError.invalidOption(keys: ["folds"], value: "1", expected: "at least 2 folds")) {
            try numberedRows(50).folds(k: 1, seed: 0)
        }
        #expect(throws: DataError.tooFewRows(dataset: "numbered", rows: 5, needed: 7, purpose: "make 6 folds after holding out the test rows")) {
            try numberedRows(5).folds(k: 6, seed: 0)
        }
        #expect(throws: DataError.conflictingOptions(first: "folds", second: "val_split", reason: "each fold in turn is the validation split")) {
            try numberedRows(50).folds(k: 3, options: SplitOptions(validationFraction: 0.2))
        }
    }
}
