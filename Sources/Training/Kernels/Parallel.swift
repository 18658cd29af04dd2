import Foundation

/// A pointer handed to worker threads that write disjoint parts of it.
struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}

/// Splits work over the machine's cores. Callers give each index a fixed,
/// disjoint share, so results never depend on scheduling.
enum Parallel {
    static let threadCount = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))

    static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        ComputePool.shared.run(count, body)
    }
}
