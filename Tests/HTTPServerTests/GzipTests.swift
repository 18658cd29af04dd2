import Foundation
import Testing
@testable import HTTPServer

@Suite("gzip: DEFLATE with fixed Huffman codes, CRC-32")
struct GzipTests {
    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test func crc32ContinuesAcrossUpdates() {
        let bytes = Array("The quick brown fox jumps over the lazy dog".utf8)
        var crc = CRC32()
        crc.update(bytes[..<10])
        crc.update(bytes[10...])
        #expect(crc.value == CRC32.checksum(bytes))
        #expect(crc.value == 0x414F_A339)
    }

    @Test func crc32OfANonContiguousSequenceIsTheSame() {
        let bytes = Array("123456789".utf8)
        #expect(CRC32.checksum(bytes.indices.lazy.map { bytes[$0] }) == 0xCBF4_3926)
        #expect(CRC32.checksum("123456789".utf8) == 0xCBF4_3926)
    }

    @Test(arguments: GzipSample.allCases)
    func systemGzipDecodesWhatWeCompress(sample: GzipSample) throws {
        let input = sample.bytes
        let compressed = Gzip.compress(input)
        #expect(Array(compressed.prefix(3)) == [0x1F, 0x8B, 8])
        #expect(try SystemGzip.decompress(compressed) == input)
    }

    @Test func textCompressesAlmostAsWellAsTheSystemGzip() throws {
        let input = GzipSample.jsonLikeMegabyte.bytes
        let ours = Gzip.compress(input)
        let reference = try SystemGzip.compress(input)
        // Dynamic codes and lazy matching bring us within a few percent of
        // zlib's level 6; fixed codes alone were about 38% larger here.
        #expect(Double(ours.count) < Double(reference.count) * 1.05)
        #expect(ours.count * 3 < input.count)
    }

    @Test func blocksOfTinyInputsUseTheFixedCodes() {
        // BFINAL 1 and BTYPE 01 are the first three bits: 0b011.
        #expect(Deflate.compress(Array("a".utf8)).first.map { $0 & 0b111 } == 0b011)
        #expect(Deflate.compress(Array(GzipSample.jsonLikeMegabyte.bytes.prefix(5000))).first.map { $0 & 0b111 } == 0b101)
    }

    @Test func matchesReachBackAcrossTheWholeWindow() throws {
        // A random 30 KB block repeated: only matches ~30 KB back can shrink it.
        var generator = SeededGenerator(seed: 7)
        let block = (0..<30_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let input = block + block
        let compressed = Gzip.compress(input)
        #expect(compressed.count < block.count + block.count / 10)
        #expect(try SystemGzip.decompress(compressed) == input)
    }
}

enum GzipSample: String, CaseIterable, CustomTestStringConvertible {
    case empty, oneByte, repetitive, randomBytes, longRuns, jsonLikeMegabyte

    var testDescription: String { rawValue }

    var bytes: [UInt8] {
        switch self {
        case .empty:
            return []
        case .oneByte:
            return [0x41]
        case .repetitive:
            return Array(String(repeating: "abcabcabd", count: 5000).utf8)
        case .randomBytes:
            var generator = SeededGenerator(seed: 42)
            return (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        case .longRuns:
            // Runs longer than the 258-byte maximum match, and distance-1 overlaps.
            return [UInt8](repeating: 0, count: 70_000) + [UInt8](repeating: 0xFF, count: 1000) + [1, 2, 3]
        case .jsonLikeMegabyte:
            var generator = SeededGenerator(seed: 1)
            var text = "["
            var index = 0
            while text.utf8.count < 1_000_000 {
                let loss = Double.random(in: 0...3, using: &generator)
                let accuracy = Double.random(in: 0...1, using: &generator)
                text += "{\"run\":\"run-\(index % 97)\",\"step\":\(index),\"val_loss\":\(loss),\"val_acc\":\(accuracy)},\n"
                index += 1
            }
            return Array((text + "{}]").utf8)
        }
    }
}

/// Runs the system's `gzip -dc` on a temporary file: the reference decoder.
enum SystemGzip {
    static func decompress(_ compressed: [UInt8]) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("httpserver-gzip-\(UUID().uuidString).gz")
        try Data(compressed).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip -dc rejected the stream")
        return Array(data)
    }
}

extension SystemGzip {
    /// What `gzip -6 -n` makes of `input`: the reference for compression ratio.
    static func compress(_ input: [UInt8]) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("httpserver-plain-\(UUID().uuidString)")
        try Data(input).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-6", "-n", "-c", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return Array(data)
    }
}

/// SplitMix64: a small seeded generator, so every random input is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

