import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the process knows about where its output goes: whether stdout and
/// stdin are terminals, whether colour is welcome, and how wide the screen is.
public struct TerminalInfo: Sendable, Equatable {
    public var stdoutIsTerminal: Bool
    public var stderrIsTerminal: Bool
    public var stdinIsTerminal: Bool
    /// Colour on stdout: only on a terminal, never when NO_COLOR is set
    /// (https://no-color.org: any value, even empty), never for TERM=dumb.
    public var colorEnabled: Bool
    public var width: Int

    public static let defaultWidth = 80

    public init(stdoutIsTerminal: Bool, stderrIsTerminal: Bool, stdinIsTerminal: Bool, colorEnabled: Bool, width: Int) {
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
        self.stdinIsTerminal = stdinIsTerminal
        self.colorEnabled = colorEnabled
        self.width = width
    }

    /// Plain output, as for a pipe: what in-process tests use.
    public static let plain = TerminalInfo(
        stdoutIsTerminal: false, stderrIsTerminal: false, stdinIsTerminal: false, colorEnabled: false, width: defaultWidth)

    public static func detect(environment: [String: String]) -> TerminalInfo {
        let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        return TerminalInfo(
            stdoutIsTerminal: stdoutIsTerminal,
            stderrIsTerminal: isatty(STDERR_FILENO) == 1,
            stdinIsTerminal: isatty(STDIN_FILENO) == 1,
            colorEnabled: stdoutIsTerminal && wantsColor(environment: environment),
            width: width(environment: environment, isTerminal: stdoutIsTerminal))
    }

    static func wantsColor(environment: [String: String]) -> Bool {
        environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// COLUMNS wins (users and scripts set it on purpose), then the terminal's
    /// own size, then 80.
    static func width(environment: [String: String], isTerminal: Bool) -> Int {
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        #if canImport(Glibc) || canImport(Darwin)
        if isTerminal {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        }
        #endif
        return defaultWidth
    }
}
