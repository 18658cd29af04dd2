/// Row indices that a data set assigns to each split by definition.
public struct DesignatedSplits: Sendable, Equatable {
    public let train: [Int]
    public let validation: [Int]
    public let test: [Int]

    public init(train: [Int], validation: [Int], test: [Int]) {
        self.train = train
        self.validation = validation
        self.test = test
    }
}
