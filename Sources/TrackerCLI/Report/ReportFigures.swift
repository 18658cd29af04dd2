import Analysis
import Foundation
import TrackerStore
import Plots
import Sweeps

/// Turns a report's data into its plots, each an `<svg>` identified by
/// `data-plot`; a plot whose data is missing is left out, not drawn empty.
struct ReportFigures {
    var data: ReportData

    /// Colour of run `index` (best first), shared by every per-run plot and the legend.
    static func color(run index: Int) -> String { Palette.category(index) }

    func lossCurves() -> String? {
        lineChart(plot: "loss-curves", title: "Loss per epoch: train (dashed) and validation (solid)", yTitle: lossTitle,
                  metrics: [(MetricKey.trainLoss, true), (MetricKey.valLoss, false)], log: true, startsInLogScale: true)
    }

    /// Classifiers log accuracy and train on cross-entropy; regressors on MSE.
    private var lossTitle: String {
        let classifies = data.curves.map { $0.histories[MetricKey.valAcc] != nil || $0.histories[MetricKey.trainAcc] != nil }
        if classifies.allSatisfy({ $0 }) { return "loss (cross-entropy, nats)" }
        if classifies.allSatisfy({ !$0 }) { return "loss (MSE, squared units of y)" }
        return "loss (MSE or cross-entropy)"
    }

    func accuracyCurves() -> String? {
        lineChart(plot: "accuracy-curves", title: "Accuracy per epoch: train (dashed) and validation (solid)",
                  yTitle: "accuracy (fraction correct)", metrics: [(MetricKey.trainAcc, true), (MetricKey.valAcc, false)], log: false)
    }

    func weightNormCurves() -> String? {
        lineChart(plot: "weight-norm", title: "Weight norm per epoch", yTitle: "‖w‖₂ (L2 norm of Dense weights)",
                  metrics: [(MetricKey.weightNorm, false)], log: false)
    }

    private func lineChart(
        plot: String, title: String, yTitle: String, metrics: [(String, Bool)], log: Bool, startsInLogScale: Bool = false
    ) -> String? {
        var series: [LineChartSVG.Series] = []
        for (index, run) in data.curves.enumerated() {
            for (metric, dashed) in metrics {
                guard let history = run.histories[metric], !history.isEmpty else { continue }
                series.append(LineChartSVG.Series(
                    label: "\(run.name) \(metric)", run: index, color: Self.color(run: index), dashed: dashed,
                    points: history.map { (Double($0.step), $0.value) },
                    bestX: dashed ? nil : run.bestStep.map(Double.init), stopX: run.earlyStopStep.map(Double.init)))
            }
        }
        guard !series.isEmpty else { return nil }
        return LineChartSVG(plot: plot, title: title, yTitle: yTitle, series: series, offersLogScale: log, startsInLogScale: startsInLogScale).render()
    }

    /// Numeric swept params, with more than one value, wd and dropout first.
    private var sweptNumericParams: [String] {
        guard let board = data.sweep else { return [] }
        let names = board.definition.space.names.filter { name in
            let values = board.scores.compactMap { $0.setting[name] }
            return values.allSatisfy { $0.number != nil } && Set(values).count > 1
        }
        let preferred = ["wd", "dropout", "l2", "l1", "lr"]
        return names.sorted { (preferred.firstIndex(of: $0) ?? 99, $0) < (preferred.firstIndex(of: $1) ?? 99, $1) }
    }

    private func distinctValues(_ name: String) -> [Double] {
        Array(Set(data.sweep?.scores.compactMap { $0.setting[name]?.number } ?? [])).sorted()
    }

    /// The objective over the first two swept params; where other params
    /// vary too, each cell shows the best setting that has the pair.
    func heatMap() -> String? {
        guard let board = data.sweep, sweptNumericParams.count >= 2 else { return nil }
        let (xName, yName) = (sweptNumericParams[0], sweptNumericParams[1])
        let xAxis = HeatMapAxis(values: distinctValues(xName)), yAxis = HeatMapAxis(values: distinctValues(yName))
        let lower = board.sweep.direction == .min
        var grid = [[Double?]](repeating: [Double?](repeating: nil, count: xAxis.labels.count), count: yAxis.labels.count)
        for score in board.scores {
            guard let mean = score.mean, let x = score.setting[xName]?.number, let y = score.setting[yName]?.number else { continue }
            let (row, column) = (yAxis.cell(of: y), xAxis.cell(of: x))
            if let current = grid[row][column], lower ? current <= mean : current >= mean { continue }
            grid[row][column] = mean
        }
        let others = sweptNumericParams.count > 2 ? " (best over " + sweptNumericParams.dropFirst(2).joined(separator: ", ") + ")" : ""
        return HeatMapSVG(
            title: "\(board.sweep.objective) (mean over seeds) by \(xName) and \(yName)\(others)", xName: xName, yName: yName,
            xValues: xAxis.labels, yValues: yAxis.labels, values: grid,
            objective: board.sweep.objective, lowerIsBetter: lower).render()
    }

