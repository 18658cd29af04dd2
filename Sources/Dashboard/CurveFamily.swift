import Plots
import TrackerStore

/// The curve figures of a run page: metrics that share a unit share a figure.
struct CurveFamily {
    var key: String
    var title: String
    var metrics: [String]

    /// Losses together, accuracies together, every other metric on its own, in metric-key order.
    static func families(for metricNames: [String]) -> [CurveFamily] {
        let losses = metricNames.filter { $0.hasSuffix("loss") }
        let accuracies = metricNames.filter { $0.hasSuffix("acc") }
        var families: [CurveFamily] = []
        if !losses.isEmpty { families.append(CurveFamily(key: "loss", title: "Loss per epoch", metrics: losses)) }
        if !accuracies.isEmpty { families.append(CurveFamily(key: "accuracy", title: "Accuracy per epoch", metrics: accuracies)) }
        for metric in metricNames where !losses.contains(metric) && !accuracies.contains(metric) {
            families.append(CurveFamily(key: metric, title: metric, metrics: [metric]))
        }
        return families
    }

    var prefersLog: Bool { CurveScale.prefersLog(metrics: metrics) }

    /// The metric the best and kept epochs are marked on: the validation one.
    var monitored: String? { metrics.first { $0.hasPrefix("val_") } ?? metrics.first }
}

/// The curve options every figure page reads: `smooth` (the EMA weight) and `scale`.
struct CurveOptions {
    var smoothing: Double
    /// nil: each figure's default (log for losses).
    var log: Bool?

    init(_ context: PageContext) throws {
        let text = context.value("smooth") ?? "0"
        guard let smoothing = Double(text), smoothing >= 0, smoothing < 1 else {
            throw DashboardError("smooth must be a weight from 0 (off) to below 1, such as 0.6; got '\(text)'")
        }
        self.smoothing = smoothing
        switch context.value("scale") {
        case nil, "auto"?: log = nil
        case "log"?: log = true
        case "linear"?: log = false
        case let other?: throw DashboardError("scale must be log, linear or auto; got '\(other)'")
        }
    }

    var pairs: [(String, String)] {
        (smoothing > 0 ? [("smooth", HTML.number(smoothing))] : []) + (log.map { [("scale", $0 ? "log" : "linear")] } ?? [])
    }

    /// The smoothing and scale controls, as a small GET form.
    func controls(hidden: [(String, String)] = []) -> String {
        let weights = [0, 0.6, 0.8, 0.9, 0.95, 0.99]
        let smoothOptions = weights.map { weight in
            let label = weight == 0 ? "off" : HTML.number(weight)
            return "<option value=\"\(HTML.number(weight))\"\(abs(weight - smoothing) < 1e-9 ? " selected" : "")>\(label)</option>"
        }.joined()
        let current = log.map { $0 ? "log" : "linear" } ?? "auto"
        let scaleOptions = ["auto", "log", "linear"].map { "<option\($0 == current ? " selected" : "")>\($0)</option>" }.joined()
        return "<form class=\"controls\" method=\"get\">"
            + hidden.map { "<input type=\"hidden\" name=\"\(HTML.escape($0.0))\" value=\"\(HTML.escape($0.1))\">" }.joined()
            + "<label>smoothing (EMA) <select name=\"smooth\" data-autosubmit>\(smoothOptions)</select></label>"
            + "<label>y axis <select name=\"scale\" data-autosubmit>\(scaleOptions)</select></label>"
            + "<noscript><button type=\"submit\">Apply</button></noscript></form>"
    }
}
