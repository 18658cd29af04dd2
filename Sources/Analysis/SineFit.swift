import Foundation
import Training

/// For a run on the 1-D sine task: the true function, the run's training
/// points and its model's prediction over an even grid, in the data's own
/// units (x unstandardized).
public struct SineFit: Sendable {
    public var run: String
    public var training: [(x: Double, y: Double)]
    public var truth: [(x: Double, y: Double)]
    public var prediction: [(x: Double, y: Double)]

    public static let gridPoints = 200

    public init(run: String, model: Model, data: LoadedData) {
        self.run = run
        let raw = data.raw
        let trainRows = raw.designatedSplits?.train ?? Array(0..<raw.rows)
        training = trainRows.map { (Double(raw.features[$0]), Double(raw.targets[$0])) }
        let xs = raw.features.map(Double.init)
        let low = xs.min() ?? -3, high = xs.max() ?? 3
        let grid = (0..<Self.gridPoints).map { low + (high - low) * Double($0) / Double(Self.gridPoints - 1) }
        truth = grid.map { ($0, sin($0)) }
        // The model saw standardized x: give it the grid the same way.
        var inputs = DataSplit(inputs: grid.map(Float.init), targets: [Float](repeating: 0, count: grid.count), rows: grid.count, features: 1)
        if let standardizer = data.prepared.standardizer { inputs = standardizer.apply(to: inputs) }
        let outputs = model.predict(inputs.inputs, rows: grid.count)
        prediction = zip(grid, outputs).map { ($0, Double($1)) }
    }
}
