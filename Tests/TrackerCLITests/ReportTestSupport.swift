import Foundation
import TrackerStore
@testable import TrackerCLI
import Sweeps

/// Reading a generated report the way a browser would find its parts.
struct ReportHTML {
    let text: String

    init(path: String) throws {
        text = try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Every `<svg>` element's text for the plot `name`.
    func plots(_ name: String) -> [Substring] {
        var found: [Substring] = []
        var rest = text[...]
        while let start = rest.range(of: "<svg data-plot=\"\(name)\"") {
            guard let end = rest[start.upperBound...].range(of: "</svg>") else { break }
            found.append(rest[start.lowerBound..<end.upperBound])
            rest = rest[end.upperBound...]
        }
        return found
    }

    /// The `data-plot` names of all plots, in page order.
    var plotNames: [String] {
        text.components(separatedBy: "<svg data-plot=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }

    /// The coordinate pairs of the first polyline in `svg` carrying `marker` (e.g. `data-series="r1 val_loss"`).
    static func polylinePoints(_ svg: Substring, _ marker: String) -> [String]? {
        guard let at = svg.range(of: marker),
              let open = svg[..<at.lowerBound].range(of: "<polyline", options: .backwards),
              let points = svg[open.upperBound...].range(of: "points=\"") else { return nil }
        let values = svg[points.upperBound...].prefix { $0 != "\"" }
        return values.split(separator: " ").map(String.init)
    }

    static func count(_ needle: String, in text: Substring) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}

/// A finished run with known curves, in a sweep trial when given.
@discardableResult
func addReportRun(
    _ store: Store, name: String, params: [String: ParamValue], epochs: Int, valFloor: Double,
    sweep: SweepID? = nil, trial: Int? = nil, dataset: DatasetID? = nil, notes: String? = nil
) throws -> Run {
    let run = try store.createRun(RunSpec(
        name: name, notes: notes, seed: 0, datasetID: dataset, sweepID: sweep, trial: trial, params: params))
    for epoch in 1...epochs {
        let decay = exp(-Double(epoch) / 5)
        try store.logMetrics(run.id, step: epoch, [
            MetricKey.trainLoss: 0.02 + decay, MetricKey.valLoss: valFloor + decay, MetricKey.weightNorm: 10 + Double(epoch) / 10,
        ])
    }
    try store.finishRun(run.id, status: .finished, stopReason: .completed, bestStep: epochs)
    return try store.run(id: run.id)
}

/// A grid sweep stored the way `tracker sweep` stores one.
func createGridSweep(
    _ store: Store, name: String, _ options: [SweepOptionInput], dataset: DatasetID? = nil, parent: SweepID? = nil,
    randomTrials: Int? = nil
) throws -> (sweep: Sweep, plan: TrialPlan) {
    let (space, fixed) = try SearchSpace.parse(options)
    let configuration = SweepConfiguration(
        method: randomTrials == nil ? .grid : .random, trials: randomTrials, samplerSeed: 7, seeds: [0], fixed: fixed)
    let definition = try SweepDefinition(space: space, configuration: configuration)
    let sweep = try store.createSweep(definition.sweepSpec(name: name, datasetID: dataset, parentSweepID: parent))
    return (sweep, TrialPlan(definition))
}
