/// What one TensorBoard `Event` record holds that an import keeps.
struct TensorBoardEvent {
    var wallTime: Double?
    var step: Int64 = 0
    var scalars: [(tag: String, value: Double)] = []
    /// From an hparams plugin `session_start_info` (PyTorch's `add_hparams`).
    var hparams: [String: ImportedValue] = [:]
}

/// Decodes `Event` protos (tensorflow/core/util/event.proto and
/// summary.proto) down to scalars and hparams; images, histograms, text
/// and graphs are skipped.
///
/// TensorFlow writes a tag's `SummaryMetadata` only with its first value
/// in a file, so the decoder remembers each tag's plugin: use one decoder
/// per event file.
struct TensorBoardEventDecoder {
    private var pluginByTag: [String: String] = [:]

    mutating func decode(_ record: [UInt8]) throws -> TensorBoardEvent {
        var event = TensorBoardEvent()
        var reader = ProtobufReader(record)
        while let field = try reader.nextField() {
            switch field.number {
            case 1: event.wallTime = field.value.double
            case 2: event.step = field.value.int64 ?? 0
            case 5:
                if var summary = field.value.message { try decodeSummary(&summary, into: &event) }
            default: continue
            }
        }
        return event
    }

    private mutating func decodeSummary(_ summary: inout ProtobufReader, into event: inout TensorBoardEvent) throws {
        while let field = try summary.nextField() {
            guard field.number == 1, var value = field.value.message else { continue }
            try decodeValue(&value, into: &event)
        }
    }

    /// `Summary.Value`: tag=1, simple_value=2, tensor=8, metadata=9.
    private mutating func decodeValue(_ value: inout ProtobufReader, into event: inout TensorBoardEvent) throws {
        var tag = ""
        var simpleValue: Float?
        var tensor: ProtobufReader?
        var metadata: SummaryMetadata?
        while let field = try value.nextField() {
            switch field.number {
            case 1: tag = field.value.string ?? ""
            case 2: simpleValue = field.value.float
            case 8: tensor = field.value.message
            case 9: if var reader = field.value.message { metadata = try SummaryMetadata(&reader) }
            default: continue
            }
        }
        if let plugin = metadata?.pluginName { pluginByTag[tag] = plugin }
        let plugin = pluginByTag[tag]

        if plugin == "hparams", let content = metadata?.pluginContent {
            event.hparams.merge(try Self.sessionStartHParams(content)) { _, new in new }
        } else if let simpleValue {
            event.scalars.append((tag, Double(simpleValue)))
        } else if var tensor, plugin == nil || plugin == "scalars" {
            // Without a plugin name only a rank-0 tensor counts: a histogram
            // or an image written with no metadata is not a metric.
            if let scalar = try Self.scalar(fromTensor: &tensor, requireRankZero: plugin == nil) {
                event.scalars.append((tag, scalar))
            }
        }
    }

    /// The single number in a `TensorProto`, or nil when it holds more than
    /// one value or a type that is not a number.
    static func scalar(fromTensor tensor: inout ProtobufReader, requireRankZero: Bool) throws -> Double? {
        var dtype: Int64 = 0
        var dimensions: [Int64] = []
        var content: ArraySlice<UInt8> = []
        var values: [Double] = []
        while let field = try tensor.nextField() {
            switch field.number {
            case 1: dtype = field.value.int64 ?? 0
            case 2: if var shape = field.value.message { dimensions = try shapeDimensions(&shape) }
            case 4: content = field.value.message?.remainingBytes ?? []
            case 5: values += try field.value.floats().map(Double.init)
            case 6: values += try field.value.doubles()
            case 7, 10: values += try field.value.int64s().map(Double.init)
            default: continue
            }
        }
        guard !requireRankZero || dimensions.isEmpty, dimensions.allSatisfy({ $0 == 1 }) else { return nil }
        if !content.isEmpty { values = decodeContent(content, dtype: dtype) }
        guard values.count == 1, TensorDataType.numeric.contains(dtype) else { return nil }
        return values[0]
    }

