import TrackerStore

/// `/`: the runs, filtered like `tracker runs` (status, group, tag, sweep,
/// dataset and the `--where` syntax), sortable by any column, 100 a page.
/// Ticking runs and pressing "compare" opens `/compare` with them.
struct RunsPage {
    let context: PageContext
    let query: RunFilterQuery
    let sort: String?
    let descending: Bool
    let page: Int

    init(_ context: PageContext) throws {
        self.context = context
        self.query = RunFilterQuery(context)
        self.sort = context.value("sort")
        self.descending = context.value("order") == "desc"
        guard let page = Int(context.value("page") ?? "1"), page >= 1 else {
            throw DashboardError("page must be a whole number from 1; got '\(context.value("page") ?? "")'")
        }
        self.page = page
    }

    private func listing() throws -> (RunListing, [Int]) {
        let listing = try RunListing(filter: query.filter(in: context.store), store: context.store)
        return (listing, try listing.order(by: sort, descending: descending))
    }

    private var pageRange: (Int) -> Range<Int> {
        { total in
            let start = min((page - 1) * RunListing.pageSize, total)
            return start..<min(start + RunListing.pageSize, total)
        }
    }

    func render() throws -> String {
        let (listing, order) = try listing()
        let shown = order[pageRange(listing.total)]
        var body = "<h1>Runs</h1>" + filterForm()
        guard listing.total > 0 else {
            let filtered = !query.pairs.isEmpty
            body += "<p class=\"empty\">" + (filtered
                ? "No runs match these filters. <a href=\"/\">Show all runs</a>."
                : "No runs yet. Train one: <code>tracker train --dataset digits --epochs 50</code>") + "</p>"
            return context.page(title: "Runs", body: body)
        }
        if !listing.differingParams.isEmpty {
            body += "<p class=\"note\">Params that differ among these runs: " + HTML.escape(listing.differingParams.joined(separator: ", ")) + "</p>"
        }
        body += "<form method=\"get\" action=\"/compare\">"
        body += pager(total: listing.total, shown: shown)
        let header = ["", ] + listing.columns.map(\.key)
        var rows: [[String]] = []
        rows.reserveCapacity(shown.count)
        for index in shown {
            var cells = listing.rows[index].map(HTML.escape)
            let name = listing.rows[index][0]
            cells[0] = HTML.runLink(name)
            cells[1] = "<span class=\"status \(cells[1])\">\(cells[1])</span>"
            if let sweep = Int(listing.rows[index][5]) { cells[5] = "<a href=\"/sweeps/\(sweep)\">\(sweep)</a>" }
            rows.append(["<input type=\"checkbox\" name=\"run\" value=\"\(HTML.escape(name))\" aria-label=\"compare \(HTML.escape(name))\">"] + cells)
        }
        body += sortableTable(header, rows)
        body += "<p><button type=\"submit\">Compare the ticked runs</button></p></form>"
        return context.page(title: "Runs", body: body)
    }

    /// `/api/runs`: the same rows as JSON, with the same filters, sort and paging.
    func json() throws -> String {
        let (listing, order) = try listing()
        let shown = order[pageRange(listing.total)]
        let rows = shown.map { index in
            JSONText.object(zip(listing.columns, listing.rows[index]).map { column, cell in
                (column.key, column.numeric ? (Double(cell).map { JSONText.number($0) } ?? "null") : JSONText.string(cell))
            })
        }
        return JSONText.object([
            ("total", String(listing.total)), ("page", String(page)), ("page_size", String(RunListing.pageSize)),
            ("columns", JSONText.array(listing.columns.map { JSONText.string($0.key) })),
            ("differing_params", JSONText.array(listing.differingParams.map(JSONText.string))),
            ("runs", JSONText.array(rows)),
        ])
    }

    private func filterForm() -> String {
        func field(_ label: String, _ name: String, _ value: String?, _ placeholder: String = "", extra: String = "") -> String {
            "<label>\(label)<input name=\"\(name)\" value=\"\(HTML.escape(value ?? ""))\" placeholder=\"\(HTML.escape(placeholder))\" \(extra)></label>"
        }
        let statusOptions = ["<option value=\"\">any</option>"] + RunStatus.allCases.map { status in
            "<option\(query.statuses.contains(status.rawValue) ? " selected" : "")>\(status.rawValue)</option>"
        }
        return "<form class=\"filters\" method=\"get\" action=\"/\">"
            + "<label>status<select name=\"status\" data-autosubmit>" + statusOptions.joined() + "</select></label>"
            + field("group", "group", query.group) + field("tag", "tag", query.tag) + field("sweep", "sweep", query.sweep, "name or id")
            + field("dataset", "dataset", query.dataset)
            + field("where (params)", "where", query.conditions, "wd>=1e-4, dropout>0", extra: "class=\"where\"")
            + (sort.map { "<input type=\"hidden\" name=\"sort\" value=\"\(HTML.escape($0))\">" } ?? "")
            + (descending ? "<input type=\"hidden\" name=\"order\" value=\"desc\">" : "")
            + "<button type=\"submit\">Filter</button>"
            + (query.pairs.isEmpty ? "" : " <a href=\"/\">clear</a>")
            + "</form>"
    }

    private func link(sort column: String? = nil, descending: Bool? = nil, page: Int? = nil) -> String {
        var pairs = query.pairs
        if let column = column ?? sort { pairs.append(("sort", column)) }
        if descending ?? self.descending { pairs.append(("order", "desc")) }
        if let page, page > 1 { pairs.append(("page", String(page))) }
        return "/" + HTML.query(pairs)
    }

    private func sortableTable(_ header: [String], _ rows: [[String]]) -> String {
        var out = "<div class=\"scroll\"><table data-table=\"runs\"><thead><tr>"
        for column in header {
            guard !column.isEmpty else { out += "<th></th>"; continue }
            let active = column == sort
            let arrow = active ? (descending ? " ▼" : " ▲") : ""
            let href = link(sort: column, descending: active ? !descending : false, page: 1)
            out += "<th><a href=\"\(HTML.escape(href))\" title=\"sort by \(HTML.escape(column))\">\(HTML.escape(column))\(arrow)</a></th>"
        }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr data-run>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>"
        }
        return out + "</tbody></table></div>"
    }

    private func pager(total: Int, shown: ArraySlice<Int>) -> String {
        let pages = (total + RunListing.pageSize - 1) / RunListing.pageSize
        var out = "<div class=\"pager\"><span>\(total) run\(total == 1 ? "" : "s")"
        if pages > 1 { out += ", showing \(shown.startIndex + 1)–\(shown.endIndex)" }
        out += "</span>"
        if page > 1 { out += "<a href=\"\(HTML.escape(link(page: page - 1)))\">← previous</a>" }
        if pages > 1 { out += "<span>page \(page) of \(pages)</span>" }
        if page < pages { out += "<a href=\"\(HTML.escape(link(page: page + 1)))\">next →</a>" }
        return out + "</div>"
    }
}
