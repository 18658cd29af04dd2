extension DatasetSpec {
    /// The identity a run records for engine data: its name and the SHA-256
    /// of its canonical content, so the same rows are the same version.
    public init(_ raw: RawDataset) {
        let classes: Int? = if case .classification(let count) = raw.task { count } else { nil }
        self.init(
            name: raw.name, fingerprint: SHA256.hex(of: raw.contentForFingerprint), rows: raw.rows,
            features: raw.featureCount, task: raw.task.isClassification ? .classification : .regression,
            classes: classes, target: raw.targetName, source: raw.sourcePath ?? "builtin:\(raw.name)")
    }
}
