import Foundation
import Plots
import TrackerStore

/// `/runs/NAME`: one run's params, summaries, curves, checkpoints, notes,
/// sweep and lineage links, and `tracker diagnose`'s verdict with its
/// evidence. A running run's curves update live (see `Assets.script`).
struct RunPage {
    let context: PageContext
    let run: Run
    let options: CurveOptions

    init(_ context: PageContext, reference: String) throws {
        self.context = context
        self.run = try SweepLookup.run(reference, in: context.store)
        self.options = try CurveOptions(context)
    }

    private var store: Store { context.store }
    private var path: String { "/runs/" + HTML.urlComponent(run.name) }
    private var apiPath: String { "/api/runs/" + HTML.urlComponent(run.name) }

    func render() throws -> String {
        let summaries = try store.summaries(of: run.id)
        let metricNames = try store.metricNames().filter { summaries[$0] != nil }
        var body = "<h1>\(HTML.escape(run.name)) <span class=\"status \(run.status.rawValue)\">\(run.status.rawValue)</span>"
        if run.status == .running { body += " <span id=\"live-status\" class=\"live\">live</span>" }
        body += "</h1>"
        body += try overview()
        body += "<h2>Curves</h2>"
        if metricNames.isEmpty {
            body += "<p class=\"empty\">This run has logged no metrics yet.</p>"
        } else {
            body += options.controls()
            body += "<div class=\"figures\">"
            for family in CurveFamily.families(for: metricNames) {
                let figure = try self.figure(family, summaries: summaries)
                if run.status == .running {
                    let metricsURL = apiPath + "/metrics" + HTML.query([("family", family.key)] + options.pairs)
                    let figureURL = apiPath + "/figure" + HTML.query([("family", family.key)] + options.pairs)
                    body += "<div data-live-run=\"\(HTML.escape(run.name))\" data-metrics-url=\"\(HTML.escape(metricsURL))\" "
                        + "data-figure-url=\"\(HTML.escape(figureURL))\">\(figure)</div>"
                } else {
                    body += "<div>\(figure)</div>"
                }
            }
            body += "</div>"
        }

        if let diagnosis = try context.analysis.diagnosis(of: run, in: store) { body += Self.diagnosis(diagnosis) }
        body += try paramList()
        body += "<h2>Summaries</h2>"
        body += HTML.table(
            ["metric", "last", "last epoch", "min", "min epoch", "max", "max epoch", "points"],
            metricNames.compactMap { name in
                summaries[name].map { s in
                    [HTML.escape(name), HTML.number(s.lastValue), String(s.lastStep), HTML.number(s.minValue), String(s.minStep),
                     HTML.number(s.maxValue), String(s.maxStep), String(s.count)]
                }
            })
        body += try checkpoints()
        return context.page(title: run.name, body: body)
    }

