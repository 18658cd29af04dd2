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
        .library(name: "TrackerKit", targets: ["TrackerKit"]),
        .library(name: "EngineRecording", targets: ["EngineRecording"]),
        .library(name: "Plots", targets: ["Plots"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "Sweeps", targets: ["Sweeps"]),
        .library(name: "TrackerStore", targets: ["TrackerStore"]),
        .library(name: "Training", targets: ["Training"]),
        .library(name: "CPUFeatures", targets: ["CPUFeatures"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        // The standard metric names, shared by the engine and the store.
        .target(name: "MetricNames"),
        // libpq is loaded at run time (dlopen), so nothing here links it.
        .target(name: "PostgreSQL"),
        // The store's schema on PostgreSQL: migrations/postgresql, embedded, and their migrator.
        .target(
            name: "PostgresSchema",
            dependencies: ["PostgreSQL"],
            resources: [.embedInCode("Migrations")]
        ),
        .target(
            name: "TrackerStore",
            dependencies: ["SQLite", "PostgreSQL", "PostgresSchema", "MetricNames"],
            // migrations/postgresql belongs to PostgresSchema.
            exclude: ["Migrations/postgresql"],
            resources: [.embedInCode("Migrations")]
        ),
        // The public recording API: what any Swift training loop calls.
        .target(name: "TrackerKit", dependencies: ["TrackerStore"]),
        .target(name: "Training", dependencies: ["MetricNames"], exclude: ["Data/Digits/README.md"], swiftSettings: trainingSettings),
        // Compiled without AVX flags so that it runs on any x86-64 CPU and can
        // refuse clearly before any AVX2 instruction of Training executes.
        .target(name: "CPUFeatures"),
        // SVG figures and terminal charts, and the number formats they share with tables.
        .target(name: "Plots"),
        // The engine's observer recording into a TrackerKit run.
        .target(name: "EngineRecording", dependencies: ["TrackerKit", "Training", "Plots"]),
        // Diagnosis, the regularization playbook, what a trained model's weights show and what a report gathers.
        .target(name: "Analysis", dependencies: ["TrackerStore", "Training", "Plots", "EngineRecording", "Sweeps"]),
        // Search spaces, trial plans, pruning, resume, retune and lineage; trials run behind `TrialExecutor`.
        .target(name: "Sweeps", dependencies: ["TrackerStore", "Training", "Plots", "EngineRecording"]),
        // `tracker ui`'s pages and JSON: routes over a read-only store, drawn with Plots, served by HTTPServer.
        .target(name: "Dashboard", dependencies: ["TrackerStore", "Plots", "HTTPServer"]),
        .target(
            name: "TrackerCLI",
            dependencies: ["SQLite", "PostgreSQL", "PostgresSchema", "TrackerStore", "TrackerKit", "Training", "EngineRecording", "Plots", "Analysis", "Sweeps", "Dashboard", "HTTPServer", "ImportRecording", "ExecRecording"]
        ),
        .executableTarget(name: "tracker", dependencies: ["TrackerCLI", "CPUFeatures"]),
        // The `tracker ui` web server: HTTP/1.1 on the system's sockets, knows nothing of the tracker.
        .target(name: "HTTPServer"),

        // The README's "Log from your own Swift code" example, built in CI.
        .executableTarget(name: "example-training-loop", dependencies: ["TrackerKit"], path: "examples/swift-training-loop"),

        .target(
            name: "CBaseline",
            path: "Benchmarks/CBaseline",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        .executableTarget(
            name: "tracker-bench",
            dependencies: ["CBaseline", "SQLite", "PostgreSQL", "TrackerStore", "TrackerKit", "Training", "TrackerCLI"],
            path: "Benchmarks/tracker-bench",
            swiftSettings: releaseCPU
        ),

        // `tracker exec`'s child side: spawning with a parent-death signal
        // (C: nothing but async-signal-safe calls between fork and exec), the
        // protocol decoder, output passthrough and signal forwarding.
        .target(name: "CChildSpawn"),
        .target(name: "ChildProcess", dependencies: ["CChildSpawn"]),
        // `tracker exec`: an external command recorded as a run through TrackerKit.
        .target(name: "ExecRecording", dependencies: ["ChildProcess", "TrackerKit"]),

        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        // The PostgreSQL test server and schema helpers every server test shares.
        .target(name: "PostgresTestSupport", dependencies: ["PostgreSQL"], path: "Tests/PostgresTestSupport"),
        .testTarget(name: "PostgreSQLTests", dependencies: ["PostgreSQL", "PostgresTestSupport"]),
        .testTarget(name: "PostgresSchemaTests", dependencies: ["PostgresSchema", "PostgreSQL", "PostgresTestSupport", "TrackerStore", "SQLite"]),
        .testTarget(name: "TrackerStoreTests", dependencies: ["TrackerStore", "SQLite", "PostgresTestSupport", "store-writer"]),
        // A separate writer process for TrackerStoreTests' kill -9 and multi-process tests.
        .executableTarget(name: "store-writer", dependencies: ["TrackerStore"], path: "Tests/StoreWriter"),
        .testTarget(name: "TrackerKitTests", dependencies: ["TrackerKit", "SQLite", "example-training-loop"]),
        .testTarget(name: "EngineRecordingTests", dependencies: ["EngineRecording"]),
        .testTarget(name: "PlotsTests", dependencies: ["Plots"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "TrackerStore"]),
        .testTarget(name: "SweepsTests", dependencies: ["Sweeps", "TrackerStore", "Training", "EngineRecording"]),
        .testTarget(name: "ChildProcessTests", dependencies: ["ChildProcess", "supervisor-parent"]),
        // A parent for ChildProcessTests to kill -9: its child must die with it.
        .executableTarget(name: "supervisor-parent", dependencies: ["ChildProcess"], path: "Tests/SupervisorParent"),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "CPUFeatures"]),
        .testTarget(name: "TrackerCLITests", dependencies: ["TrackerCLI", "TrackerStore", "SQLite", "PostgreSQL", "PostgresTestSupport", "Plots", "Analysis", "Sweeps", "tracker"]),

        // Readers for MLflow stores and TensorBoard logs, for `tracker import`.
        .target(name: "RunImport", dependencies: ["SQLite"]),
        // Imported runs written into the store, idempotently (`tracker import`).
        .target(name: "ImportRecording", dependencies: ["RunImport", "TrackerKit"]),
        .testTarget(name: "ImportRecordingTests", dependencies: ["ImportRecording", "SQLite"]),
        .testTarget(
            name: "RunImportTests",
            dependencies: ["RunImport"],
            // Tests read the fixtures through #filePath: no bundle to copy.
            exclude: ["Fixtures"]
        ),
        // `swift run -c release run-import-bench PATH`: MLflow import throughput.
        .executableTarget(name: "run-import-bench", dependencies: ["RunImport"], path: "Benchmarks/run-import-bench"),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        // The real `tracker ui` over HTTP, with writers logging meanwhile, and in headless Chromium.
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "TrackerStore", "Plots", "tracker"]),
    ]
)
