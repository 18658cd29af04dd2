import Foundation

/// The fixtures RunImportTests committed (made by the real MLflow and
/// TensorBoard packages) and what their maker script says it logged.
enum ImportFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("RunImportTests/Fixtures")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The MLflow runs the maker logged and did not delete: name, status,
    /// and the number of finite and of NaN points (NaN is `null` there).
    static func mlflowRuns(_ file: String) throws -> [(name: String, status: String, finite: Int, nan: Int)] {
        let data = try Data(contentsOf: directory.appendingPathComponent(file))
        let runs = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
        return runs.filter { ($0["deleted"] as? Bool) != true }.map { run in
            let metrics = run["metrics"] as? [[Any]] ?? []
            let nan = metrics.filter { $0[2] is NSNull }.count
            return (run["name"] as? String ?? "", run["status"] as? String ?? "", metrics.count - nan, nan)
        }
    }

    /// Points per TensorBoard run directory.
    static func tensorBoardPoints() throws -> [String: Int] {
        let data = try Data(contentsOf: directory.appendingPathComponent("tensorboard-expected.json"))
        let runs = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] ?? [:]
        return runs.mapValues { ($0["metrics"] as? [Any])?.count ?? 0 }
    }
}

/// A directory that exists for one test and is removed with it.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("import-recording-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
