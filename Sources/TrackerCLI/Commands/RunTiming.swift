import Foundation
import TrackerStore

/// How long a run took, from the timestamps the store keeps. A running run
/// counts up to now; a crashed one up to its last heartbeat, the last moment
/// it was known alive (the crash detector records that as its end).
enum RunTiming {
    static func seconds(_ run: Run, now: Date = Date()) -> Double? {
        guard let start = run.startedAt.flatMap(date) else { return nil }
        let end: Date?
        switch run.status {
        case .running: end = now
        case .crashed: end = (run.heartbeatAt ?? run.endedAt).flatMap(date)
        default: end = (run.endedAt ?? run.heartbeatAt).flatMap(date)
        }
        guard let end else { return nil }
        // The store keeps milliseconds: so does the duration (0.016, not
        // 0.016000032424926758 from two Dates' binary fractions), as
        // run_overview.duration_s rounds it.
        return max(0, (end.timeIntervalSince(start) * 1000).rounded() / 1000)
    }

    /// `42s`, `3m05s`, as the progress line writes durations; says what a
    /// running or crashed run's duration counts up to.
    /// Compact for tables: `42s+` (running), `>=42s` (crashed).
    static func text(_ run: Run, now: Date = Date(), compact: Bool = false) -> String? {
        guard let seconds = seconds(run, now: now) else { return nil }
        let duration = ProgressReporter.duration(seconds)
        switch run.status {
        case .running: return duration + (compact ? "+" : " so far")
        case .crashed: return compact ? ">=" + duration : "at least " + duration + " (until its last heartbeat)"
        default: return duration
        }
    }

    /// "2026-11-21T19:50:13.123Z" as the store writes it. Read by hand:
    /// `tracker runs` reads two per run, and a date formatter per call costs
    /// more than the query. Other ISO-8601 shapes go to Foundation.
    static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"), bytes[23] == UInt8(ascii: "Z") else {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              let millisecond = number(20..<23) else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        return Date(timeIntervalSince1970: Double(timegm(&parts)) + Double(millisecond) / 1000)
    }

    /// "2026-11-21 19:50:13" (UTC): the stored time without the noise.
    static func short(_ text: String?) -> String? {
        guard let text else { return nil }
        return String(text.prefix(19)).replacing("T", with: " ")
    }
}
