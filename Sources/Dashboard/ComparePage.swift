import TrackerStore

/// `/compare?runs=a,b,c` (or `?run=a&run=b` from the runs page's ticks):
/// `tracker compare`'s table for those runs, from the same code.
struct ComparePage {
    let context: PageContext

    init(_ context: PageContext) { self.context = context }

    var references: [String] {
        let listed = context.request.queryValues("runs").flatMap { $0.split(separator: ",").map(String.init) }
        return (listed + context.request.queryValues("run")).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func render() throws -> String {
        let references = self.references
        guard !references.isEmpty else {
            return context.page(title: "Compare", body: "<h1>Compare</h1><p class=\"empty\">No runs chosen. Tick runs on the "
                + "<a href=\"/\">runs page</a> and press compare, or open /compare?runs=NAME,NAME.</p>")
        }
        let runs = try references.map { try SweepLookup.run($0, in: context.store) }
        let table = try context.analysis.comparison(of: runs.map(\.id), in: context.store)
        let runColumn = table.columns.firstIndex(of: "run")
        let rows = table.rows.map { row in
            row.enumerated().map { index, cell in index == runColumn ? HTML.runLink(cell) : HTML.escape(cell) }
        }
        var body = "<h1>Compare \(runs.count) runs</h1>"
        body += "<p class=\"note\">The table of <code>tracker compare \(HTML.escape(runs.map(\.name).joined(separator: " ")))</code>: "
            + "metrics at each run's best epoch, gap = val_loss − train_eval_loss there, test metrics with the kept epoch's weights, best first (highlighted).</p>"
        body += HTML.table(table.columns, rows, attributes: "data-table=\"compare\"", highlightedRow: table.bestRow)
        body += "<p><a href=\"/group\(HTML.query([("runs", runs.map(\.name).joined(separator: ","))]))\">Curves of these runs</a></p>"
        return context.page(title: "Compare", body: body)
    }
}