    func parallelCoordinates() -> String? {
        guard let board = data.sweep else { return nil }
        let names = board.definition.space.names.filter { name in Set(board.scores.compactMap { $0.setting[name] }).count > 1 }
        guard !names.isEmpty else { return nil }
        let axisValues = names.map { name in
            Array(Set(board.scores.compactMap { $0.setting[name] })).sorted { a, b in
                switch (a.number, b.number) {
                case let (x?, y?): x < y
                default: a.description < b.description
                }
            }
        }
        let axes = zip(names, axisValues).map { ParallelCoordinatesSVG.Axis(name: $0, labels: $1.map(Self.label)) }
        let lines = board.scores.compactMap { score -> ParallelCoordinatesSVG.Line? in
            guard let mean = score.mean else { return nil }
            let positions = zip(names, axisValues).map { name, values in score.setting[name].flatMap(values.firstIndex(of:)) ?? 0 }
            return ParallelCoordinatesSVG.Line(positions: positions, objective: mean, label: score.setting.summary)
        }
        guard !lines.isEmpty else { return nil }
        return ParallelCoordinatesSVG(
            title: "Every setting: swept params against \(board.sweep.objective) (mean over seeds)", axes: axes, lines: lines,
            objective: board.sweep.objective, lowerIsBetter: board.sweep.direction == .min).render()
    }

    private static func label(_ value: SweepValue) -> String {
        value.number.map(NumberFormatting.compact) ?? value.description
    }

    /// Per swept numeric option: its best value against the rows the sweep trained on, one point per sweep.
    func lineage() -> [String] {
        let steps = data.lineage.filter { $0.dataset != nil && $0.best != nil }
        guard steps.count >= 2 else { return [] }
        let options = Set(steps.flatMap { $0.best!.setting.values.compactMap { $0.value.number == nil ? nil : $0.key } }).sorted()
        return options.enumerated().map { index, option in
            let measured = steps.filter { $0.best!.setting[option]?.number != nil }
            let points = measured.map { (x: Double($0.rowsUsed!), y: $0.best!.setting[option]!.number!) }
            let positive = points.allSatisfy { $0.y > 0 } && (points.map(\.y).max()! / max(points.map(\.y).min()!, 1e-300) >= 20)
            return ScatterLineSVG(
                plot: "lineage-\(option)", title: "Best \(option) vs data-set size",
                xTitle: "rows trained on (data set x subset)", yTitle: AxisLabel.logScale("best \(option)", positive),
                series: [ScatterLineSVG.Series(label: "best \(option)", color: Palette.category(index), points: points,
                                               drawsLine: true, drawsPoints: true,
                                               pointLabels: measured.map { "\($0.sweep.name) (\($0.dataset!.name) v\($0.dataset!.version))" })],
                logY: positive, width: 480, height: 280).render()
        }
    }

    func weightHistogram() -> String? {
        guard let weights = data.weights, !weights.layers.isEmpty else { return nil }
        return HistogramSVG(
            title: "|w| per layer, \(weights.run) (\(weights.checkpointKind) checkpoint, epoch \(weights.epoch))",
            layers: weights.layers.map { HistogramSVG.Layer(name: $0.name, magnitudes: $0.magnitudes) },
            threshold: weights.threshold).render()
    }

    func sineFit() -> String? {
        guard let fit = data.sineFit else { return nil }
        return ScatterLineSVG(
            plot: "sine-fit", title: "Fitted function, \(fit.run)", xTitle: "x (input, data units)", yTitle: "y",
            series: [
                ScatterLineSVG.Series(label: "true sin(x)", color: "#000000", points: fit.truth, drawsLine: true, drawsPoints: false, dashed: true),
                ScatterLineSVG.Series(label: "training points", color: Palette.category(1), points: fit.training,
                                      drawsLine: false, drawsPoints: true),
                ScatterLineSVG.Series(label: "model prediction", color: Palette.category(0), points: fit.prediction,
                                      drawsLine: true, drawsPoints: false),
            ]).render()
    }
}
