import Foundation
import TrackerStore

/// How long a run took, from the timestamps the store keeps. A running run
/// counts up to its last heartbeat: the last moment it was known alive.
enum RunTiming {
    static func seconds(_ run: Run) -> Double? {
        guard let start = run.startedAt.flatMap(date), let end = (run.endedAt ?? run.heartbeatAt).flatMap(date) else {
            return nil
        }
        return max(0, end.timeIntervalSince(start))
    }

    /// `42s`, `3m05s`, as the progress line writes durations.
    static func text(_ run: Run) -> String? {
        seconds(run).map(ProgressReporter.duration)
    }

    /// "2026-11-21T19:50:13.123Z" as the store writes it.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }

    /// "2026-11-21 19:50:13" (UTC): the stored time without the noise.
    static func short(_ text: String?) -> String? {
        guard let text else { return nil }
        return String(text.prefix(19)).replacing("T", with: " ")
    }
}
