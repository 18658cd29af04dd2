extension RawDataset {
    /// Splits reproducibly and standardizes with the training split's
    /// statistics.
    ///
    /// Rows go to test, validation and training by `options.seed` (stratified
    /// for classification unless turned off); a data set with designated
    /// splits (the noisy sine) keeps them. `validationData` / `testData`, when
    /// given, replace that split entirely (the user's `--val-data` /
    /// `--test-data` files): this data set then gives none of its rows to it.
    /// Regression targets are never standardized, so losses stay in the
    /// target's own units.
    public func prepare(
        _ options: SplitOptions = SplitOptions(),
        validationData: RawDataset? = nil,
        testData: RawDataset? = nil
    ) throws -> PreparedData {
        try SplitOptions.check(options.validationFraction, key: "val_split")
        try SplitOptions.check(options.testFraction, key: "test_split")
        if validationData != nil, options.validationFraction != nil {
            throw DataError.conflictingOptions(first: "val_data", second: "val_split", reason: "the validation rows come from the file")
        }
        if testData != nil, options.testFraction != nil {
            throw DataError.conflictingOptions(first: "test_data", second: "test_split", reason: "the test rows come from the file")
        }
        for companion in [validationData, testData].compactMap({ $0 }) {
            try checkCompatible(companion)
        }

        let assignment = try assignRows(options, ownValidation: validationData == nil, ownTest: testData == nil)
        let train = split(rows: assignment.train)
        let standardizer = Standardizer(fitting: train, scaling: options.scaling ?? scaling)
        return PreparedData(
            name: name,
            task: task,
            train: standardizer.apply(to: train),
            validation: standardizer.apply(to: validationData?.allRows ?? split(rows: assignment.validation)),
            test: standardizer.apply(to: testData?.allRows ?? split(rows: assignment.test)),
            featureNames: featureNames,
            classNames: classNames,
            imageShape: imageShape,
            standardizer: standardizer
        )
    }

    /// Which rows go where. Each split lists its rows in source order.
    struct RowAssignment: Equatable {
        var train: [Int]
        var validation: [Int]
        var test: [Int]
    }

    func assignRows(_ options: SplitOptions, ownValidation: Bool, ownTest: Bool) throws -> RowAssignment {
        if let designatedSplits {
            for (fraction, key) in [(options.validationFraction, "val_split"), (options.testFraction, "test_split")] where fraction != nil {
                throw DataError.optionNotApplicable(key: key, dataset: name, reason: "it comes with its own train, validation and test rows")
            }
            return RowAssignment(
                train: designatedSplits.train,
                validation: ownValidation ? designatedSplits.validation : [],
                test: ownTest ? designatedSplits.test : []
            )
        }
        let validationFraction = ownValidation ? options.validationFraction ?? SplitOptions.defaultValidationFraction : 0
        let testFraction = ownTest ? options.testFraction ?? SplitOptions.defaultTestFraction : 0
        guard validationFraction + testFraction < 1 else {
            throw DataError.invalidOption(
                keys: ["val_split", "test_split"], value: "\(validationFraction + testFraction)",
                expected: "a sum below 1 so that rows are left for training"
            )
        }
        let testCount = SplitOptions.rowCount(testFraction, of: rows)
        let validationCount = SplitOptions.rowCount(validationFraction, of: rows)
        guard rows - testCount - validationCount >= 1 else {
            throw DataError.tooFewRows(dataset: name, rows: rows, needed: testCount + validationCount + 1, purpose: "split into training, validation and test rows")
        }
        let order = RowOrder.shuffled(Array(0..<rows), of: self, seed: options.seed, stratify: options.stratify)
        return RowAssignment(
            train: order[(testCount + validationCount)...].sorted(),
            validation: order[testCount ..< (testCount + validationCount)].sorted(),
            test: order[..<testCount].sorted()
        )
    }

    /// A separate validation or test file must describe the same columns and
    /// classes as this (training) data set.
    func checkCompatible(_ companion: RawDataset) throws {
        let expected = featureNames + [targetName]
        let found = companion.featureNames + [companion.targetName]
        guard expected == found else {
            throw DataError.columnsDiffer(file: companion.schema.source, reference: schema.source, expected: expected, found: found)
        }
        guard schema.accepts(companion.schema) else {
            throw DataError.targetsDiffer(file: companion.schema.source, reference: schema.source)
        }
    }
}