    private func overview() throws -> String {
        let tags = try store.tags(of: run.id)
        var facts: [(String, String)] = [("id", String(run.id))]
        if let dataset = try run.datasetID.map(store.dataset(id:)) {
            facts.append(("dataset", HTML.escape("\(dataset.name) v\(dataset.version) (\(dataset.rows) rows, \(dataset.features) features)")))
        }
        if let group = run.group { facts.append(("group", "<a href=\"/\(HTML.query([("group", group)]))\">\(HTML.escape(group))</a>")) }
        if let sweepID = run.sweepID {
            let sweep = try store.sweep(id: sweepID)
            var text = "<a href=\"/sweeps/\(sweepID)\">\(HTML.escape(sweep.name))</a>" + (run.trial.map { ", trial \($0)" } ?? "")
            if try sweep.parentSweepID != nil || !store.childSweeps(of: sweepID).isEmpty {
                text += " · <a href=\"/lineage/\(sweepID)\">lineage</a>"
            }
            facts.append(("sweep", text))
        }
        if !tags.isEmpty { facts.append(("tags", tags.map { "<a href=\"/\(HTML.query([("tag", $0)]))\">\(HTML.escape($0))</a>" }.joined(separator: ", "))) }
        facts.append(("created", HTML.escape(run.createdAt)))
        // Which machine: on a shared store the runs of one sweep come from many.
        if let host = run.host { facts.append(("host", HTML.escape(run.pid.map { "\(host), pid \($0)" } ?? host))) }
        if let ended = run.endedAt { facts.append(("ended", HTML.escape(ended))) }
        if let reason = run.stopReason { facts.append(("stopped", HTML.escape(reason.rawValue))) }
        if let best = run.bestStep { facts.append(("best epoch", String(best) + " <span class=\"note\">(of the monitored metric)</span>")) }
        if let kept = run.keptStep {
            let lastEpoch = try store.summaries(of: run.id)[MetricKey.trainLoss]?.lastStep
            let whose = kept == lastEpoch ? "the last epoch's" : "an earlier epoch's, restored"
            facts.append(("kept epoch", String(kept) + " <span class=\"note\">(its weights are the model: \(whose))</span>"))
        }
        if let command = run.command { facts.append(("command", "<code>\(HTML.escape(command))</code>")) }
        if let error = run.error { facts.append(("error", "<span class=\"error\">\(HTML.escape(error))</span>")) }
        if let notes = run.notes, !notes.isEmpty { facts.append(("notes", "<pre>\(HTML.escape(notes))</pre>")) }
        return "<div class=\"card\">" + HTML.definitionList(facts) + "</div>"
    }

    /// Params in columns, so that forty of them do not push the curves off the screen.
    private func paramList() throws -> String {
        let params = try store.params(of: run.id)
        guard !params.isEmpty else { return "<h2>Params</h2><p class=\"empty\">No params recorded.</p>" }
        return "<h2>Params</h2><dl class=\"params\">"
            + params.keys.sorted().map { "<div><dt>\(HTML.escape($0))</dt><dd>\(HTML.escape(params[$0]!.description))</dd></div>" }.joined()
            + "</dl>"
    }

    static func diagnosis(_ diagnosis: DashboardDiagnosis) -> String {
        var out = "<h2>Diagnosis</h2><div class=\"card diagnosis\" data-diagnosis>"
        out += "<p class=\"verdict \(HTML.escape(diagnosis.verdict.split(separator: " ").first.map(String.init) ?? ""))\">\(HTML.escape(diagnosis.verdict))</p>"
        out += "<ul>" + diagnosis.findings.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        for step in diagnosis.nextSteps.prefix(3) {
            out += "<p>\(HTML.escape(step.title)):</p><pre>\(HTML.escape(step.command))</pre>"
        }
        return out + "</div>"
    }

    private func checkpoints() throws -> String {
        let checkpoints = try store.checkpoints(of: run.id)
        guard !checkpoints.isEmpty else { return "" }
        return "<h2>Checkpoints</h2>" + HTML.table(
            ["kind", "epoch", "size", "sha256", "saved"],
            checkpoints.map { [HTML.escape($0.kind.rawValue), String($0.step), HTML.escape(Self.bytes($0.size)),
                               "<code>\(HTML.escape(String($0.sha256.prefix(12))))</code>", HTML.escape($0.createdAt)] })
    }

    static func bytes(_ count: Int) -> String {
        count < 1024 ? "\(count) B" : count < 1 << 20 ? "\(count / 1024) KB" : String(format: "%.1f MB", Double(count) / 1_048_576)
    }

    // MARK: Figures and the live API

    private func family(named key: String?, metricNames: [String]) throws -> CurveFamily {
        let families = CurveFamily.families(for: metricNames)
        guard let family = families.first(where: { $0.key == (key ?? "loss") }) ?? (key == nil ? families.first : nil) else {
            throw DashboardError.notFound("run '\(run.name)' has no curve family '\(key ?? "")'; it has " + families.map(\.key).joined(separator: ", "))
        }
        return family
    }

