/// The instability check's state in a format 2 checkpoint: a presence flag,
/// the untrained loss (f64), the number of curves (u64), then per curve in
/// key order (so equal states give equal bytes): key (length-prefixed
/// UTF-8), first value (f64), its epoch, epochs exploded running (i64), and
/// the recent values (count, then f64 each).
extension BinaryWriter {
    mutating func write(instability: InstabilityDetector?) {
        guard let instability else { return write(UInt8(0)) }
        write(UInt8(1))
        write(instability.untrainedLoss)
        write(instability.curves.count)
        for (key, curve) in instability.curves.sorted(by: { $0.key < $1.key }) {
            write(bytes: Array(key.utf8))
            write(curve.first)
            write(curve.firstEpoch)
            write(curve.explodedEpochs)
            write(curve.recent.count)
            for value in curve.recent { write(value) }
        }
    }
}

extension BinaryReader {
    mutating func readInstability() throws(CheckpointError) -> InstabilityDetector? {
        guard try readByte() == 1 else { return nil }
        var detector = InstabilityDetector(untrainedLoss: try readDouble())
        let count = try readInt()
        guard count >= 0, count <= InstabilityDetector.watched.count else { throw .invalidHeader("unexpected instability curves") }
        for _ in 0..<count {
            let key = String(decoding: try readBytes(), as: UTF8.self)
            var curve = InstabilityDetector.Curve(first: try readDouble(), firstEpoch: try readInt())
            curve.explodedEpochs = try readInt()
            let recent = try readInt()
            guard recent >= 0, recent <= InstabilityDetector.window else { throw .invalidHeader("unexpected instability window") }
            for _ in 0..<recent { curve.recent.append(try readDouble()) }
            detector.curves[key] = curve
        }
        return detector
    }
}
