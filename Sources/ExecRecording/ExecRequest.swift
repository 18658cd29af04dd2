import ChildProcess
import TrackerKit

/// One external command to run as a tracked run: what `tracker exec` and a
/// sweep's external trials ask for.
public struct ExecRequest: Sendable {
    /// The command and its arguments as typed, `{KEY}` placeholders included.
    public var command: [String]
    /// The run to create; `source` is set to `exec` whatever it says.
    public var run: RunOptions
    /// The data file or name as given, for `{dataset}` and TRACKER_DATASET.
    public var datasetReference: String?
    /// Where the child runs (nil: this process's directory); git state is read there.
    public var workingDirectory: String?
    public var supervisor: SupervisorOptions

    public init(
        command: [String], run: RunOptions, datasetReference: String? = nil, workingDirectory: String? = nil,
        supervisor: SupervisorOptions = SupervisorOptions()
    ) {
        self.command = command
        self.run = run
        self.datasetReference = datasetReference
        self.workingDirectory = workingDirectory
        self.supervisor = supervisor
    }
}

/// How an external run ended.
public struct ExecResult: Sendable {
    public var runID: RunID
    public var runName: String
    public var status: RunStatus
    /// What `tracker exec` exits with: the child's code, 130 after a stop
    /// request, 128 + signal, 127 when the command was not found, 126 when
    /// it could not be executed.
    public var exitCode: Int32
    /// nil when the child never started.
    public var outcome: ChildOutcome?
    public var record: RunSourceRecord
}
