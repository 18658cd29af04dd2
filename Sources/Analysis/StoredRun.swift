import Foundation
import TrackerStore
import Training
import EngineRecording

/// A recorded run found by name or id, with what the commands that read its
/// checkpoints need: its params and its stored weights.
public struct StoredRun {
    public var run: Run
    public var params: [String: ParamValue]

    /// `reference` is a run name, or its id when no run has that name.
    public init(_ reference: String, in store: Store) throws {
        if let run = try? store.run(named: reference) {
            self.run = run
        } else if let id = Int64(reference), let run = try? store.run(id: id) {
            self.run = run
        } else {
            throw StoredRunError.noRun(reference: reference)
        }
        params = try store.params(of: run.id)
    }

    /// The weights the run's test metrics were measured with: the best
    /// epoch's when early stopping restored them, else the last epoch's.
    public var keptCheckpointKind: StoredCheckpointKind {
        (params["early_stop"]?.number ?? 0) > 0 ? .best : .last
    }

    public func checkpoint(_ kind: StoredCheckpointKind, in store: Store) throws -> (record: StoredCheckpoint, bytes: [UInt8]) {
        guard let record = try store.checkpoint(run.id, kind: kind) else {
            let kinds = try store.checkpoints(of: run.id).map(\.kind.rawValue)
            throw StoredRunError.noCheckpoint(run: run.name, kind: kind.rawValue, available: Array(Set(kinds)).sorted())
        }
        return (record, try store.checkpointBytes(record))
    }

    /// The model in an engine checkpoint, refused unless it is what its row
    /// says: the epoch inside the bytes is the row's epoch (a row pointing at
    /// another epoch's blob would label one epoch's weights as another's),
    /// and every weight is finite (NaN weights evaluate to a loss of nan).
    public func model(in checkpoint: (record: StoredCheckpoint, bytes: [UInt8])) throws -> Model {
        let (kind, step) = (checkpoint.record.kind.rawValue, checkpoint.record.step)
        let decoded: Checkpoint
        do {
            decoded = try Checkpoint(bytes: checkpoint.bytes)
        } catch {
            throw StoredRunError.unreadableCheckpoint(run: run.name, kind: kind, reason: "\(error)")
        }
        guard decoded.epoch == step else {
            throw StoredRunError.checkpointEpochMismatch(run: run.name, kind: kind, step: step, found: decoded.epoch)
        }
        guard decoded.model.parameters.allSatisfy(\.isFinite), decoded.model.buffers.allSatisfy(\.isFinite) else {
            throw StoredRunError.nonFiniteWeights(run: run.name, kind: kind, step: step)
        }
        return decoded.model
    }

    /// The run's own data, rebuilt from its params, refused if the content
    /// differs from the data set version the run was trained on.
    public func rebuildData(in store: Store) throws -> LoadedData {
        let request: DataRequest
        do {
            guard let recorded = try DataRequest(recordedParams: params) else {
                throw StoredRunError.noDatasetParam(run: run.name)
            }
            request = recorded
        } catch let error as HyperparameterError {
            throw StoredRunError.unreadableParams(run: run.name, error)
        }
        let loaded: LoadedData
        do {
            loaded = try DataCatalog.prepare(request)
        } catch let error as DataError {
            throw StoredRunError.unrebuildableData(run: run.name, error)
        }
        if let datasetID = run.datasetID {
            let recorded = try store.dataset(id: datasetID)
            let fingerprint = SHA256.hex(of: loaded.raw.contentForFingerprint)
            guard fingerprint == recorded.fingerprint else {
                throw StoredRunError.dataChanged(
                    run: run.name, path: request.dataset, dataset: recorded.name, version: recorded.version,
                    fingerprint: recorded.fingerprint)
            }
        }
        return loaded
    }
}
