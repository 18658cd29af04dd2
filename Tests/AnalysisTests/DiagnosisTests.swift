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

    @Test func aModerateGapWithoutRiseIsMildOverfitting() throws {
        // Final gap (0.13 - 0.1) / 0.13 = 23%: above 20%, below 50%; no rise.
        let curves = SyntheticCurves.decaying(epochs: 60, trainFloor: 0.1, valFloor: 0.13)
        let diagnosis = Diagnosis(try evidence(curves))
        #expect(diagnosis.verdict == .mildOverfitting)
        #expect(abs(diagnosis.evidence.finalGap - 0.23) < 0.01)
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
        // Gap 17% and a 2% rise: below the mild limits alone, but the weights
        // grow 1.75x after the best epoch.
        var evidence = Diagnosis.Evidence(
            epochs: 40, bestEpoch: 20, bestValLoss: 0.1, finalValLoss: 0.102, trainLossAtBest: 0.09,
            finalTrainLoss: 0.085, firstTrainLoss: 1, recentTrainLossFall: 0.001,
            weightNormAtBest: 2, finalWeightNorm: 3.5)
        #expect(Diagnosis(evidence).verdict == .mildOverfitting)
        #expect(Diagnosis(evidence).findings.contains { $0.contains("x1.75") })
        evidence.finalWeightNorm = 2.2
        #expect(Diagnosis(evidence).verdict == .healthy)
    }

    @Test func thresholdsAreTheDocumentedOnes() {
        let t = Diagnosis.Thresholds.standard
        #expect([t.mildGap, t.severeGap, t.mildRise, t.severeRise] == [0.2, 0.5, 0.05, 0.25])
        #expect(t.underfitTrainLossFraction == 0.2 && t.smallGap == 0.1 && t.weightGrowth == 1.5)
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
        let curves = SyntheticCurves.decaying(epochs: 60, trainFloor: 0.02, valFloor: 0.1)
        let diagnosis = Diagnosis(try evidence(curves))
        #expect(diagnosis.verdict == .severeOverfitting)
        let big = Playbook.recommendations(for: diagnosis, facts: facts(["hidden": .text("128,128"), "dropout": .real(0.3)]))
        #expect(big.first?.changes == ["dropout": .real(0.5)])
        let small = Playbook.recommendations(for: diagnosis, facts: facts(["hidden": .integer(16), "wd": .real(1e-4)]))
        #expect(small.first?.changes == ["wd": .real(1e-3)])
        let linear = Playbook.recommendations(for: diagnosis, facts: facts([:]))
        #expect(linear.first?.changes == ["wd": .real(1e-3)])
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
