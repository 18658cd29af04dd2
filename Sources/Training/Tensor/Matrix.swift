/// A row-major matrix of Float: a batch of rows, one column per feature.
struct Matrix: Equatable {
    var rows: Int
    var columns: Int
    var values: [Float]

    init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "matrix needs rows x columns values")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    init(zeros rows: Int, _ columns: Int) {
        self.init(rows: rows, columns: columns, values: [Float](repeating: 0, count: rows * columns))
    }

    /// op(a) · op(b) through the blocked SIMD kernel.
    static func product(_ a: Matrix, transposed transposeA: Bool = false, _ b: Matrix, transposed transposeB: Bool = false) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        precondition(k == (transposeB ? b.columns : b.rows), "inner dimensions must agree")
        var result = Matrix(zeros: m, n)
        a.values.withUnsafeBufferPointer { left in
            b.values.withUnsafeBufferPointer { right in
                result.values.withUnsafeMutableBufferPointer { output in
                    Gemm.multiply(
                        m: m, n: n, k: k,
                        a: left.baseAddress!, transposeA: transposeA,
                        b: right.baseAddress!, transposeB: transposeB,
                        c: output.baseAddress!, accumulate: false)
                }
            }
        }
        return result
    }

    /// The rows at `indices`, in that order.
    func gathering(rows indices: ArraySlice<Int>) -> Matrix {
        var result = [Float](repeating: 0, count: indices.count * columns)
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for (offset, row) in indices.enumerated() {
                    (target.baseAddress! + offset * columns)
                        .update(from: source.baseAddress! + row * columns, count: columns)
                }
            }
        }
        return Matrix(rows: indices.count, columns: columns, values: result)
    }
}
