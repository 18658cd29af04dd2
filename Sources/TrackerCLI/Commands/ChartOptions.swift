import Plots

/// The options of every command that draws a chart (`tracker history`), and
/// the chart they describe.
public enum ChartOptions {
    public static let width = OptionSpec(
        "width", valueName: "columns", help: "Width of the plot area; by default it fits the terminal.")
    public static let height = OptionSpec("height", valueName: "rows", help: "Height of the plot area.", defaultValue: "15")
    public static let logY = OptionSpec.flag(
        "log-y", help: "Use a logarithmic y axis (values <= 0 are left out); the default when every metric shown is a loss.")
    public static let linearY = OptionSpec.flag("linear-y", help: "Use a linear y axis, also for losses.")
    public static let smooth = OptionSpec(
        "smooth", valueName: "weight",
        help: "Smooth each curve with TensorBoard's debiased moving average of this weight (0 to below 1, e.g. 0.6), as the dashboard does.",
        defaultValue: "0")

    public static let all = [width, height, logY, linearY, smooth]

    /// Room left of the plot for tick labels and the axis.
    static let labelAllowance = 12
    static let widestDefault = 100

    public static func chart(
        _ series: [ChartSeries], arguments: ParsedArguments, context: CommandContext,
        xLabel: String = "epoch", yLabel: String, logByDefault: Bool = false
    ) throws(UsageError) -> LineChart {
        if arguments.isSet(Self.logY.name) && arguments.isSet(Self.linearY.name) {
            throw .invalid("--log-y and --linear-y contradict each other; give one of them.")
        }
        let fitted = min(widestDefault, context.terminal.width - labelAllowance)
        let columns = try arguments.value(Self.width.name, as: Int.self, in: .atLeast(10)) ?? max(20, fitted)
        let rows = try arguments.value(Self.height.name, as: Int.self, in: .atLeast(3)) ?? 15
        return LineChart(
            series: series, width: columns, height: rows,
            logY: arguments.isSet(Self.logY.name) || (logByDefault && !arguments.isSet(Self.linearY.name)),
            xLabel: xLabel, yLabel: yLabel, useColor: context.terminal.colorEnabled)
    }

    /// `--smooth`: the EMA weight, 0 when absent.
    public static func smoothing(_ arguments: ParsedArguments) throws(UsageError) -> Double {
        let text = arguments.string(Self.smooth.name) ?? "0"
        guard let weight = Double(text), weight >= 0, weight < 1 else {
            throw .invalidValue(value: text, argument: Self.smooth.displayName, expected: "a weight from 0 (off) to below 1, e.g. 0.6")
        }
        return weight
    }
}
