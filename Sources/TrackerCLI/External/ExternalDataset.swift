import Foundation
import TrackerStore
import Training

/// The data set a script says it trains on (`--dataset NAME|PATH`),
/// registered as a version the way `tracker train` registers it.
///
/// A built-in name or a `.csv` file that the engine can read gets the very
/// identity `tracker train` gives it (so a retune sees an external run's
/// data and a built-in run's data as the same versions). Any other file
/// (images, Parquet, a CSV the engine cannot parse) is identified by the
/// SHA-256 of its bytes, named after the file without its extension; its
/// rows are its lines and its features 0, since the tracker cannot read
/// them. The schema wants a task, and such a file is recorded as
/// `regression` for lack of anything better to say.
enum ExternalDataset {
    static func spec(_ reference: String) throws -> DatasetSpec {
        if DataCatalog.builtInNames.contains(reference) {
            return DatasetSpec(try DataCatalog.load(name: reference))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: reference, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw CommandFailure(
                "no data file '\(reference)'; give a file path or one of \(DataCatalog.builtInNames.joined(separator: ", "))")
        }
        if DataCatalog.isCSVPath(reference), let raw = try? DataCatalog.load(name: reference) {
            let spec = DatasetSpec(raw)
            // A target the engine reads as one class is not a data set train could use.
            if (spec.classes ?? 2) >= 2 { return spec }
        }
        let bytes = try DataCatalog.readFile(reference)
        let name = URL(fileURLWithPath: reference).deletingPathExtension().lastPathComponent
        let lines = bytes.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        return DatasetSpec(
            name: name.isEmpty ? reference : name, fingerprint: SHA256.hex(of: bytes), rows: lines, features: 0,
            task: .regression, source: reference)
    }
}
