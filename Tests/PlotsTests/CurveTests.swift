import Foundation
import Testing
@testable import Plots

/// A seeded generator so every "random" curve is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A falling, noisy loss curve of `count` epochs.
func noisyLoss(count: Int, seed: UInt64) -> [ChartPoint] {
    var random = SplitMix64(state: seed)
    return (1...count).map { step in
        ChartPoint(x: Double(step), y: 2 * exp(-Double(step) / Double(count) * 3) + Double.random(in: 0...0.3, using: &random))
    }
}

@Suite struct SmoothingTests {
    @Test func constantInputStaysConstantFromTheFirstStep() {
        // Without debiasing the first value would be (1 - w) * 5 = 0.5.
        let smoothed = Smoothing.debiasedEMA([5, 5, 5, 5], weight: 0.9)
        for value in smoothed { #expect(abs(value - 5) < 1e-12) }
    }

    @Test func followsTheRecurrenceDividedByOneMinusWToTheT() {
        var random = SplitMix64(state: 7)
        let values = (0..<50).map { _ in Double.random(in: -1...1, using: &random) }
        let w = 0.6
        let smoothed = Smoothing.debiasedEMA(values, weight: w)
        var s = 0.0
        for (t, value) in values.enumerated() {
            s = w * s + (1 - w) * value
            #expect(abs(smoothed[t] - s / (1 - pow(w, Double(t + 1)))) < 1e-12)
        }
    }

    @Test func weightZeroIsTheIdentityAndNaNPassesThrough() {
        #expect(Smoothing.debiasedEMA([3, 1, 2], weight: 0) == [3, 1, 2])
        let smoothed = Smoothing.debiasedEMA([1, .nan, 1], weight: 0.5)
        #expect(smoothed[1].isNaN)
        #expect(abs(smoothed[2] - 1) < 1e-12)
    }
}

@Suite struct DownsamplingTests {
    @Test func downsamplingNeverShiftsTheSmoothedCurve() throws {
        let full = Curve(name: "val_loss", points: noisyLoss(count: 20_000, seed: 42), smoothing: 0.95)
        let small = full.downsampled(buckets: 300)
        #expect(small.count < full.count / 10)
        #expect(small.steps.first == full.steps.first)
        #expect(small.steps.last == full.steps.last)
        let indexByStep = Dictionary(uniqueKeysWithValues: full.steps.enumerated().map { ($1, $0) })
        for (step, smoothed) in zip(small.steps, small.smoothed) {
            let index = try #require(indexByStep[step])
            #expect(smoothed == full.smoothed[index])
            #expect(small.values[small.steps.firstIndex(of: step)!] == full.values[index])
        }
    }

    @Test func aSpikeSurvives() {
        var points = noisyLoss(count: 5_000, seed: 3)
        points[2_345].y = 50
        let curve = Curve(name: "train_loss", points: points).downsampled(buckets: 100)
        #expect(curve.values.contains(50))
    }

    @Test func shortCurvesAreKeptWhole() {
        let curve = Curve(name: "x", points: noisyLoss(count: 20, seed: 1))
        #expect(curve.downsampled(buckets: 100) == curve)
    }

    @Test func pointsAfterAStep() {
        let curve = Curve(name: "x", points: noisyLoss(count: 10, seed: 1), smoothing: 0.5)
        let tail = curve.after(step: 7)
        #expect(tail.steps == [8, 9, 10])
        #expect(tail.smoothed == Array(curve.smoothed[7...]))
    }
}

@Suite struct MeanBandTests {
    @Test func meanAndSampleSDOverStepsEveryMemberHas() {
        let members = [
            [ChartPoint(x: 1, y: 1), ChartPoint(x: 2, y: 4), ChartPoint(x: 3, y: 9)],
            [ChartPoint(x: 1, y: 2), ChartPoint(x: 2, y: 5)],
            [ChartPoint(x: 1, y: 3), ChartPoint(x: 2, y: 6), ChartPoint(x: 3, y: 7)],
        ]
        let band = MeanBand(members: members)
        #expect(band.steps == [1, 2])
        #expect(band.mean == [2, 5])
        #expect(band.sd == [1, 1])
        #expect(band.memberCount == 3)
    }
}

@Suite struct CurveFigureTests {
    @Test func writesTheAxisFrameForLivePages() throws {
        let curve = Curve(name: "val_loss", points: noisyLoss(count: 200, seed: 9), smoothing: 0.8)
        let svg = CurveFigureSVG(
            plot: "curves", title: "loss", yTitle: "loss",
            lines: [.init(curve: curve, label: "val_loss", color: "#000", key: "val_loss", bestStep: 150, keptStep: 150, isSmoothed: true)],
            log: true, xDomainEnd: 400
        ).render()
        #expect(svg.contains("data-log=\"1\""))
        #expect(svg.contains("data-kind=\"smoothed\""))
        #expect(svg.contains("data-kind=\"raw\""))
        #expect(svg.contains("data-mark=\"best\""))
        #expect(svg.contains("data-mark=\"kept\""))
        let domain = try #require(svg.firstMatch(of: /data-x-domain="([^,]+),([^"]+)"/))
        #expect(Double(domain.2)! >= 400)
    }

    @Test func aMetricLoggedOnceIsDrawnAsAPoint() {
        let once = Curve(name: "test_loss", points: [ChartPoint(x: 30, y: 0.2)])
        let svg = CurveFigureSVG(plot: "curves", title: "loss", yTitle: "loss",
                                 lines: [.init(curve: once, label: "test_loss", color: "#000", key: "test_loss")], log: true).render()
        #expect(svg.contains("data-single=\"test_loss\""))
    }

    @Test func drawsABandPolygonWithItsN() {
        let members = (1...3).map { noisyLoss(count: 30, seed: UInt64($0)) }
        let svg = CurveFigureSVG(plot: "group", title: "g", yTitle: "val_loss", lines: [],
                                 bands: [.init(band: MeanBand(members: members), label: "wd=0.001", color: "#111")], log: false).render()
        #expect(svg.contains("<polygon"))
        #expect(svg.contains("data-members=\"3\""))
    }
}
