// A hand-written training loop (logistic regression on two Gaussian blobs,
// plain Swift, no Training module) that logs its run through TrackerKit.
//
//     TRACKER_DB=demo.db swift run example-training-loop
//     tracker show <run name> --db demo.db
import Foundation
import TrackerKit

/// SplitMix64: a seeded generator, so the same seed makes the same data and run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A standard normal draw (Box-Muller).
    mutating func gaussian() -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let v = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

struct Example { var x: (Double, Double); var label: Double }

func blobs(_ count: Int, using random: inout SeededGenerator) -> [Example] {
    (0..<count).map { index in
        let label = Double(index % 2)
        let center = label == 1 ? 1.0 : -1.0
        return Example(x: (center + random.gaussian(), center + random.gaussian()), label: label)
    }
}

func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

/// Mean cross-entropy and accuracy of the weights on `data`.
func evaluate(_ w: [Double], on data: [Example]) -> (loss: Double, accuracy: Double) {
    var loss = 0.0, correct = 0
    for example in data {
        let p = sigmoid(w[0] * example.x.0 + w[1] * example.x.1 + w[2])
        loss -= example.label * log(max(p, 1e-12)) + (1 - example.label) * log(max(1 - p, 1e-12))
        if (p >= 0.5 ? 1.0 : 0.0) == example.label { correct += 1 }
    }
    return (loss / Double(data.count), Double(correct) / Double(data.count))
}

let seed: UInt64 = 7, epochs = 30, learningRate = 0.1
var random = SeededGenerator(state: seed)
let train = blobs(200, using: &random), validation = blobs(100, using: &random)
let content = (train + validation).map { "\($0.x.0),\($0.x.1),\($0.label)" }.joined(separator: "\n")

let tracker = try Tracker.open()  // TRACKER_DB, else ./tracker.db
let options = RunOptions(
    group: "examples", tags: ["hand-written"],
    params: ["lr": .real(learningRate), "epochs": .integer(Int64(epochs)), "model": .text("logistic")],
    seed: Int64(seed),
    dataset: DatasetSpec(
        name: "two-blobs", fingerprint: SHA256.hex(of: Array(content.utf8)), rows: train.count + validation.count,
        features: 2, task: .classification, classes: 2, target: "label", source: "generated"),
    commandLine: CommandLine.arguments.joined(separator: " "))

let name = try tracker.withRun(options) { run in
    var w = [0.0, 0.0, 0.0]
    var best = (epoch: 0, loss: Double.infinity)
    for epoch in 1...epochs {
        var gradient = [0.0, 0.0, 0.0]
        for example in train {
            let error = sigmoid(w[0] * example.x.0 + w[1] * example.x.1 + w[2]) - example.label
            gradient[0] += error * example.x.0
            gradient[1] += error * example.x.1
            gradient[2] += error
        }
        for i in w.indices { w[i] -= learningRate * gradient[i] / Double(train.count) }

        let (trainLoss, trainAccuracy) = evaluate(w, on: train)
        let (valLoss, valAccuracy) = evaluate(w, on: validation)
        try run.log(step: epoch, [
            MetricKey.trainLoss: trainLoss, MetricKey.trainAcc: trainAccuracy,
            MetricKey.valLoss: valLoss, MetricKey.valAcc: valAccuracy,
        ])
        if valLoss < best.loss {
            best = (epoch, valLoss)
            let bytes = w.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
            try run.saveCheckpoint(bytes: bytes, step: epoch, kind: .best)
        }
    }
    // The loop keeps its last weights: the best epoch is only recorded as best.
    try run.markBest(step: best.epoch)
    return run.name
}  // returned: finished; thrown: failed with the error; cancelled: killed
print("run \(name) finished")
