/// Colours readers with any common colour-vision deficiency can tell apart:
/// the Okabe-Ito palette for categories, a viridis ramp for values.
public enum Palette {
    /// Okabe & Ito (2008) without its yellow, which vanishes on white.
    public static let categorical = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]

    public static func category(_ index: Int) -> String { categorical[index % categorical.count] }

    /// Viridis at nine stops; perceptually even and readable in grey.
    private static let viridis: [(Double, Double, Double)] = [
        (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
        (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
    ]

    /// `fraction` in 0...1, dark purple to yellow.
    public static func ramp(_ fraction: Double) -> String {
        let t = min(1, max(0, fraction.isFinite ? fraction : 0)) * Double(viridis.count - 1)
        let low = Int(t.rounded(.down)), high = min(viridis.count - 1, low + 1)
        let f = t - Double(low)
        let (a, b) = (viridis[low], viridis[high])
        func channel(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
        return "rgb(\(channel(a.0, b.0)),\(channel(a.1, b.1)),\(channel(a.2, b.2)))"
    }

    /// Dark text on the light end of the ramp, white on the dark end.
    public static func textOnRamp(_ fraction: Double) -> String { fraction > 0.55 ? "#000" : "#fff" }

    public static let axis = "#333"
    public static let grid = "#e3e3e3"
}
