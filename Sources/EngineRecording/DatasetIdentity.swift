import Foundation

extension DatasetSpec {
    /// The identity a run records for engine data: its name (`name`, else the
    /// built-in name or the file's base name), the SHA-256 of its canonical
    /// content, its target and task, so the same rows predicting the same
    /// column are the same version. A file's path is stored absolute: it is
    /// what tells two files of one base name apart.
    public init(_ raw: RawDataset, name: String? = nil) {
        let classes: Int? = if case .classification(let count) = raw.task { count } else { nil }
        let source = raw.sourcePath.map { path in
            URL(fileURLWithPath: path).standardizedFileURL.path
        } ?? "builtin:\(raw.name)"
        self.init(
            name: name ?? raw.name, fingerprint: SHA256.hex(of: raw.contentForFingerprint), rows: raw.rows,
            features: raw.featureCount, task: raw.task.isClassification ? .classification : .regression,
            classes: classes, target: raw.targetName, source: source)
        explicitlyNamed = name != nil
    }
}
