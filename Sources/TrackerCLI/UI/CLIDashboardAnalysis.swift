import Analysis
import Dashboard
import Sweeps
import Plots
import TrackerStore

/// The dashboard's analyses, answered by the commands' own code: the
/// compare table is `ComparisonTable.runs`, the diagnosis is
/// `DiagnoseCommand.assess`, the sweep figures and lineage are the report's
/// (`ReportFigures`, `Lineage`), so a page and the terminal never disagree.
struct CLIDashboardAnalysis: DashboardAnalysis {
    func comparison(of runs: [RunID], in store: Store) throws -> DashboardTable {
        let comparison = try store.comparison(RunFilter(runIDs: runs))
        return Self.dashboardTable(ComparisonTable.runs(comparison))
    }

    func diagnosis(of run: Run, in store: Store) throws -> DashboardDiagnosis? {
        guard let assessment = try DiagnoseCommand.assess(run, in: store, preferSparse: false, databasePath: nil) else {
            return nil
        }
        var findings = assessment.diagnosis.findings
        if !assessment.gapInEvalMode {
            findings.append("This run logged no train_eval_loss, so the gap uses train_loss (training mode): a small or negative gap does not mean a good fit.")
        }
        return DashboardDiagnosis(
            verdict: assessment.diagnosis.verdict.rawValue, findings: findings,
            nextSteps: zip(assessment.recommendations, assessment.commands).map { ("Next: \($0.title), because \($0.reason)", $1) })
    }

    func sweep(_ sweep: Sweep, in store: Store) throws -> DashboardSweep {
        let filter = RunFilter(sweepID: sweep.id)
        let comparison = try store.comparison(filter, objective: sweep.objective, direction: sweep.direction)
        var notes: [String] = []
        var board: SweepScoreboard?
        do {
            board = try SweepScoreboard(sweep: sweep, store: store)
        } catch {
            notes.append("The sweep's figures are left out: \(error)")
        }
        let figures = ReportFigures(data: ReportData(title: sweep.name, comparison: comparison, sweep: board))
        return DashboardSweep(
            figures: [figures.heatMap(), figures.parallelCoordinates()].compactMap { $0 },
            trials: Self.dashboardTable(ComparisonTable.runs(comparison)), notes: notes)
    }

    func lineage(endingAt sweep: Sweep, in store: Store) throws -> (table: DashboardTable, figures: [String]) {
        let steps = try Lineage.steps(endingAt: sweep.id, in: store)
        let data = ReportData(title: sweep.name, comparison: try store.comparison(RunFilter(runIDs: [])), lineage: steps)
        return (Self.dashboardTable(Lineage.table(steps)), ReportFigures(data: data).lineage())
    }

    /// Cells formatted exactly as the terminal table formats them.
    static func dashboardTable(_ table: DataTable) -> DashboardTable {
        DashboardTable(
            columns: table.columns, rows: table.rows.map { $0.map(TableRenderer.text) }, bestRow: table.marker?.row)
    }
}
