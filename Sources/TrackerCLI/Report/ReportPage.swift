import Foundation
import Plots
import Analysis
import Sweeps

/// Assembles the one self-contained HTML file: styles and the few lines of
/// script inline, every plot an inline `<svg>`, nothing fetched.
struct ReportPage {
    var data: ReportData
    var generatedAt: String

    func render() -> String {
        let figures = ReportFigures(data: data)
        var sections: [String] = []
        sections.append(section("Runs", "runs", HTMLTable.render(ComparisonTable.runs(data.comparison), id: "comparison-table")
            + "<p class=\"caption\">The columns of <code>tracker compare</code>: metrics at each run's best epoch, "
            + "gap = val_loss − train_eval_loss there (both in eval mode), test metrics with the weights of kept_epoch, fit = the verdict of <code>tracker diagnose</code>. * marks the best run by "
            + Markup.escape(data.comparison.objective) + " (" + Markup.escape(data.comparison.direction.rawValue) + ").</p>"))

        var curves = legend()
        if let loss = figures.lossCurves() {
            curves += "<label class=\"toggle\"><input type=\"checkbox\" id=\"log-scale\" checked> log-scale loss</label>" + figure(loss)
        }
        if let accuracy = figures.accuracyCurves() { curves += figure(accuracy) }
        curves += "<p class=\"caption\">Filled circle: the run's best epoch by validation (its weights are the ones kept when the run used early stopping). Cross: where early stopping "
            + "ended it. Train falling while validation rises is overfitting. Click a run in the legend to hide or show it.</p>"
        sections.append(section("Learning curves", "curves", curves))

        if data.sweep != nil {
            var sweep = ""
            if let heat = figures.heatMap() { sweep += figure(heat) }
            if let parallel = figures.parallelCoordinates() { sweep += figure(parallel) }
            if !sweep.isEmpty { sections.append(section("Sweep " + (data.sweep?.sweep.name ?? ""), "sweep", sweep)) }
        }
        let lineage = figures.lineage()
        if !lineage.isEmpty {
            sections.append(section("Re-tuning lineage", "lineage", "<div class=\"row\">" + lineage.map(figure).joined() + "</div>"
                + HTMLTable.render(Lineage.table(data.lineage), id: "lineage-table")
                + "<p class=\"caption\">Does the best regularization shrink as the data grows? One point per sweep version.</p>"))
        }

        // Histogram and norm side by side on a laptop screen, the sparsity figures under them.
        var weights = ""
        if let histogram = figures.weightHistogram() { weights += figure(histogram) }
        if let norm = figures.weightNormCurves() { weights += figure(norm) }
        if let diagnostics = data.weights, !diagnostics.layers.isEmpty { weights += sparsityTable(diagnostics) }
        if !weights.isEmpty { sections.append(section("Weights", "weights", weights)) }

        if let fit = figures.sineFit() {
            sections.append(section("Fitted function", "fit", figure(fit)
                + "<p class=\"caption\">Dashed black: the true sin(x). Dots: the noisy points the model trained on. "
                + "Blue: the model's prediction over the whole range.</p>"))
        }
        let notes = data.curves.compactMap { run in run.notes.map { "<li><b>" + Markup.escape(run.name) + "</b>: " + Markup.escape($0) + "</li>" } }
        if !notes.isEmpty { sections.append(section("Notes", "notes", "<ul>" + notes.joined() + "</ul>")) }
        let notices = data.omissions.map { "<p class=\"notice\">" + Markup.escape(Self.notice($0)) + "</p>" }.joined()

        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escape(data.title))</title>
            <style>\(Self.style)</style></head>
            <body><header><h1>\(Markup.escape(data.title))</h1>
            <p class="caption">\(data.comparison.rows.count) runs · generated \(Markup.escape(generatedAt)) by tracker report</p></header>
            \(notices)\(sections.joined(separator: "\n"))
            <script>\(Self.script)</script>
            </body></html>

