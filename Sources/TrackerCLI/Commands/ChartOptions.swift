import Plots

/// The options of every command that draws a chart (`tracker history`), and
/// the chart they describe.
public enum ChartOptions {
    public static let width = OptionSpec(
        "width", valueName: "columns", help: "Width of the plot area; by default it fits the terminal.")
    public static let height = OptionSpec("height", valueName: "rows", help: "Height of the plot area.", defaultValue: "15")
    public static let logY = OptionSpec.flag("log-y", help: "Use a logarithmic y axis (values <= 0 are left out).")

    public static let all = [width, height, logY]

    /// Room left of the plot for tick labels and the axis.
    static let labelAllowance = 12
    static let widestDefault = 100

    public static func chart(
        _ series: [ChartSeries], arguments: ParsedArguments, context: CommandContext,
        xLabel: String = "epoch", yLabel: String
    ) throws(UsageError) -> LineChart {
        let fitted = min(widestDefault, context.terminal.width - labelAllowance)
        let columns = try arguments.value(Self.width.name, as: Int.self, in: .atLeast(10)) ?? max(20, fitted)
        let rows = try arguments.value(Self.height.name, as: Int.self, in: .atLeast(3)) ?? 15
        return LineChart(
            series: series, width: columns, height: rows, logY: arguments.isSet(Self.logY.name),
            xLabel: xLabel, yLabel: yLabel, useColor: context.terminal.colorEnabled)
    }
}
