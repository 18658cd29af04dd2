/// The 8x8 handwritten digits (UCI "Optical Recognition of Handwritten
/// Digits", the copy scikit-learn ships): 1797 images, 64 pixels of 0...16,
/// ten classes. Bundled in the binary as a string literal (DigitsTable.swift),
/// so the data set works wherever the executable is copied.
public enum Digits {
    public static let sampleCount = 1797
    public static let imageHeight = 8
    public static let imageWidth = 8
    public static let pixelCount = imageHeight * imageWidth
    public static let maximumPixelValue = 16

    /// The whole set, in the order of the source file.
    public static func load() -> RawDataset {
        var pixels: [Float] = []
        pixels.reserveCapacity(sampleCount * pixelCount)
        var labels: [Float] = []
        labels.reserveCapacity(sampleCount)
        for line in encodedSamples.utf8.split(separator: UInt8(ascii: "\n")) {
            precondition(line.count == 1 + pixelCount, "DigitsTable.swift is corrupt: regenerate it with scripts/generate-digits.sh")
            var characters = line.makeIterator()
            labels.append(Float(characters.next()! - UInt8(ascii: "0")))
            while let letter = characters.next() {
                pixels.append(Float(letter - UInt8(ascii: "a")))
            }
        }
        precondition(labels.count == sampleCount, "DigitsTable.swift is corrupt: regenerate it with scripts/generate-digits.sh")

        let pixelNames = (0..<imageHeight).flatMap { row in (0..<imageWidth).map { column in "pixel_\(row)_\(column)" } }
        return RawDataset(
            name: "digits",
            task: .classification(classes: 10),
            features: pixels,
            targets: labels,
            featureNames: pixelNames,
            targetName: "digit",
            classNames: (0...9).map(String.init),
            imageShape: (imageHeight, imageWidth),
            scaling: .pooled,
            source: "bundled 8x8 handwritten digits (UCI, via scikit-learn), \(sampleCount) images"
        )
    }
}
