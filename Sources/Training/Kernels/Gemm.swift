/// Single-precision matrix multiply, C = op(A) · op(B) (+ C), row-major.
///
/// Goto-style: B is packed into 16-column panels per block of depth (A only
/// where reading it in place would be slow), and a 6x16 register-blocked
/// micro-kernel does the work (12 vector accumulators). Large products are
/// split over the cores by rows or by columns of C. Each element of C is
/// summed in the same order whatever the split, so results do not depend on
/// the number of threads or their timing.
enum Gemm {
    static let tileRows = 6
    static let tileColumns = 16
    static let depthBlock = 256
    static let rowBlock = 96
    /// Below this many multiply-adds a second thread costs more than it saves.
    static let parallelThreshold = 1 << 20

    /// Element (i, p) of an operand lives at `base[i * rowStride + p * columnStride]`.
    struct Operand: @unchecked Sendable {
        let base: UnsafePointer<Float>
        let rowStride: Int
        let columnStride: Int

        @inline(__always) func at(_ row: Int, _ column: Int) -> Float {
            base[row * rowStride + column * columnStride]
        }
    }

    /// C (m x n) = op(A) (m x k) · op(B) (k x n), plus C when `accumulate`.
    /// `transposeA` means A is stored k x m; `transposeB` means B is stored n x k.
    /// `threads` overrides the automatic choice (tests use it).
    static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, transposeA: Bool,
        b: UnsafePointer<Float>, transposeB: Bool,
        c: UnsafeMutablePointer<Float>, accumulate: Bool,
        threads requestedThreads: Int? = nil
    ) {
        guard m > 0, n > 0 else { return }
        if !accumulate { c.update(repeating: 0, count: m * n) }
        guard k > 0 else { return }
        let left = Operand(base: a, rowStride: transposeA ? 1 : k, columnStride: transposeA ? m : 1)
        if n == 1 {
            // A single output column (a regression head and its gradients):
            // a 16-wide panel would waste fifteen lanes of every multiply.
            multiplyByVector(m: m, k: k, left: left, vector: b, c: c)
            return
        }
        let right = Operand(base: b, rowStride: transposeB ? 1 : n, columnStride: transposeB ? k : 1)
        let threads = requestedThreads ?? (m * n * k >= parallelThreshold && m >= 2 * tileRows ? Parallel.threadCount : 1)
        if threads == 1 {
            multiplyBlock(rows: 0..<m, columns: 0..<n, n: n, k: k, left: left, right: right, c: c)
            return
        }
        let output = SendablePointer(c)
        // Split C by columns when B is the larger operand: each thread then
        // packs only its own columns of B, where a split by rows would have
        // every thread pack all of B. Otherwise split by rows.
        if n >= m, n >= threads * tileColumns {
            let chunk = ((n + threads - 1) / threads + tileColumns - 1) / tileColumns * tileColumns
            Parallel.forEach(threads) { index in
                let start = index * chunk
                let end = min(n, start + chunk)
                if start < end { multiplyBlock(rows: 0..<m, columns: start..<end, n: n, k: k, left: left, right: right, c: output.pointer) }
            }
            return
        }
        let chunk = (m + threads - 1) / threads
        let alignedChunk = (chunk + tileRows - 1) / tileRows * tileRows
        Parallel.forEach(threads) { index in
            let start = index * alignedChunk
            let end = min(m, start + alignedChunk)
            if start < end { multiplyBlock(rows: start..<end, columns: 0..<n, n: n, k: k, left: left, right: right, c: output.pointer) }
        }
    }

    /// C (m x 1) += op(A) · b, where b holds k contiguous values however B
    /// is stored. Row-major A takes a dot product per row; transposed A adds
    /// b[p] times its row p to all of C, which reads A contiguously.
    private static func multiplyByVector(m: Int, k: Int, left: Operand, vector b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) {
        typealias Lanes = SIMD8<Float>
        let width = Lanes.scalarCount
        if left.columnStride == 1 {
            let vectorEnd = k - k % width
            let bRaw = UnsafeRawPointer(b)
            for row in 0..<m {
                let line = left.base + row * left.rowStride
                let lineRaw = UnsafeRawPointer(line)
                var lanes = Lanes()
                for offset in stride(from: 0, to: vectorEnd * 4, by: width * 4) {
                    multiplyAdd(
                        &lanes, lineRaw.loadUnaligned(fromByteOffset: offset, as: Lanes.self), bRaw.loadUnaligned(fromByteOffset: offset, as: Lanes.self))
                }
                var sum = lanes.sum()
                for p in vectorEnd..<k { sum += line[p] * b[p] }
                c[row] += sum
            }
            return
        }
        let vectorEnd = m - m % width
        let cRaw = UnsafeMutableRawPointer(c)
        for p in 0..<k {
            let line = left.base + p * left.columnStride
            let lineRaw = UnsafeRawPointer(line)
            let scale = b[p]
            for offset in stride(from: 0, to: vectorEnd * 4, by: width * 4) {
                var sum = cRaw.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
                multiplyAdd(&sum, Lanes(repeating: scale), lineRaw.loadUnaligned(fromByteOffset: offset, as: Lanes.self))
                cRaw.storeBytes(of: sum, toByteOffset: offset, as: Lanes.self)
            }
            for row in vectorEnd..<m { c[row] += scale * line[row] }
        }
    }

    /// Adds the block `rows` x `columns` of op(A) · op(B) into C (n columns
    /// wide). `columns` starts on a multiple of the tile width.
    private static func multiplyBlock(
        rows: Range<Int>, columns: Range<Int>, n: Int, k: Int, left: Operand, right: Operand, c: UnsafeMutablePointer<Float>
    ) {
        let panels = (columns.count + tileColumns - 1) / tileColumns
        let depth = min(depthBlock, k)
        let packedB = UnsafeMutablePointer<Float>.allocate(capacity: depth * panels * tileColumns)
        let packedA = UnsafeMutablePointer<Float>.allocate(capacity: depth * rowBlock)
        defer {
            packedB.deallocate()
            packedA.deallocate()
        }
        for depthStart in stride(from: 0, to: k, by: depthBlock) {
            let depthCount = min(depthBlock, k - depthStart)
            packB(right, depth: depthStart..<(depthStart + depthCount), columns: columns, into: packedB)
            for rowStart in stride(from: rows.lowerBound, to: rows.upperBound, by: rowBlock) {
                let rowCount = min(rowBlock, rows.upperBound - rowStart)
                let direct = readsInPlace(left)
                let depthRange = depthStart..<(depthStart + depthCount)
                if !direct {
                    packA(left, rows: rowStart..<(rowStart + rowCount), depth: depthRange, into: packedA)
                } else if rowCount % tileRows != 0 {
                    let fullRows = rowCount - rowCount % tileRows
                    packA(left, rows: (rowStart + fullRows)..<(rowStart + rowCount), depth: depthRange, into: packedA + fullRows * depthCount)
                }
                let tiles = (rowCount + tileRows - 1) / tileRows
                for panel in 0..<panels {
                    let validColumns = min(tileColumns, columns.count - panel * tileColumns)
                    for tile in 0..<tiles {
                        let validRows = min(tileRows, rowCount - tile * tileRows)
                        let inPlace = direct && validRows == tileRows
                        microKernel(
                            depth: depthCount,
                            a: inPlace
                                ? left.base + (rowStart + tile * tileRows) * left.rowStride + depthStart * left.columnStride
                                : UnsafePointer(packedA + tile * tileRows * depthCount),
                            aRowStride: inPlace ? left.rowStride : 1,
                            aDepthStride: inPlace ? left.columnStride : tileRows,
                            b: packedB + panel * tileColumns * depthCount,
                            c: c + (rowStart + tile * tileRows) * n + columns.lowerBound + panel * tileColumns,
                            ldc: n, validRows: validRows, validColumns: validColumns)
                    }
                }
            }
        }
    }

    /// Whether full tiles of A are read where they lie instead of packed.
    /// Transposed A already holds a tile's six values side by side at each
    /// depth, as packing would. Row-major A is read through six row
    /// pointers unless its rows are a multiple of 4 KiB apart, where the six
    /// rows would fall in the same cache sets; ragged last tiles are packed.
    private static func readsInPlace(_ left: Operand) -> Bool {
        if left.rowStride == 1 { return true }
        return left.columnStride == 1 && (left.rowStride * MemoryLayout<Float>.stride) % 4096 != 0
    }

    /// Panel j holds B[depth, c0+16j ..< c0+16j+16] row after row (c0 the
    /// first of `columns`), zero-padded past the last column.
    private static func packB(_ right: Operand, depth: Range<Int>, columns range: Range<Int>, into packed: UnsafeMutablePointer<Float>) {
        let depthCount = depth.count
        let panels = (range.count + tileColumns - 1) / tileColumns
        for panel in 0..<panels {
            let destination = packed + panel * tileColumns * depthCount
            let firstColumn = range.lowerBound + panel * tileColumns
            let columns = min(tileColumns, range.upperBound - firstColumn)
            if columns < tileColumns { destination.update(repeating: 0, count: tileColumns * depthCount) }
            if right.columnStride == 1 && columns == tileColumns {
                for (offset, p) in depth.enumerated() {
                    let source = UnsafeRawPointer(right.base + p * right.rowStride + firstColumn)
                    UnsafeMutableRawPointer(destination + offset * tileColumns)
                        .storeBytes(of: source.loadUnaligned(as: SIMD16<Float>.self), as: SIMD16<Float>.self)
                }
            } else if right.rowStride == 1 && columns == tileColumns {
                packTransposedPanel(right.base + firstColumn * right.columnStride + depth.lowerBound,
                                    columnStride: right.columnStride, depth: depthCount, into: destination)
            } else {
                // Column by column, reading along the source's contiguous direction when it is transposed.
                for column in 0..<columns {
                    let source = right.base + (firstColumn + column) * right.columnStride + depth.lowerBound * right.rowStride
                    for offset in 0..<depthCount { destination[offset * tileColumns + column] = source[offset * right.rowStride] }
                }
            }
        }
    }

    /// One full panel of transposed B: column j of the panel is the
    /// contiguous run `source[j * columnStride ..< + depth]`. Moved in 4x4
    /// blocks, four loads and four stores per sixteen values, which the
    /// compiler turns into shuffles; one value at a time cost a third of a
    /// small multiply.
    private static func packTransposedPanel(
        _ source: UnsafePointer<Float>, columnStride: Int, depth: Int, into destination: UnsafeMutablePointer<Float>
    ) {
        typealias Quad = SIMD4<Float>
        let source = UnsafeRawPointer(source)
        let target = UnsafeMutableRawPointer(destination)
        let size = MemoryLayout<Float>.stride
        let blockedDepth = depth - depth % 4
        for offset in stride(from: 0, to: blockedDepth, by: 4) {
            for column in stride(from: 0, to: tileColumns, by: 4) {
                let base = (column * columnStride + offset) * size
                let a = source.loadUnaligned(fromByteOffset: base, as: Quad.self)
                let b = source.loadUnaligned(fromByteOffset: base + columnStride * size, as: Quad.self)
                let c = source.loadUnaligned(fromByteOffset: base + 2 * columnStride * size, as: Quad.self)
                let d = source.loadUnaligned(fromByteOffset: base + 3 * columnStride * size, as: Quad.self)
                let out = (offset * tileColumns + column) * size
                let line = tileColumns * size
                target.storeBytes(of: Quad(a[0], b[0], c[0], d[0]), toByteOffset: out, as: Quad.self)
                target.storeBytes(of: Quad(a[1], b[1], c[1], d[1]), toByteOffset: out + line, as: Quad.self)
                target.storeBytes(of: Quad(a[2], b[2], c[2], d[2]), toByteOffset: out + 2 * line, as: Quad.self)
                target.storeBytes(of: Quad(a[3], b[3], c[3], d[3]), toByteOffset: out + 3 * line, as: Quad.self)
            }
        }
        for offset in blockedDepth..<depth {
            for column in 0..<tileColumns { destination[offset * tileColumns + column] = source.load(fromByteOffset: (column * columnStride + offset) * size, as: Float.self) }
        }
    }

    /// Tile t holds A[6t ..< 6t+6, depth] column after column, zero-padded.
    private static func packA(_ left: Operand, rows: Range<Int>, depth: Range<Int>, into packed: UnsafeMutablePointer<Float>) {
        let depthCount = depth.count
        let tiles = (rows.count + tileRows - 1) / tileRows
        for tile in 0..<tiles {
            let destination = packed + tile * tileRows * depthCount
            let firstRow = rows.lowerBound + tile * tileRows
            let validRows = min(tileRows, rows.upperBound - firstRow)
            if validRows < tileRows { destination.update(repeating: 0, count: tileRows * depthCount) }
            if left.columnStride == 1 {
                for row in 0..<validRows {
                    let source = left.base + (firstRow + row) * left.rowStride + depth.lowerBound
                    for offset in 0..<depthCount { destination[offset * tileRows + row] = source[offset] }
                }
            } else {
                // Transposed A: the six rows of a tile sit side by side in memory.
                for offset in 0..<depthCount {
                    let source = left.base + firstRow * left.rowStride + (depth.lowerBound + offset) * left.columnStride
                    for row in 0..<validRows { destination[offset * tileRows + row] = source[row * left.rowStride] }
                }
            }
        }
    }

    @inline(__always)
    private static func multiplyAdd(_ sum: inout SIMD16<Float>, _ scalar: Float, _ vector: SIMD16<Float>) {
        #if FUSED_MULTIPLY_ADD
        sum.addProduct(SIMD16(repeating: scalar), vector)
        #else
        sum += SIMD16(repeating: scalar) * vector
        #endif
    }

    @inline(__always)
    private static func multiplyAdd<Vector: SIMD>(_ sum: inout Vector, _ left: Vector, _ right: Vector) where Vector.Scalar == Float {
        #if FUSED_MULTIPLY_ADD
        sum.addProduct(left, right)
        #else
        sum += left * right
        #endif
    }

    /// C[6 x 16 tile] += A tile · packed B panel, with A's element (r, p) at
    /// `a[r * aRowStride + p * aDepthStride]`.
    private static func microKernel(
        depth: Int, a: UnsafePointer<Float>, aRowStride: Int, aDepthStride: Int, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, validRows: Int, validColumns: Int
    ) {
        var c0 = SIMD16<Float>(), c1 = SIMD16<Float>(), c2 = SIMD16<Float>()
        var c3 = SIMD16<Float>(), c4 = SIMD16<Float>(), c5 = SIMD16<Float>()
        let bRaw = UnsafeRawPointer(b)
        for p in 0..<depth {
            let vector = bRaw.loadUnaligned(fromByteOffset: p * 64, as: SIMD16<Float>.self)
            let column = a + p * aDepthStride
            multiplyAdd(&c0, column[0], vector)
            multiplyAdd(&c1, column[aRowStride], vector)
            multiplyAdd(&c2, column[2 * aRowStride], vector)
            multiplyAdd(&c3, column[3 * aRowStride], vector)
            multiplyAdd(&c4, column[4 * aRowStride], vector)
            multiplyAdd(&c5, column[5 * aRowStride], vector)
        }
        if validColumns == tileColumns {
            addRow(c0, to: c)
            if validRows > 1 { addRow(c1, to: c + ldc) }
            if validRows > 2 { addRow(c2, to: c + 2 * ldc) }
            if validRows > 3 { addRow(c3, to: c + 3 * ldc) }
            if validRows > 4 { addRow(c4, to: c + 4 * ldc) }
            if validRows > 5 { addRow(c5, to: c + 5 * ldc) }
        } else {
            let sums = (c0, c1, c2, c3, c4, c5)
            for row in 0..<validRows {
                let sum = switch row {
                case 0: sums.0
                case 1: sums.1
                case 2: sums.2
                case 3: sums.3
                case 4: sums.4
                default: sums.5
                }
                for column in 0..<validColumns { c[row * ldc + column] += sum[column] }
            }
        }
    }

    @inline(__always)
    private static func addRow(_ sum: SIMD16<Float>, to row: UnsafeMutablePointer<Float>) {
        let target = UnsafeMutableRawPointer(row)
        target.storeBytes(of: UnsafeRawPointer(row).loadUnaligned(as: SIMD16<Float>.self) + sum, as: SIMD16<Float>.self)
    }
}
