import Foundation

public enum CheckpointKind: String, Sendable, Codable, CaseIterable {
    case best, last, periodic
}

public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    case notACheckpoint
    case unsupportedVersion(UInt32)
    case truncated
    case corrupted
    case invalidHeader(String)
    case mismatch(String)

    public var description: String {
        switch self {
        case .notACheckpoint: "not a tracker checkpoint (wrong magic bytes); export one with 'tracker checkpoint export'"
        case .unsupportedVersion(let version):
            "checkpoint format version \(version) is not supported (this build reads version \(Checkpoint.formatVersion)); use a matching tracker"
        case .truncated: "checkpoint is truncated; export it again"
        case .corrupted: "checkpoint checksum does not match its contents; the file is damaged, export it again"
        case .invalidHeader(let reason): "checkpoint header is unreadable: \(reason)"
        case .mismatch(let reason): "checkpoint does not fit: \(reason)"
        }
    }
}

/// Everything needed to continue a run exactly where it stopped.
struct TrainerState: Equatable {
    var optimizer: Optimizer
    var random: RandomSource
    var bestValue: Double?
    var bestEpoch: Int?
    var epochsSinceImprovement: Int
    var bestParameters: [Float]
    var bestBuffers: [Float]
    /// The curves the instability check has seen; nil from a format 1
    /// checkpoint, whose resumed run starts that check over.
    var instability: InstabilityDetector?
}

/// A versioned binary snapshot of a run at the end of an epoch.
///
/// Layout (little-endian): magic "TRKCKPT\0", format version (u32), header
/// length (u64) and JSON header (kind, epoch, configuration, architecture),
/// parameters, buffers (each: count u64 then f32 bits), a flag and the
/// trainer state (optimizer step and moments, the four RNG words,
/// early-stopping counters, best-epoch parameters and buffers; from format
/// 2 the instability check's curves, see InstabilityCoding.swift), then an
/// FNV-1a checksum (u64) of all preceding bytes.
public struct Checkpoint: Sendable {
    /// 2 added the instability check's curves to the trainer state; version 1
    /// is still read.
    public static let formatVersion: UInt32 = 2
    static let readableVersions: ClosedRange<UInt32> = 1...2
    static let magic: [UInt8] = Array("TRKCKPT\0".utf8)

    public var kind: CheckpointKind
    /// The last completed epoch (1-based).
    public var epoch: Int
    public var configuration: TrainingConfiguration
    public var model: Model
    var state: TrainerState?

    init(kind: CheckpointKind, epoch: Int, configuration: TrainingConfiguration, model: Model, state: TrainerState?) {
        self.kind = kind
        self.epoch = epoch
        self.configuration = configuration
        self.model = model
        self.state = state
    }

    private struct Header: Codable {
        var kind: CheckpointKind
        var epoch: Int
        var configuration: TrainingConfiguration
        var architecture: Architecture
    }

    public func encoded() -> [UInt8] {
        var writer = BinaryWriter()
        writer.writeRaw(Self.magic)
        writer.write(Self.formatVersion)
        let header = Header(kind: kind, epoch: epoch, configuration: configuration, architecture: model.architecture)
        // Sorted keys: the same state always gives the same bytes, so a
        // content-addressed store keeps one copy. Plain Codable values cannot fail to encode.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        writer.write(bytes: Array(try! encoder.encode(header)))
        writer.write(model.parameters)
        writer.write(model.buffers)
        if let state {
            writer.write(UInt8(1))
            writer.write(state.optimizer.step)
            writer.write(state.optimizer.first)
            writer.write(state.optimizer.second)
            let words = state.random.state
            for word in [words.0, words.1, words.2, words.3] { writer.write(word) }
            writer.write(state.bestValue ?? .nan)
            writer.write(state.bestEpoch ?? 0)
            writer.write(state.epochsSinceImprovement)
            writer.write(state.bestParameters)
            writer.write(state.bestBuffers)
            writer.write(instability: state.instability)
        } else {
            writer.write(UInt8(0))
        }
        var bytes = writer.bytes
        withUnsafeBytes(of: Checksum.fnv1a(bytes[...]).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    public init(bytes: [UInt8]) throws(CheckpointError) {
        guard bytes.count >= Self.magic.count, Array(bytes.prefix(Self.magic.count)) == Self.magic else { throw .notACheckpoint }
        guard bytes.count >= Self.magic.count + 12 else { throw .truncated }
        var reader = BinaryReader(Array(bytes.dropLast(8)))
        _ = try (0..<Self.magic.count).map { _ throws(CheckpointError) in try reader.readByte() }
        let version = try reader.readUInt32()
        guard Self.readableVersions.contains(version) else { throw .unsupportedVersion(version) }
        var trailer = BinaryReader(Array(bytes.suffix(8)))
        guard try trailer.readUInt64() == Checksum.fnv1a(bytes.dropLast(8)) else { throw .corrupted }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(try reader.readBytes()))
        } catch let error as CheckpointError {
            throw error
        } catch {
            throw .invalidHeader("\(error)")
        }
        let parameters = try reader.readFloats()
        let buffers = try reader.readFloats()
        guard parameters.count == header.architecture.parameterCount, buffers.count == header.architecture.bufferCount else {
            throw .invalidHeader("parameter counts do not match the architecture")
        }
        kind = header.kind
        epoch = header.epoch
        configuration = header.configuration
        model = Model(architecture: header.architecture, parameters: parameters, buffers: buffers)
        if try reader.readByte() == 1 {
            var optimizer = Optimizer(configuration: header.configuration, parameterCount: parameters.count)
            optimizer.step = try reader.readInt()
            optimizer.first = try reader.readFloats()
            optimizer.second = try reader.readFloats()
            let random = RandomSource(state: (try reader.readUInt64(), try reader.readUInt64(), try reader.readUInt64(), try reader.readUInt64()))
            let bestValue = try reader.readDouble()
            let bestEpoch = try reader.readInt()
            let since = try reader.readInt()
            state = TrainerState(
                optimizer: optimizer, random: random,
                bestValue: bestValue.isNaN ? nil : bestValue, bestEpoch: bestEpoch == 0 ? nil : bestEpoch,
                epochsSinceImprovement: since,
                bestParameters: try reader.readFloats(), bestBuffers: try reader.readFloats(),
                instability: version >= 2 ? try reader.readInstability() : nil)
        } else {
            state = nil
        }
        guard reader.isAtEnd else { throw .invalidHeader("unexpected bytes after the last section") }
    }
}
