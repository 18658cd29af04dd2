import Testing
@testable import Training

@Suite struct GemmTests {
    /// Straightforward triple loop in Double, the reference.
    static func reference(m: Int, n: Int, k: Int, a: [Float], transposeA: Bool, b: [Float], transposeB: Bool) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum: Double = 0
                for p in 0..<k {
                    let left = transposeA ? a[p * m + i] : a[i * k + p]
                    let right = transposeB ? b[j * k + p] : b[p * n + j]
                    sum += Double(left) * Double(right)
                }
                c[i * n + j] = sum
            }
        }
        return c
    }

    static func randomValues(_ count: Int, seed: UInt64) -> [Float] {
        var random = RandomSource(seed: seed)
        return (0..<count).map { _ in Float(random.uniform() * 2 - 1) }
    }

    static func multiply(m: Int, n: Int, k: Int, a: [Float], transposeA: Bool, b: [Float], transposeB: Bool,
                         initial: [Float]? = nil, threads: Int? = nil) -> [Float] {
        var c = initial ?? [Float](repeating: .nan, count: m * n)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    Gemm.multiply(m: m, n: n, k: k, a: a.baseAddress!, transposeA: transposeA, b: b.baseAddress!,
                                  transposeB: transposeB, c: c.baseAddress!, accumulate: initial != nil, threads: threads)
                }
            }
        }
        return c
    }

    @Test(arguments: [(1, 1, 1), (5, 7, 3), (6, 16, 256), (13, 33, 300), (50, 64, 1), (97, 17, 513), (128, 40, 70), (12, 20, 1024), (37, 1, 70), (64, 1, 50), (1, 1, 9)])
    func matchesTheReferenceForEveryLayout(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = Self.randomValues(m * k, seed: 1)
            let b = Self.randomValues(k * n, seed: 2)
            let expected = Self.reference(m: m, n: n, k: k, a: a, transposeA: transposeA, b: b, transposeB: transposeB)
            let actual = Self.multiply(m: m, n: n, k: k, a: a, transposeA: transposeA, b: b, transposeB: transposeB)
            let worst = zip(actual, expected).map { abs(Double($0) - $1) }.max() ?? 0
            #expect(worst <= 1e-5 * Double(k), "m=\(m) n=\(n) k=\(k) tA=\(transposeA) tB=\(transposeB): error \(worst)")
        }
    }

    @Test func accumulateAddsToTheExistingValues() {
        let (m, n, k) = (7, 19, 11)
        let a = Self.randomValues(m * k, seed: 3)
        let b = Self.randomValues(k * n, seed: 4)
        let initial = Self.randomValues(m * n, seed: 5)
        let product = Self.multiply(m: m, n: n, k: k, a: a, transposeA: false, b: b, transposeB: false)
        let accumulated = Self.multiply(m: m, n: n, k: k, a: a, transposeA: false, b: b, transposeB: false, initial: initial)
        for index in product.indices { #expect(abs(accumulated[index] - (initial[index] + product[index])) < 1e-5) }
    }

    /// Splitting C over threads, by rows (m > n) or by columns (n >= m,
    /// with a ragged last panel), must not change a single bit, and must
    /// still compute the product.
    @Test(arguments: [(203, 130, 260, true), (40, 203, 260, false), (40, 203, 100, true), (13, 77, 300, false)])
    func resultsDoNotDependOnTheThreadCount(shape: (Int, Int, Int, Bool)) {
        let (m, n, k, transposeB) = shape
        let a = Self.randomValues(m * k, seed: 6)
        let b = Self.randomValues(k * n, seed: 7)
        let one = Self.multiply(m: m, n: n, k: k, a: a, transposeA: true, b: b, transposeB: transposeB, threads: 1)
        let two = Self.multiply(m: m, n: n, k: k, a: a, transposeA: true, b: b, transposeB: transposeB, threads: 2)
        let three = Self.multiply(m: m, n: n, k: k, a: a, transposeA: true, b: b, transposeB: transposeB, threads: 3)
        #expect(one.map(\.bitPattern) == two.map(\.bitPattern))
        #expect(one.map(\.bitPattern) == three.map(\.bitPattern))
        let expected = Self.reference(m: m, n: n, k: k, a: a, transposeA: true, b: b, transposeB: transposeB)
        let worst = zip(three, expected).map { abs(Double($0) - $1) }.max() ?? 0
        #expect(worst <= 1e-5 * Double(k), "m=\(m) n=\(n) k=\(k): error \(worst)")
    }
}