            """
    }

    /// What the page says about a part it left out, naming options as flags.
    static func notice(_ omission: ReportData.Omission) -> String {
        func message(_ error: any Error) -> String {
            (error as? StoredRunError)?.commandLineMessage ?? "\(error)"
        }
        switch omission {
        case .sweepPlots(let error): return "The sweep's plots are left out: " + message(error)
        case .weightDiagnostics(let error): return "Weight diagnostics are left out: " + message(error)
        }
    }

    private func section(_ title: String, _ id: String, _ body: String) -> String {
        "<section id=\"\(id)\"><h2>\(Markup.escape(title))</h2>\(body)</section>"
    }

    private func figure(_ svg: String) -> String { "<figure>" + svg + "</figure>" }

    private func legend() -> String {
        guard !data.curves.isEmpty else { return "" }
        let items = data.curves.enumerated().map { index, run in
            "<li data-run=\"\(index)\"><span class=\"swatch\" style=\"background:\(ReportFigures.color(run: index))\"></span>"
                + Markup.escape(run.name) + "</li>"
        }
        return "<ul class=\"legend\">" + items.joined() + "</ul>"
            + (data.omittedCurves > 0
                ? "<p class=\"caption\">The \(data.curves.count) best runs by \(Markup.escape(data.comparison.objective)) are plotted; "
                    + "\(data.omittedCurves) more are in the table only.</p>" : "")
    }

    private func sparsityTable(_ weights: WeightDiagnostics) -> String {
        var table = DataTable(columns: ["layer", "weights", "sparsity", "median |w|"])
        for layer in weights.layers {
            let sorted = layer.magnitudes.sorted()
            table.append([.text(layer.name), .int(layer.magnitudes.count), .real(layer.sparsity),
                          .real(sorted.isEmpty ? nil : sorted[sorted.count / 2])])
        }
        table.append([.text("all"), .int(weights.layers.reduce(0) { $0 + $1.magnitudes.count }), .real(weights.overallSparsity), .null])
        return HTMLTable.render(table, id: "sparsity-table")
            + "<p class=\"caption\">Sparsity: the share of weights with |w| below \(NumberFormatting.compact(weights.threshold)). "
            + "L1 piles weights up near zero (high sparsity); L2 shrinks them all without zeroing any.</p>"
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:0 auto;max-width:1320px;padding:16px 24px;line-height:1.4}
        h1{font-size:22px;margin:4px 0}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
        figure{display:inline-block;margin:8px 16px 8px 0;vertical-align:top}svg{max-width:100%;height:auto;background:#fff}
        table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{padding:3px 8px;border-bottom:1px solid #eee;text-align:left}
        th{background:#f6f6f6;position:sticky;top:0}td.num{text-align:right;font-variant-numeric:tabular-nums}
        tr.best{background:#fff4e0;font-weight:600}.caption{color:#555;font-size:13px;max-width:900px}
        .notice{background:#fff8d8;border-left:4px solid #E69F00;padding:6px 10px;font-size:13px}
        .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6px 16px;font-size:13px}
        .legend li{cursor:pointer;user-select:none}.legend li.off{opacity:.35;text-decoration:line-through}
        .swatch{display:inline-block;width:14px;height:4px;margin-right:6px;vertical-align:middle}
        .toggle{font-size:13px;display:block;margin:4px 0}.row{display:flex;flex-wrap:wrap}code{font-size:12px}
        """

    /// Legend clicks hide a run in every plot; the checkbox swaps the loss chart's linear and log drawings.
    static let script = """
        document.querySelectorAll('.legend li').forEach(function(item){item.addEventListener('click',function(){
        item.classList.toggle('off');var off=item.classList.contains('off');
        document.querySelectorAll('svg [data-run="'+item.dataset.run+'"]').forEach(function(e){e.style.display=off?'none':''});});});
        var log=document.getElementById('log-scale');if(log){log.addEventListener('change',function(){
        document.querySelectorAll('svg[data-plot="loss-curves"] g[data-scale]').forEach(function(g){
        g.style.display=(g.dataset.scale==='log')===log.checked?'':'none'});});}
        """
}
