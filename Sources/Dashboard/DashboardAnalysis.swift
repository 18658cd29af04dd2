import TrackerStore

/// A table as the pages show it: plain text cells (the page escapes them)
/// and the row to mark as best. The column named "run" links to the run.
public struct DashboardTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String]]
    public var bestRow: Int?

    public init(columns: [String], rows: [[String]], bestRow: Int? = nil) {
        self.columns = columns
        self.rows = rows
        self.bestRow = bestRow
    }
}

/// `tracker diagnose`'s answer for one run.
public struct DashboardDiagnosis: Sendable, Equatable {
    public var verdict: String
    public var findings: [String]
    /// What to try next and the command that does it.
    public var nextSteps: [(title: String, command: String)]

    public init(verdict: String, findings: [String], nextSteps: [(title: String, command: String)]) {
        self.verdict = verdict
        self.findings = findings
        self.nextSteps = nextSteps
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.verdict == b.verdict && a.findings == b.findings
            && a.nextSteps.map(\.title) == b.nextSteps.map(\.title) && a.nextSteps.map(\.command) == b.nextSteps.map(\.command)
    }
}

/// A sweep's page: its figures (SVG) and its trials.
public struct DashboardSweep: Sendable {
    public var figures: [String]
    public var trials: DashboardTable
    public var notes: [String]

    public init(figures: [String], trials: DashboardTable, notes: [String] = []) {
        self.figures = figures
        self.trials = trials
        self.notes = notes
    }
}

/// The analyses the commands own (`compare`, `diagnose`, sweeps and
/// lineage), handed to the dashboard so that its pages show the very
/// numbers the terminal prints, computed by the same code. Each call gets
/// the request's store, inside the request's read transaction.
public protocol DashboardAnalysis: Sendable {
    /// `tracker compare`'s table for these runs.
    func comparison(of runs: [RunID], in store: Store) throws -> DashboardTable
    /// `tracker diagnose`'s verdict, or nil when the run lacks the curves it needs.
    func diagnosis(of run: Run, in store: Store) throws -> DashboardDiagnosis?
    func sweep(_ sweep: Sweep, in store: Store) throws -> DashboardSweep
    /// `tracker lineage`'s table and its figures (best setting against data size).
    func lineage(endingAt sweep: Sweep, in store: Store) throws -> (table: DashboardTable, figures: [String])
}
