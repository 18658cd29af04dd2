import TrackerStore

/// `/sweeps/ID`: a sweep's heat map, parallel coordinates and trials.
struct SweepPage {
    let context: PageContext
    let sweep: Sweep

    init(_ context: PageContext, reference: String) throws {
        self.context = context
        self.sweep = try SweepLookup.sweep(reference, in: context.store)
    }

    func render() throws -> String {
        let page = try context.analysis.sweep(sweep, in: context.store)
        var body = "<h1>Sweep \(HTML.escape(sweep.name)) <span class=\"status\">\(HTML.escape(sweep.status.rawValue))</span></h1>"
        var facts: [(String, String)] = [
            ("objective", HTML.escape("\(sweep.objective) (\(sweep.direction.rawValue))")), ("method", HTML.escape(sweep.method.rawValue)),
            ("runs", "<a href=\"/\(HTML.query([("sweep", String(sweep.id))]))\">the runs of this sweep</a>"),
        ]
        if try sweep.parentSweepID != nil || !context.store.childSweeps(of: sweep.id).isEmpty {
            facts.append(("lineage", "<a href=\"/lineage/\(sweep.id)\">best setting against data size</a>"))
        }
        if let command = sweep.command { facts.append(("command", "<code>\(HTML.escape(command))</code>")) }
        body += "<div class=\"card\">" + HTML.definitionList(facts) + "</div>"
        body += page.notes.map { "<p class=\"note\">\(HTML.escape($0))</p>" }.joined()
        if !page.figures.isEmpty { body += "<div class=\"figures\">" + page.figures.joined() + "</div>" }
        body += "<h2>Trials</h2>"
        if page.trials.rows.isEmpty {
            body += "<p class=\"empty\">No trials have finished yet.</p>"
        } else {
            let runColumn = page.trials.columns.firstIndex(of: "run")
            let rows = page.trials.rows.map { row in
                row.enumerated().map { index, cell in index == runColumn && !cell.isEmpty ? HTML.runLink(cell) : HTML.escape(cell) }
            }
            body += HTML.table(page.trials.columns, rows, attributes: "data-table=\"trials\"", highlightedRow: page.trials.bestRow)
        }
        return context.page(title: "Sweep \(sweep.name)", body: body)
    }
}
