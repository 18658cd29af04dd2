/// What the child sent, in order, delivered on the thread that called `run`.
public enum SupervisorEvent: Sendable, Equatable {
    case message(ExecMessage, LineOrigin)
    case malformed(MalformedLine)
}

/// Where a protocol line came from: "TRACKER_FD line 12", "stdout line 40".
public struct LineOrigin: Sendable, Equatable, CustomStringConvertible {
    public enum Channel: Sendable, Equatable {
        /// The pipe named by TRACKER_FD.
        case descriptor
        /// A stdout line starting with "@tracker "; its number counts every stdout line.
        case stdout
    }

    public var channel: Channel
    /// From 1.
    public var line: Int

    public init(channel: Channel, line: Int) {
        self.channel = channel
        self.line = line
    }

    public var description: String {
        switch channel {
        case .descriptor: "TRACKER_FD line \(line)"
        case .stdout: "stdout line \(line)"
        }
    }
}

/// A protocol line that was not recorded, and why (one line).
///
///     TRACKER_FD line 12: step is not an integer (got 3.5): send e.g. "step": 3
public struct MalformedLine: Sendable, Equatable, CustomStringConvertible {
    public var origin: LineOrigin
    public var reason: String

    public init(origin: LineOrigin, reason: String) {
        self.origin = origin
        self.reason = reason
    }

    public var description: String { "\(origin): \(reason)" }
}
