import Foundation

/// Learning curves with a known shape, so that tests know by construction
/// which run overfits, underfits or fits well. No noise: every verdict the
/// tests expect follows from the floors and the rise alone.
struct SyntheticCurves {
    var train: [Double]
    var val: [Double]

    /// Both losses fall from 1 towards their floors at the same pace; after
    /// `riseAfter` epochs val_loss climbs by `rise` per epoch (overfitting).
    static func decaying(
        epochs: Int, trainFloor: Double, valFloor: Double, pace: Double = 6, riseAfter: Int? = nil, rise: Double = 0
    ) -> SyntheticCurves {
        var train: [Double] = [], val: [Double] = []
        for epoch in 1...epochs {
            let decay = exp(-Double(epoch) / pace)
            train.append(trainFloor + (1 - trainFloor) * decay)
            var v = valFloor + (1 - valFloor) * decay
            if let riseAfter, epoch > riseAfter { v += rise * Double(epoch - riseAfter) }
            val.append(v)
        }
        return SyntheticCurves(train: train, val: val)
    }
}
