// swift-tools-version: 6.0
import PackageDescription

// The engine's kernels need AVX2 and FMA to be fast: Swift's default x86-64
// target turns SIMD `addProduct` into scalar fma calls. Release builds target
// Haswell, i.e. the x86-64-v3 feature set (this toolchain's clang importer
// rejects the name "x86-64-v3" itself); the binary checks the CPU at start-up and
// refuses, with a clear message, to run on an older one. Debug builds (and so
// `swift test`) keep the default target and run anywhere.
let releaseCPU: [SwiftSetting] = [
    .unsafeFlags(["-target-cpu", "haswell"], .when(platforms: [.linux], configuration: .release)),
]

// The engine's kernels pick `addProduct` (one fused multiply-add) only where
// the release target has FMA; elsewhere a separate multiply and add is far
// faster than the scalar `fma` calls the default target would make.
// Debug builds also compile Training with -O: the statistical tests train
// for tens of thousands of epochs and take minutes unoptimized.
let trainingSettings: [SwiftSetting] = releaseCPU + [
    .define("FUSED_MULTIPLY_ADD", .when(platforms: [.linux], configuration: .release)),
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]

let package = Package(
    name: "tracker",
    products: [
        .executable(name: "tracker", targets: ["tracker"]),
        .executable(name: "tracker-bench", targets: ["tracker-bench"]),
        .library(name: "TrackerStore", targets: ["TrackerStore"]),
        .library(name: "Training", targets: ["Training"]),
        .library(name: "CPUFeatures", targets: ["CPUFeatures"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(
            name: "TrackerStore",
            dependencies: ["SQLite"],
            resources: [.embedInCode("Migrations")]
        ),
        .target(name: "Training", exclude: ["Data/Digits/README.md"], swiftSettings: trainingSettings),
        // Compiled without AVX flags so that it runs on any x86-64 CPU and can
        // refuse clearly before any AVX2 instruction of Training executes.
        .target(name: "CPUFeatures"),
        .target(name: "TrackerCLI", dependencies: ["TrackerStore", "Training"]),
        .executableTarget(name: "tracker", dependencies: ["TrackerCLI", "CPUFeatures"]),

        .target(
            name: "CBaseline",
            path: "Benchmarks/CBaseline",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        .executableTarget(
            name: "tracker-bench",
            dependencies: ["CBaseline", "SQLite", "TrackerStore", "Training", "TrackerCLI"],
            path: "Benchmarks/tracker-bench",
            swiftSettings: releaseCPU
        ),

        // `tracker exec`'s child side: spawning with a parent-death signal
        // (C: nothing but async-signal-safe calls between fork and exec), the
        // protocol decoder, output passthrough and signal forwarding.
        .target(name: "CChildSpawn"),
        .target(name: "ChildProcess", dependencies: ["CChildSpawn"]),

        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "TrackerStoreTests", dependencies: ["TrackerStore", "SQLite", "store-writer"]),
        // A separate writer process for TrackerStoreTests' kill -9 and multi-process tests.
        .executableTarget(name: "store-writer", dependencies: ["TrackerStore"], path: "Tests/StoreWriter"),
        .testTarget(name: "ChildProcessTests", dependencies: ["ChildProcess", "supervisor-parent"]),
        // A parent for ChildProcessTests to kill -9: its child must die with it.
        .executableTarget(name: "supervisor-parent", dependencies: ["ChildProcess"], path: "Tests/SupervisorParent"),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "CPUFeatures"]),
        .testTarget(name: "TrackerCLITests", dependencies: ["TrackerCLI", "TrackerStore", "tracker"]),
    ]
)
