import TrackerStore

/// `/lineage/ID`: the chain of re-tuned sweeps ending at ID, as `tracker
/// lineage` prints it, and each swept option's best value against data size.
struct LineagePage {
    let context: PageContext
    let sweep: Sweep

    init(_ context: PageContext, reference: String) throws {
        self.context = context
        self.sweep = try SweepLookup.sweep(reference, in: context.store)
    }

    func render() throws -> String {
        let (table, figures) = try context.analysis.lineage(endingAt: sweep, in: context.store)
        var body = "<h1>Lineage of sweep \(HTML.escape(sweep.name))</h1>"
        body += "<p class=\"note\">One row per sweep from the original to this one: the data it ran on and its best setting. "
            + "Read down the table to see whether the best setting moved as the data grew.</p>"
        let sweepColumn = table.columns.firstIndex(of: "sweep")
        let rows = table.rows.map { row in
            row.enumerated().map { index, cell in
                index == sweepColumn ? "<a href=\"/sweeps/\(HTML.urlComponent(cell))\">\(HTML.escape(cell))</a>" : HTML.escape(cell)
            }
        }
        body += HTML.table(table.columns, rows, attributes: "data-table=\"lineage\"")
        if figures.isEmpty {
            body += "<p class=\"empty\">The figure needs at least two sweeps of the chain with a best setting and a known data size.</p>"
        } else {
            body += "<div class=\"figures\">" + figures.joined() + "</div>"
        }
        return context.page(title: "Lineage", body: body)
    }
}
