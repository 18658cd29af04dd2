/// Why an import could not read its input at all. Each description is one
/// line naming the file and what was expected there.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
