import TrackerStore

extension StoredCheckpointKind: ArgumentChoice {
    public static var valueName: String { "kind" }
}
