import Foundation
import Testing
import TrackerStore
@testable import Analysis

private func evidence(_ curves: SyntheticCurves, weightNorm: [Double] = []) throws -> Diagnosis.Evidence {
    func steps(_ values: [Double]) -> [(step: Int, value: Double)] { values.enumerated().map { ($0.offset + 1, $0.element) } }
    return try #require(Diagnosis.Evidence(train: steps(curves.train), val: steps(curves.val), weightNorm: steps(weightNorm)))
}

@Suite struct DiagnosisTests {
    @Test func aValLossThatClimbsAfterItsBestIsSevereOverfitting() throws {
        let curves = SyntheticCurves.decaying(epochs: 60, trainFloor: 0.02, valFloor: 0.15, riseAfter: 20, rise: 0.01)
        let diagnosis = Diagnosis(try evidence(curves))
        #expect(diagnosis.verdict == .severeOverfitting)
        #expect(diagnosis.evidence.bestEpoch <= 22)
        #expect(diagnosis.evidence.lateRise > 0.25)
    }

    @Test func aModerateGapNeedsARiseToAgreeBeforeItIsOverfitting() throws {
        // Final gap (0.13 - 0.1) / 0.13 = 23%: above 20%, below 50%; no rise:
        // the evidence does not agree, so no overfitting is called.
        let curves = SyntheticCurves.decaying(epochs: 60, trainFloor: 0.1, valFloor: 0.13)
        let diagnosis = Diagnosis(try evidence(curves))
        #expect(diagnosis.verdict == .healthy)
        #expect(abs(diagnosis.evidence.finalGap - 0.23) < 0.01)
        // The same gap with val_loss climbing after its best: both agree.
        let rising = SyntheticCurves.decaying(epochs: 60, trainFloor: 0.1, valFloor: 0.13, riseAfter: 40, rise: 0.0006)
        let risingDiagnosis = Diagnosis(try evidence(rising))
        #expect(risingDiagnosis.verdict == .mildOverfitting, "\(risingDiagnosis.evidence) \(risingDiagnosis.findings)")
    }

    @Test func theKeptModelIsJudgedNotTheEpochsAfterAnEarlyStoppedBest() throws {
        // val_loss rose 40% after epoch 20, but early stopping kept epoch 20's weights.
        var evidence = Diagnosis.Evidence(
            epochs: 40, bestEpoch: 20, bestValLoss: 0.1, finalValLoss: 0.14, trainLossAtBest: 0.085,
            finalTrainLoss: 0.03, firstTrainLoss: 1, recentTrainLossFall: 0.001)
        #expect(Diagnosis(evidence).verdict.isOverfitting)
        evidence.keptEpoch = 20
        #expect(Diagnosis(evidence).verdict == .healthy)
    }

    /// A memorizing run's loss falls to noise near zero and may end a hundred
    /// times above its lowest noise: that is no explosion. A loss that blew
    /// up and stayed up is, and so is one that ended not finite.
    @Test func onlyALossThatBlewUpAndStayedUpHasExploded() {
        var random = SplitMix(state: 7)
        let memorizing = (1...2000).map { 2 * exp(-Double($0) / 100) + Double.random(in: 0...0.01, using: &random) }
        #expect(memorizing.last! >= Diagnosis.explosionFactor * memorizing.min()!)
        #expect(!Diagnosis.Evidence.exploded(memorizing))
        let blownUp = (1...50).map { $0 < 10 ? 0.7 / Double($0) : 3e8 * Double($0) }
        #expect(Diagnosis.Evidence.exploded(blownUp))
        #expect(Diagnosis.Evidence.exploded([0.7, 0.5, .infinity]))
        #expect(!Diagnosis.Evidence.exploded([0.7, 0.5, 0.4, 3e3, 0.3, 0.3]))  // a spike it came back from
    }