    /// `TensorShapeProto`: dim=2 { size=1 }.
    private static func shapeDimensions(_ shape: inout ProtobufReader) throws -> [Int64] {
        var sizes: [Int64] = []
        while let field = try shape.nextField() {
            guard field.number == 2, var dimension = field.value.message else { continue }
            var size: Int64 = 0
            while let dimensionField = try dimension.nextField() {
                if dimensionField.number == 1 { size = dimensionField.value.int64 ?? 0 }
            }
            sizes.append(size)
        }
        return sizes
    }

    /// `tensor_content`: the raw little-endian values, packed.
    private static func decodeContent(_ content: ArraySlice<UInt8>, dtype: Int64) -> [Double] {
        func littleEndian<T: FixedWidthInteger>(_ type: T.Type) -> [T] {
            let size = MemoryLayout<T>.size
            return stride(from: content.startIndex, to: content.endIndex - size + 1, by: size).map { start in
                (0..<size).reduce(T.zero) { $0 | T(truncatingIfNeeded: content[start + $1]) << (8 * $1) }
            }
        }
        switch dtype {
        case TensorDataType.float: return littleEndian(UInt32.self).map { Double(Float(bitPattern: $0)) }
        case TensorDataType.double: return littleEndian(UInt64.self).map { Double(bitPattern: $0) }
        case TensorDataType.int32: return littleEndian(Int32.self).map(Double.init)
        case TensorDataType.int64: return littleEndian(Int64.self).map(Double.init)
        default: return []
        }
    }

    /// `HParamsPluginData` (tensorboard/plugins/hparams/plugin_data.proto):
    /// session_start_info=3 { hparams=1 map<string, google.protobuf.Value> }.
    static func sessionStartHParams(_ content: ArraySlice<UInt8>) throws -> [String: ImportedValue] {
        var hparams: [String: ImportedValue] = [:]
        var pluginData = ProtobufReader(Array(content))
        while let field = try pluginData.nextField() {
            guard field.number == 3, var sessionStart = field.value.message else { continue }
            while let sessionField = try sessionStart.nextField() {
                guard sessionField.number == 1, var entry = sessionField.value.message else { continue }
                var key: String?
                var value: ImportedValue?
                while let entryField = try entry.nextField() {
                    switch entryField.number {
                    case 1: key = entryField.value.string
                    case 2: if var protoValue = entryField.value.message { value = try protobufValue(&protoValue) }
                    default: continue
                    }
                }
                if let key, let value { hparams[key] = value }
            }
        }
        return hparams
    }

    /// `google.protobuf.Value`: number_value=2 (a double, so always
    /// `.real`: the file does not say whether 32 was an integer),
    /// string_value=3, bool_value=4 (as the text "true" or "false").
    /// Null, struct and list values are not params and give nil.
    private static func protobufValue(_ value: inout ProtobufReader) throws -> ImportedValue? {
        var result: ImportedValue?
        while let field = try value.nextField() {
            switch field.number {
            case 2: result = field.value.double.map(ImportedValue.real)
            case 3: result = field.value.string.map(ImportedValue.text)
            case 4: result = field.value.bool.map { .text($0 ? "true" : "false") }
            default: continue
            }
        }
        return result
    }
}

/// `SummaryMetadata`: plugin_data=1 { plugin_name=1, content=2 }.
struct SummaryMetadata {
    var pluginName: String?
    var pluginContent: ArraySlice<UInt8>?

    init(_ reader: inout ProtobufReader) throws {
        while let field = try reader.nextField() {
            guard field.number == 1, var pluginData = field.value.message else { continue }
            while let pluginField = try pluginData.nextField() {
                switch pluginField.number {
                case 1: pluginName = pluginField.value.string
                case 2: pluginContent = pluginField.value.message?.remainingBytes
                default: continue
                }
            }
        }
    }
}

/// TensorFlow's `DataType` enum values that hold one number per element.
enum TensorDataType {
    static let float: Int64 = 1
    static let double: Int64 = 2
    static let int32: Int64 = 3
    static let int64: Int64 = 9
    static let numeric: Set<Int64> = [float, double, int32, int64]
}
