import Foundation
import SQLite
import TrackerStore

/// The command-line interface, kept in a library so tests can call it in-process.
/// Until the full CLI lands (issue 5) it knows one command: `init`.
public enum TrackerCLI {
    public static func main(_ arguments: [String]) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        var path = environment["TRACKER_DB"] ?? "tracker.db"
        var rest = arguments.dropFirst()
        guard rest.first == "init" else {
            FileHandle.standardError.write(Data("Error: unknown command; try 'tracker init [--db PATH]'\n".utf8))
            return 64
        }
        rest = rest.dropFirst()
        while let option = rest.popFirst() {
            if option == "--db", let value = rest.popFirst() {
                path = value
            } else if option.hasPrefix("--db=") {
                path = String(option.dropFirst(5))
            } else {
                FileHandle.standardError.write(Data("Error: unknown option '\(option)'\n".utf8))
                return 64
            }
        }
        do {
            let database = try Database(path: path)
            let applied = try Migrator().migrate(database)
            print("\(path): schema version \(Migrator().latestVersion) (applied now: \(applied.isEmpty ? "none" : applied.map(String.init).joined(separator: ", ")))")
            return 0
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            return 1
        }
    }
}
