import Dispatch
import Foundation
import RunImport

// Times `MLflowStoreReader.readRuns()` over a store given on the command
// line (make one with `make_fixtures.py big /tmp/mlflow-big.db`) and prints
// points per second. Run it in release:
//     swift run -c release run-import-bench /tmp/mlflow-big.db
let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: run-import-bench MLFLOW_DB\n".utf8))
    exit(64)
}
do {
    let start = DispatchTime.now().uptimeNanoseconds
    let runs = try MLflowStoreReader(path: arguments[1]).readRuns()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let points = runs.reduce(0) { $0 + $1.metrics.count }
    print("read \(runs.count) runs, \(points) points in \(String(format: "%.3f", seconds)) s: \(Int(Double(points) / seconds)) points/s")
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
