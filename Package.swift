// swift-tools-version: 6.0
import PackageDescription

// The engine's kernels need AVX2 and FMA to be fast: Swift's default x86-64
// target turns SIMD `addProduct` into scalar fma calls. Release builds target
// Haswell (x86-64-v3: AVX2, FMA, BMI2); the binary checks the CPU at start-up and
// refuses, with a clear message, to run on an older one. Debug builds (and so
// `swift test`) keep the default target and run anywhere.
let releaseCPU: [SwiftSetting] = [
    .unsafeFlags(["-target-cpu", "haswell"], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "tracker",
    products: [
        .executable(name: "tracker", targets: ["tracker"]),
        .executable(name: "tracker-bench", targets: ["tracker-bench"]),
        .library(name: "TrackerStore", targets: ["TrackerStore"]),
        .library(name: "Training", targets: ["Training"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(
            name: "TrackerStore",
            dependencies: ["SQLite"],
            resources: [.embedInCode("Migrations")]
        ),
        .target(name: "Training", exclude: ["Data/Digits/README.md"], swiftSettings: releaseCPU),
        .target(name: "TrackerCLI", dependencies: ["TrackerStore", "Training"]),
        .executableTarget(name: "tracker", dependencies: ["TrackerCLI"]),

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

        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "TrackerStoreTests", dependencies: ["TrackerStore", "SQLite", "store-writer"]),
        // A separate writer process for TrackerStoreTests' kill -9 and multi-process tests.
        .executableTarget(name: "store-writer", dependencies: ["TrackerStore"], path: "Tests/StoreWriter"),
        .testTarget(name: "TrainingTests", dependencies: ["Training"]),
        .testTarget(name: "TrackerCLITests", dependencies: ["TrackerCLI", "TrackerStore", "tracker"]),
    ]
)
