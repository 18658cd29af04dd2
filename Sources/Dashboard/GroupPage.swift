import Plots
import TrackerStore

/// `/group?by=wd&metric=val_loss`: the runs the filters pick, grouped by one
/// param's value; each group's mean ± sd band over its members (seeds) at
/// the steps every member has, with a toggle to show the member runs.
/// Without `by`, `?runs=a,b` draws those runs' curves.
struct GroupPage {
    static let maximumGroups = Palette.categorical.count

    let context: PageContext
    let query: RunFilterQuery
    let options: CurveOptions

    init(_ context: PageContext) throws {
        self.context = context
        self.query = RunFilterQuery(context)
        self.options = try CurveOptions(context)
    }

    func render() throws -> String {
        var filter = try query.filter(in: context.store)
        let named = ComparePage(context).references
        if !named.isEmpty { filter.runIDs = try named.map { try SweepLookup.run($0, in: context.store).id } }
        let comparison = try context.store.comparison(filter)
        let by = context.value("by")
        let metric = context.value("metric") ?? MetricKey.valLoss
        var body = "<h1>Group by param</h1>" + form(comparison: comparison, by: by, metric: metric)
        guard !comparison.rows.isEmpty else {
            body += "<p class=\"empty\">No runs match.</p>"
            return context.page(title: "Group", body: body)
        }
        guard comparison.metricNames.contains(metric) else {
            throw DashboardError("no run here logged '\(metric)'; choose one of " + comparison.metricNames.joined(separator: ", "))
        }
        var groups: [(label: String, rows: [Comparison.Row])] = []
        if let by {
            guard let column = comparison.paramKeys.firstIndex(of: by) else {
                throw DashboardError("no run here has the param '\(by)'; group by one of " + comparison.paramKeys.joined(separator: ", "))
            }
            var byValue: [ParamValue?: [Comparison.Row]] = [:]
            for row in comparison.rows { byValue[row.params[column], default: []].append(row) }
            groups = byValue.keys.sorted { a, b in
                switch (a?.number, b?.number) {
                case let (x?, y?): x < y
                default: (a?.description ?? "") < (b?.description ?? "")
                }
            }.map { ("\(by)=\($0?.description ?? "none")", byValue[$0]!) }
        } else {
            groups = comparison.rows.map { ($0.name, [$0]) }
        }
        if groups.count > Self.maximumGroups {
            body += "<p class=\"note\">\(groups.count) groups; the first \(Self.maximumGroups) are drawn. Narrow the runs with the filters.</p>"
            groups = Array(groups.prefix(Self.maximumGroups))
        }
        var lines: [CurveFigureSVG.Line] = []
        var bands: [CurveFigureSVG.Band] = []
        for (index, group) in groups.enumerated() {
            let color = Palette.category(index)
            let histories = try group.rows.map { row in
                try context.store.history(of: row.runID, metric: metric).map { ChartPoint(x: Double($0.step), y: $0.value) }
            }
            // The band is over smoothed members when smoothing is on: each
            // member smoothed on its own full history first.
            let members = zip(group.rows, histories).map { row, points in
                Curve(name: row.name, points: points, smoothing: options.smoothing)
            }
            if by != nil {
                let smoothedPoints = members.map { curve in zip(curve.steps, curve.smoothed).map { ChartPoint(x: $0, y: $1) } }
                bands.append(.init(band: MeanBand(members: smoothedPoints), label: group.label, color: color))
            }
            for curve in members {
                lines.append(.init(curve: curve, label: curve.name, color: color, key: curve.name,
                                   isSmoothed: options.smoothing > 0 && by == nil, isMember: by != nil))
            }
        }
        let figure = CurveFigureSVG(
            plot: by == nil ? "runs-curves" : "group-bands",
            title: by.map { "\(metric) by \($0): mean ± sd over each group's runs" } ?? "\(metric) per run",
            yTitle: metric, lines: lines, bands: bands, log: options.log ?? CurveScale.prefersLog(metric: metric),
            width: 900, height: 440
        ).render()
        body += options.controls(hidden: hiddenPairs(by: by, metric: metric))
        if by != nil {
            let shown = context.value("members") == "1"
            body += "<p><label><input type=\"checkbox\" id=\"show-members\"\(shown ? " checked" : "")> show the member runs</label></p>"
            body += "<div id=\"group-figures\" class=\"figures\(shown ? "" : " hidden-members")\">\(figure)</div>"
            body += HTML.table(["group", "runs (n)", "steps in the band"], zip(groups, bands).map { group, band in
                [HTML.escape(group.label), group.rows.map { HTML.runLink($0.name) }.joined(separator: ", ") + " (\(group.rows.count))",
                 String(band.band.steps.count)]
            })
        } else {
            body += "<div class=\"figures\">\(figure)</div>"
        }
        return context.page(title: "Group", body: body)
    }

    private func hiddenPairs(by: String?, metric: String) -> [(String, String)] {
        query.pairs + (by.map { [("by", $0)] } ?? []) + [("metric", metric)]
            + ComparePage(context).references.map { ("run", $0) }
    }

    private func form(comparison: Comparison, by: String?, metric: String) -> String {
        let byOptions = ["<option value=\"\">(no grouping: one curve per run)</option>"] + comparison.paramKeys.map {
            "<option\($0 == by ? " selected" : "")>\(HTML.escape($0))</option>"
        }
        let metricOptions = comparison.metricNames.map { "<option\($0 == metric ? " selected" : "")>\(HTML.escape($0))</option>" }
        return "<form class=\"filters\" method=\"get\" action=\"/group\">"
            + "<label>group by<select name=\"by\">\(byOptions.joined())</select></label>"
            + "<label>metric<select name=\"metric\">\(metricOptions.joined())</select></label>"
            + query.pairs.map { "<input type=\"hidden\" name=\"\(HTML.escape($0.0))\" value=\"\(HTML.escape($0.1))\">" }.joined()
            + ComparePage(context).references.map { "<input type=\"hidden\" name=\"run\" value=\"\(HTML.escape($0))\">" }.joined()
            + "<button type=\"submit\">Show</button></form>"
    }
}
