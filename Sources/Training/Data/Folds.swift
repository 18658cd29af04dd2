extension RawDataset {
    /// K-fold cross-validation: K prepared data sets whose validation splits
    /// are the K folds of the non-test rows, each trained on the other K - 1
    /// folds and standardized on exactly those.
    ///
    /// The test rows are held out first and are the same in every fold, and
    /// the same rows that `prepare` with this seed and test fraction holds out
    /// (the designated test grid for the noisy sine); with `testData` (a
    /// separate test file) every row of this set goes into the folds. Folds
    /// are stratified for classification and differ in size by at most one
    /// row. A validation fraction does not apply: the folds are the
    /// validation splits.
    public func folds(k: Int, options: SplitOptions = SplitOptions(), testData: RawDataset? = nil) throws -> [PreparedData] {
        guard k >= 2 else {
            throw DataError.invalidOption(keys: ["folds"], value: "\(k)", expected: "at least 2 folds")
        }
        if options.validationFraction != nil {
            throw DataError.conflictingOptions(first: "folds", second: "val_split", reason: "each fold in turn is the validation split")
        }
        try SplitOptions.check(options.testFraction, key: "test_split")
        if let testData {
            if options.testFraction != nil {
                throw DataError.conflictingOptions(first: "test_data", second: "test_split", reason: "the test rows come from the file")
            }
            try checkCompatible(testData)
        }

        let testRows: [Int]
        let pool: [Int]
        if let designatedSplits {
            if options.testFraction != nil {
                throw DataError.optionNotApplicable(key: "test_split", dataset: name, reason: "it comes with its own test rows")
            }
            testRows = testData == nil ? designatedSplits.test : []
            pool = RowOrder.shuffled(designatedSplits.train + designatedSplits.validation, of: self, seed: options.seed, stratify: options.stratify)
        } else {
            let testFraction = testData == nil ? options.testFraction ?? SplitOptions.defaultTestFraction : 0
            let testCount = SplitOptions.rowCount(testFraction, of: rows)
            let order = RowOrder.shuffled(Array(0..<rows), of: self, seed: options.seed, stratify: options.stratify)
            testRows = order[..<testCount].sorted()
            pool = Array(order[testCount...])
        }
        guard pool.count >= k else {
            throw DataError.tooFewRows(dataset: name, rows: rows, needed: testRows.count + k, purpose: "make \(k) folds after holding out the test rows")
        }

        // Consecutive stretches of the (stratified) order: every stretch of it
        // has close to the whole's class mix. Dealing it round-robin would
        // not: classes alternate in it, so with an even k one fold would get
        // every other row, all of one class.
        let foldRows = (0..<k).map { fold in
            Array(pool[(fold * pool.count / k) ..< ((fold + 1) * pool.count / k)])
        }

        let test = testData?.allRows ?? split(rows: testRows)
        return (0..<k).map { fold in
            let trainRows = (0..<k).filter { $0 != fold }.flatMap { foldRows[$0] }.sorted()
            let train = split(rows: trainRows)
            let standardizer = Standardizer(fitting: train, scaling: options.scaling ?? scaling)
            return PreparedData(
                name: name,
                task: task,
                train: standardizer.apply(to: train),
                validation: standardizer.apply(to: split(rows: foldRows[fold].sorted())),
                test: standardizer.apply(to: test),
                featureNames: featureNames,
                classNames: classNames,
                imageShape: imageShape,
                standardizer: standardizer
            )
        }
    }

    /// `folds(k:options:)` with default fractions.
    public func folds(k: Int, seed: UInt64) throws -> [PreparedData] {
        try folds(k: k, options: SplitOptions(seed: seed))
    }
}