    /// The moving average runs on running totals; it must equal the window sums.
    @Test func theSmoothedRiseIsTheRiseOfTheCentredMovingAverage() {
        var random = SplitMix(state: 3)
        let values = (0..<400).map { Double($0 % 50) / 10 + Double.random(in: 0...0.2, using: &random) }
        let half = values.count / 20
        let naive = values.indices.map { index in
            let window = values[max(0, index - half)...min(values.count - 1, index + half)]
            return window.reduce(0, +) / Double(window.count)
        }
        let residuals = zip(values, naive).map { abs($0 - $1) }.sorted()
        let noise = 1.4826 * residuals[residuals.count / 2]
        let rise = naive.last! - naive.min()!
        let expected = rise > 2 * noise ? rise / naive.min()! : 0
        #expect(abs(Diagnosis.Evidence.smoothedRise(values) - expected) <= 1e-9 * max(1, expected))
    }

    @Test func aFewEpochsAreTooLittleEvidence() throws {
        let curves = SyntheticCurves.decaying(epochs: 3, trainFloor: 0.1, valFloor: 0.5)
        #expect(Diagnosis(try evidence(curves)).verdict == .tooLittleEvidence)
    }

    @Test func bothLossesSettledAtTheNoiseLevelIsNoUnderfitting() throws {
        // Train fell to 36% of its first value and val sits just above it: a fit at the data's noise.
        let evidence = Diagnosis.Evidence(
            epochs: 100, bestEpoch: 95, bestValLoss: 0.26, finalValLoss: 0.262, trainLossAtBest: 0.25,
            finalTrainLoss: 0.25, firstTrainLoss: 0.69, recentTrainLossFall: 0.001)
        #expect(Diagnosis(evidence).verdict == .healthy)
    }

    @Test func closeCurvesAtALowLossAreHealthy() throws {
        let curves = SyntheticCurves.decaying(epochs: 60, trainFloor: 0.05, valFloor: 0.052)
        #expect(Diagnosis(try evidence(curves)).verdict == .healthy)
    }

    @Test func aHighTrainLossWithValBelowItIsUnderfitting() throws {
        // Heavy dropout: train loss stays at 55% of its start, val slightly below train.
        let curves = SyntheticCurves.decaying(epochs: 60, trainFloor: 0.55, valFloor: 0.5)
        let diagnosis = Diagnosis(try evidence(curves))
        #expect(diagnosis.verdict == .underfitting)
        #expect(diagnosis.evidence.finalGap < 0)
        #expect(diagnosis.findings.contains { $0.contains("val_loss is below train_loss") })
    }

    @Test func aRunStoppedWhileStillLearningIsUnderfitting() throws {
        // Slow pace: after 20 epochs both losses are still falling fast, close together.
        let curves = SyntheticCurves.decaying(epochs: 20, trainFloor: 0.01, valFloor: 0.0105, pace: 15)
        let diagnosis = Diagnosis(try evidence(curves))
        #expect(diagnosis.verdict == .underfitting)
        #expect((diagnosis.evidence.recentTrainLossFall ?? 0) > 0.02)
    }

    @Test func growingWeightsWithAGapAreMildOverfitting() throws {
        // Gap 25% and a 2% rise: no rise to agree with the gap, but the
        // weights grow 1.75x after the best epoch.
        var evidence = Diagnosis.Evidence(
            epochs: 40, bestEpoch: 20, bestValLoss: 0.1, finalValLoss: 0.102, trainLossAtBest: 0.09,
            finalTrainLoss: 0.0765, firstTrainLoss: 1, recentTrainLossFall: 0.001,
            weightNormAtBest: 2, finalWeightNorm: 3.5)
        #expect(Diagnosis(evidence).verdict == .mildOverfitting)
        #expect(Diagnosis(evidence).findings.contains { $0.contains("x1.75") })
        evidence.finalWeightNorm = 2.2
        #expect(Diagnosis(evidence).verdict == .healthy)
    }

