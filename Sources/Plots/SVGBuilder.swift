/// Builds one `<svg>` element as text. Attribute values and text content
/// are escaped here, so plot types never write raw markup of their own.
public struct SVGBuilder {
    private(set) var body = ""
    public let width: Double
    public let height: Double
    /// Identifies the plot for readers, scripts and tests (`data-plot`).
    public let plot: String

    public init(plot: String, width: Double, height: Double) {
        self.plot = plot
        self.width = width
        self.height = height
    }

    public mutating func element(_ name: String, _ attributes: [(String, String)], text: String? = nil) {
        body += "<" + name + Self.attributes(attributes)
        if let text { body += ">" + Markup.escape(text) + "</" + name + ">" } else { body += "/>" }
    }

    public mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        body += "<" + name + Self.attributes(attributes) + ">"
    }

    public mutating func close(_ name: String) {
        body += "</" + name + ">"
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        var attributes = [("x1", Markup.number(x1)), ("y1", Markup.number(y1)), ("x2", Markup.number(x2)), ("y2", Markup.number(y2)),
                          ("stroke", stroke), ("stroke-width", Markup.number(width))]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        element("line", attributes)
    }

    public mutating func text(_ content: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
                       rotate: Double? = nil, extra: [(String, String)] = []) {
        var attributes = [("x", Markup.number(x)), ("y", Markup.number(y)), ("text-anchor", anchor), ("font-size", Markup.number(size))]
        if let rotate { attributes.append(("transform", "rotate(\(Markup.number(rotate)) \(Markup.number(x)) \(Markup.number(y)))")) }
        element("text", attributes + extra, text: content)
    }

    /// A polyline; `title` becomes its hover text.
    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil,
                           attributes extra: [(String, String)] = [], title: String? = nil) {
        let coordinates = points.map { Markup.number($0.0) + "," + Markup.number($0.1) }.joined(separator: " ")
        var attributes = [("points", coordinates), ("fill", "none"), ("stroke", stroke), ("stroke-width", Markup.number(width)),
                          ("stroke-linejoin", "round")]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        if let title {
            open("polyline", attributes + extra)
            element("title", [], text: title)
            close("polyline")
        } else {
            element("polyline", attributes + extra)
        }
    }

    /// A filled polygon (a band between two curves); `title` becomes its hover text.
    public mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double,
                                 attributes extra: [(String, String)] = [], title: String? = nil) {
        let coordinates = points.map { Markup.number($0.0) + "," + Markup.number($0.1) }.joined(separator: " ")
        let attributes = [("points", coordinates), ("fill", fill), ("fill-opacity", Markup.number(opacity)), ("stroke", "none")]
        if let title {
            open("polygon", attributes + extra)
            element("title", [], text: title)
            close("polygon")
        } else {
            element("polygon", attributes + extra)
        }
    }

    public mutating func circle(x: Double, y: Double, radius: Double, fill: String, stroke: String = "none",
                         attributes extra: [(String, String)] = [], title: String? = nil) {
        let attributes = [("cx", Markup.number(x)), ("cy", Markup.number(y)), ("r", Markup.number(radius)), ("fill", fill), ("stroke", stroke)]
        if let title {
            open("circle", attributes + extra)
            element("title", [], text: title)
            close("circle")
        } else {
            element("circle", attributes + extra)
        }
    }

    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                       attributes extra: [(String, String)] = [], title: String? = nil) {
        let attributes = [("x", Markup.number(x)), ("y", Markup.number(y)), ("width", Markup.number(max(0, width))),
                          ("height", Markup.number(max(0, height))), ("fill", fill)]
        if let title {
            open("rect", attributes + extra)
            element("title", [], text: title)
            close("rect")
        } else {
            element("rect", attributes + extra)
        }
    }

    /// The finished element, with an accessible title.
    public func render(title: String, attributes extra: [(String, String)] = []) -> String {
        "<svg data-plot=\"\(Markup.escape(plot))\"" + Self.attributes(extra) + " role=\"img\" "
            + "viewBox=\"0 0 \(Markup.number(width)) \(Markup.number(height))\" width=\"\(Markup.number(width))\" "
            + "height=\"\(Markup.number(height))\" font-family=\"system-ui, sans-serif\">"
            + "<title>" + Markup.escape(title) + "</title>" + body + "</svg>"
    }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " " + $0.0 + "=\"" + Markup.escape($0.1) + "\"" }.joined()
    }
}
