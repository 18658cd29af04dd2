/// A stable byte encoding of a data set's values, for fingerprinting data
/// that does not come straight from a file (generated sets, the bundled
/// digits, subsets).
///
/// Layout, all integers little-endian: the magic "tracker-data/1", then the
/// task (0 regression, 1 classification) and class count as UInt32, rows and
/// features as UInt64, the target name, feature names and class names as
/// UTF-8 strings each prefixed by its UInt32 length, the image height and
/// width as UInt32 (0 when not an image), the designated split sizes and
/// indices as UInt64 (a zero flag when none), then every feature value and
/// every target as the Float32 bit pattern. The data set's display name and
/// source description are left out: the same values under another name are
/// the same content. Changing this layout changes every fingerprint, so it is
/// versioned by the magic.
enum CanonicalContent {
    static let magic = Array("tracker-data/1".utf8)

    static func encode(_ data: RawDataset) -> [UInt8] {
        var bytes = magic
        bytes.reserveCapacity(magic.count + 4 * (data.features.count + data.targets.count) + 256)
        switch data.task {
        case .regression:
            append(UInt32(0), to: &bytes)
            append(UInt32(0), to: &bytes)
        case let .classification(classes):
            append(UInt32(1), to: &bytes)
            append(UInt32(classes), to: &bytes)
        }
        append(UInt64(data.rows), to: &bytes)
        append(UInt64(data.featureCount), to: &bytes)
        append(data.targetName, to: &bytes)
        for name in data.featureNames { append(name, to: &bytes) }
        for name in data.classNames { append(name, to: &bytes) }
        append(UInt32(data.imageShape?.height ?? 0), to: &bytes)
        append(UInt32(data.imageShape?.width ?? 0), to: &bytes)
        if let splits = data.designatedSplits {
            append(UInt64(1), to: &bytes)
            for indices in [splits.train, splits.validation, splits.test] {
                append(UInt64(indices.count), to: &bytes)
                for index in indices { append(UInt64(index), to: &bytes) }
            }
        } else {
            append(UInt64(0), to: &bytes)
        }
        for value in data.features { append(value.bitPattern, to: &bytes) }
        for value in data.targets { append(value.bitPattern, to: &bytes) }
        return bytes
    }

    private static func append<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = Array(text.utf8)
        append(UInt32(utf8.count), to: &bytes)
        bytes.append(contentsOf: utf8)
    }
}
