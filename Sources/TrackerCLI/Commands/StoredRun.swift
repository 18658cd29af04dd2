import Foundation
import TrackerStore
import Training

/// A recorded run found by name or id, with what the commands that read its
/// checkpoints need: its params and its stored weights.
struct StoredRun {
    var run: Run
    var params: [String: ParamValue]

    /// `reference` is a run name, or its id when no run has that name.
    init(_ reference: String, in store: Store) throws {
        if let run = try? store.run(named: reference) {
            self.run = run
        } else if let id = Int64(reference), let run = try? store.run(id: id) {
            self.run = run
        } else {
            throw CommandFailure("no run named '\(reference)'; list runs with 'tracker runs' or give a run id")
        }
        params = try store.params(of: run.id)
    }

    /// The weights the run's test metrics were measured with: the best
    /// epoch's when early stopping restored them, else the last epoch's.
    var keptCheckpointKind: StoredCheckpointKind {
        (params["early_stop"]?.number ?? 0) > 0 ? .best : .last
    }

    func checkpoint(_ kind: StoredCheckpointKind, in store: Store) throws -> (record: StoredCheckpoint, bytes: [UInt8]) {
        guard let record = try store.checkpoint(run.id, kind: kind) else {
            let kinds = try store.checkpoints(of: run.id).map(\.kind.rawValue)
            let available = kinds.isEmpty ? "it has none" : "it has: " + Array(Set(kinds)).sorted().joined(separator: ", ")
            throw CommandFailure("run '\(run.name)' has no \(kind.rawValue) checkpoint (\(available)); choose another --kind")
        }
        return (record, try store.checkpointBytes(record))
    }

    /// The run's own data, rebuilt from its params, refused if the content
    /// differs from the data set version the run was trained on.
    func rebuildData(in store: Store) throws -> LoadedData {
        let request = try RunParams.dataRequest(from: params, run: run.name)
        let loaded: LoadedData
        do {
            loaded = try DataCatalog.prepare(request)
        } catch let error as DataError {
            throw CommandFailure("cannot rebuild the data of run '\(run.name)': \(error.commandLineMessage)")
        }
        if let datasetID = run.datasetID {
            let recorded = try store.dataset(id: datasetID)
            let fingerprint = SHA256.hex(of: loaded.raw.contentForFingerprint)
            guard fingerprint == recorded.fingerprint else {
                throw CommandFailure(
                    "the data at '\(request.dataset)' is not the version run '\(run.name)' was trained on "
                    + "(\(recorded.name) v\(recorded.version), fingerprint \(recorded.fingerprint.prefix(12))); "
                    + "restore that file, or evaluate on the new data with --dataset PATH.csv")
            }
        }
        return loaded
    }
}

extension StoredCheckpointKind: ArgumentChoice {
    public static var valueName: String { "kind" }
}