    @Test func thresholdsAreTheDocumentedOnes() {
        let t = Diagnosis.Thresholds.standard
        #expect([t.mildGap, t.severeGap, t.mildRise, t.severeRise] == [0.2, 0.5, 0.05, 0.25])
        #expect(t.underfitTrainLossFraction == 0.5 && t.smallGap == 0.1 && t.weightGrowth == 1.5)
        #expect(t.minimumEpochs == 5)
    }
}

@Suite struct PlaybookTests {
    private func facts(_ params: [String: ParamValue], rows: Int? = 5000, task: DatasetTask = .classification, sparse: Bool = false) -> Playbook.RunFacts {
        Playbook.RunFacts(params: params, datasetRows: rows, task: task, seed: 1, preferSparse: sparse)
    }

    @Test func lateRiseWithoutEarlyStoppingRecommendsEarlyStoppingFirst() throws {
        let curves = SyntheticCurves.decaying(epochs: 100, trainFloor: 0.02, valFloor: 0.15, riseAfter: 30, rise: 0.01)
        let diagnosis = Diagnosis(try evidence(curves))
        let advice = Playbook.recommendations(for: diagnosis, facts: facts(["hidden": .text("64,64"), "dropout": .real(0)]))
        #expect(advice.first?.changes == ["early_stop": .integer(10)])
        #expect(advice.dropFirst().first?.changes == ["dropout": .real(0.3)])
    }

    @Test func aGapInABigModelCallsForDropoutAndInASmallOneForL2() throws {
        // A gap of 80% with no rise: the gap alone is mild overfitting.
        let curves = SyntheticCurves.decaying(epochs: 60, trainFloor: 0.02, valFloor: 0.1)
        let diagnosis = Diagnosis(try evidence(curves))
        #expect(diagnosis.verdict == .mildOverfitting)
        let big = Playbook.recommendations(for: diagnosis, facts: facts(["hidden": .text("128,128"), "dropout": .real(0.3)]))
        #expect(big.first?.changes == ["dropout": .real(0.5)])
        let small = Playbook.recommendations(for: diagnosis, facts: facts(["hidden": .integer(16), "wd": .real(1e-4)]))
        #expect(small.first?.changes == ["wd": .real(1e-3)])
        let linear = Playbook.recommendations(for: diagnosis, facts: facts([:]))
        #expect(linear.first?.changes == ["wd": .real(1e-4)], "mild: the gentle first step")
        #expect(linear.first?.reason.contains("linear") == true)
    }

    @Test func sparsityAndSmallDataChangeTheAdvice() throws {
        let curves = SyntheticCurves.decaying(epochs: 60, trainFloor: 0.02, valFloor: 0.1)
        let diagnosis = Diagnosis(try evidence(curves))
        let sparse = Playbook.recommendations(for: diagnosis, facts: facts(["wd": .real(1e-4)], sparse: true))
        #expect(sparse.first?.changes == ["l1": .real(1e-4)])
        #expect(sparse.first?.title.hasPrefix("elastic net") == true)
        let small = Playbook.recommendations(for: diagnosis, facts: facts([:], rows: 300, task: .regression))
        #expect(small.contains { $0.changes == ["noise": .real(0.1)] })
    }

    @Test func underfittingAsksForLessRegularizationOrMoreCapacity() throws {
        let diagnosis = Diagnosis(try evidence(.decaying(epochs: 60, trainFloor: 0.55, valFloor: 0.5)))
        let advice = Playbook.recommendations(
            for: diagnosis, facts: facts(["dropout": .real(0.7), "wd": .real(1e-3), "hidden": .text("32,32")]))
        #expect(advice.map(\.changes) == [
            ["dropout": .real(0.35)], ["wd": .real(1e-4)], ["hidden": .text("64,64")],
        ])
    }
}

/// A seeded generator for the noise in these tests (SplitMix64).
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
