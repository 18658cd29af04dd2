/// Axis titles with a note appended: a title that already ends in a
/// parenthesis takes the note inside it, so "loss (cross-entropy, nats)" on
/// a log scale reads "loss (cross-entropy, nats, log scale)" rather than
/// "loss (cross-entropy, nats) (log scale)".
public enum AxisLabel {
    public static func noting(_ note: String, in title: String) -> String {
        if title.hasSuffix(")"), title.contains("(") { return String(title.dropLast()) + ", " + note + ")" }
        return title + " (" + note + ")"
    }

    public static func logScale(_ title: String, _ isLog: Bool) -> String {
        isLog ? noting("log scale", in: title) : title
    }
}