    /// `/api/runs/NAME/figure?family=loss`: one figure, for a live page whose point left the axes.
    func figure() throws -> String {
        let summaries = try store.summaries(of: run.id)
        let names = try store.metricNames().filter { summaries[$0] != nil }
        return try figure(family(named: context.value("family"), metricNames: names), summaries: summaries)
    }

    func figure(_ family: CurveFamily, summaries: [String: MetricSummary]) throws -> String {
        let log = options.log ?? family.prefersLog
        let monitored = family.monitored
        let lastStep = family.metrics.compactMap { summaries[$0]?.lastStep }.max() ?? 0
        let bestStep = monitored.flatMap { metric in
            summaries[metric].map { $0.best(metric.hasSuffix("acc") ? .max : .min).step }
        }
        let stopStep = run.stopReason == .earlyStopping ? lastStep : nil
        let lines = try family.metrics.enumerated().map { index, metric in
            let points = try store.history(of: run.id, metric: metric).map { ChartPoint(x: Double($0.step), y: $0.value) }
            let isMonitored = metric == monitored
            return CurveFigureSVG.Line(
                curve: Curve(name: metric, points: points, smoothing: options.smoothing), label: metric,
                color: Palette.category(index), key: metric,
                bestStep: isMonitored ? bestStep.map(Double.init) : nil,
                keptStep: isMonitored ? run.keptStep.map(Double.init) : nil,
                stopStep: isMonitored ? stopStep.map(Double.init) : nil,
                isSmoothed: options.smoothing > 0)
        }
        return CurveFigureSVG(
            plot: "curves-\(family.key)", title: family.title, yTitle: family.metrics.count == 1 ? family.metrics[0] : family.key,
            lines: lines, log: log, xDomainEnd: try liveDomainEnd(lastStep: lastStep)
        ).render()
    }

    /// A running run's x axis reaches its planned epochs (or half again its
    /// current ones), so new epochs land inside the figure the page has.
    private func liveDomainEnd(lastStep: Int) throws -> Double? {
        guard run.status == .running else { return nil }
        if let planned = try store.params(of: run.id)["epochs"]?.number, planned > Double(lastStep) { return planned }
        return Double(max(lastStep + 10, lastStep * 3 / 2))
    }

    /// `/api/runs/NAME/metrics?after=STEP&family=loss&smooth=W`: the points
    /// after STEP of the family's metrics, with their smoothed values
    /// computed here on the full history (so smoothing lives in one place).
    func metricsJSON() throws -> String {
        let afterText = context.value("after") ?? "-1"
        guard let after = Int(afterText) else {
            throw DashboardError("after must be a whole number (the last step the page has, -1 for none); got '\(afterText)'")
        }
        let summaries = try store.summaries(of: run.id)
        let names = try store.metricNames().filter { summaries[$0] != nil }
        let metrics = context.value("family") == nil ? names : try family(named: context.value("family"), metricNames: names).metrics
        var members: [(String, String)] = []
        for metric in metrics {
            // Smoothed values need the whole history (each depends on every
            // point before it); raw values need only the new points.
            let history = options.smoothing > 0
                ? try store.history(of: run.id, metric: metric) : try store.history(of: run.id, metric: metric, after: after)
            let points = history.map { ChartPoint(x: Double($0.step), y: $0.value) }
            let tail = Curve(name: metric, points: points, smoothing: options.smoothing).after(step: Double(after))
            members.append((metric, JSONText.object([
                ("steps", JSONText.array(tail.steps.map { String(Int($0)) })),
                ("values", JSONText.array(tail.values.map { JSONText.number($0) })),
                ("smoothed", JSONText.array(tail.smoothed.map { JSONText.number($0) })),
            ])))
        }
        let lastStep = metrics.compactMap { summaries[$0]?.lastStep }.max()
        return JSONText.object([
            ("run", JSONText.string(run.name)), ("status", JSONText.string(run.status.rawValue)),
            ("after", String(after)), ("last_step", lastStep.map(String.init) ?? "null"),
            ("smooth", JSONText.number(options.smoothing)), ("metrics", JSONText.object(members)),
        ])
    }
}
