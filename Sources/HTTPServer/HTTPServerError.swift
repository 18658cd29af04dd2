import Glibc

/// Why the server could not start: one line naming the problem and the fix.
public struct HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// A failed system call, with the C library's text for `errno`.
    static func system(_ call: String, _ problem: String, fix: String) -> HTTPServerError {
        let cause = String(cString: strerror(errno))
        return HTTPServerError("\(problem) (\(call): \(cause)); \(fix)")
    }
}
