/// Parameter values laid out the way PQexecPrepared takes them: an array of
/// pointers (NULL for SQL NULL), their lengths and their formats.
///
/// All values share one byte buffer, so a statement with ten parameters
/// costs one allocation, not ten. Text values are zero-terminated (libpq
/// ignores the length of text parameters); binary values are not.
struct ParameterBuffer {
    private var bytes: [UInt8] = []
    private var offsets: [Int?] = []
    private var lengths: [Int32] = []
    private var formats: [Int32] = []

    init(_ parameters: [PostgresParameter]) {
        for parameter in parameters {
            guard let value = parameter.bytes else {
                offsets.append(nil)
                lengths.append(0)
                formats.append(0)
                continue
            }
            offsets.append(bytes.count)
            bytes.append(contentsOf: value)
            if !parameter.isBinary { bytes.append(0) }
            lengths.append(Int32(value.count))
            formats.append(parameter.isBinary ? 1 : 0)
        }
        // A trailing byte gives an empty binary value (zero-length bytea) an
        // address inside the buffer: a nil pointer would read as NULL.
        bytes.append(0)
    }

    func withPointers<R>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
    ) -> R {
        bytes.withUnsafeBytes { buffer in
            let base = buffer.baseAddress!  // never empty: see the trailing byte
            let pointers = offsets.map { offset in
                offset.map { (base + $0).assumingMemoryBound(to: CChar.self) }
            }
            return pointers.withUnsafeBufferPointer { values in
                lengths.withUnsafeBufferPointer { lengths in
                    formats.withUnsafeBufferPointer { formats in
                        body(values.baseAddress, lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }
}
