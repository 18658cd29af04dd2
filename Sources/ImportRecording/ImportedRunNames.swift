import RunImport
import TrackerStore

/// The tracker name of a run imported for the first time. Names are unique
/// in the tracker but not in MLflow or TensorBoard, so a name already taken
/// gets the start of the source's run id appended ("baseline-3f2c9a1b"),
/// which does not depend on what else was imported or in which order, and
/// then, only if that too is taken, a counter.
struct ImportedRunNames {
    let store: Store

    func name(for run: ImportedRun) throws -> String {
        let base = Self.baseName(of: run)
        if try isFree(base) { return base }
        let withID = "\(base)-\(Self.shortID(run.externalID))"
        if try isFree(withID) { return withID }
        var counter = 2
        while !(try isFree("\(withID)-\(counter)")) { counter += 1 }
        return "\(withID)-\(counter)"
    }

    /// The source's name; MLflow runs without one and TensorBoard's root
    /// directory are named after the source and the id.
    static func baseName(of run: ImportedRun) -> String {
        if let name = run.name?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty, name != "." { return name }
        return "\(run.source.rawValue)-\(shortID(run.externalID))"
    }

    /// The first 8 letters and digits of the id ("." becomes "root").
    static func shortID(_ externalID: String) -> String {
        let kept = externalID.filter { $0.isLetter || $0.isNumber }.prefix(8)
        return kept.isEmpty ? "root" : String(kept)
    }

    private func isFree(_ name: String) throws -> Bool {
        do {
            _ = try store.run(named: name)
            return false
        } catch StoreError.notFound {
            return true
        }
    }
}
