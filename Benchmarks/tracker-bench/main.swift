import Foundation

// tracker-bench: speed figures beside baselines measured in the same run.
//
//     swift run -c release tracker-bench [CASE ...]     (default: all cases)
//
// Each case prints its figures and the ratio to its baseline. Figures are
// medians of a few repetitions; the machine is shared and noisy, so compare
// the ratios, not the absolute numbers across runs.

let cases: [(name: String, summary: String, run: () throws -> Void)] = [
    ("sqlite", "1M metric rows through the wrapper vs raw C, one transaction", SQLiteBenchmark.run),
    ("store", "per-epoch and bulk logging vs raw C, run creation, bytes per point, compare over 10k runs", StoreBenchmark.run),
    ("engine", "matrix multiply and training workloads vs PyTorch and NumPy", EngineBenchmark.run),
    ("cli", "tracker compare and export over 10k runs vs the store query and SQLite stepping", CLIBenchmark.run),
    ("ui", "tracker ui: runs page over 10k runs, a 100k-point run page, 20 clients polling a live run", UIBenchmark.run),
    ("sweep", "trials per minute of tracker sweep on sine with 1 and 2 workers vs plain tracker train", SweepBenchmark.run),
    ("postgres", "the store on PostgreSQL (Unix socket, TCP) beside SQLite: per-epoch logging, bulk points/s, sweep --join with 1/2/4 workers", PostgresBenchmark.run),
    ("exec", "a Python child's 4 metrics per epoch, alone vs under tracker exec: added us per epoch, points/s", ExecBenchmark.run),
]

let requested = Array(CommandLine.arguments.dropFirst())
if requested.contains("--help") || requested.contains("-h") {
    print("USAGE: tracker-bench [CASE ...]\n\nCASES:")
    for benchmark in cases { print("  \(benchmark.name.padding(toLength: 10, withPad: " ", startingAt: 0))\(benchmark.summary)") }
    exit(0)
}
let unknown = requested.filter { name in !cases.contains { $0.name == name } }
guard unknown.isEmpty else {
    FileHandle.standardError.write(Data("Error: unknown case '\(unknown[0])'; cases are \(cases.map(\.name).joined(separator: ", "))\n".utf8))
    exit(64)
}
#if DEBUG
print("warning: this is a debug build; figures mean nothing. Use: swift run -c release tracker-bench\n")
#endif
for benchmark in cases where requested.isEmpty || requested.contains(benchmark.name) {
    print("== \(benchmark.name): \(benchmark.summary)")
    do {
        try benchmark.run()
    } catch {
        FileHandle.standardError.write(Data("Error in \(benchmark.name): \(error)\n".utf8))
        exit(1)
    }
    print()
}
