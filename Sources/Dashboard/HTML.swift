import Plots

/// Small helpers for the server-rendered pages. Every piece of text that
/// came from the database goes through `escape` (via `Markup`).
enum HTML {
    static func escape(_ text: String) -> String { Markup.escape(text) }

    /// A URL path segment or query value, percent-encoded (unreserved characters kept).
    static func urlComponent(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    static func query(_ pairs: [(String, String)]) -> String {
        pairs.isEmpty ? "" : "?" + pairs.map { urlComponent($0.0) + "=" + urlComponent($0.1) }.joined(separator: "&")
    }

    static func runLink(_ name: String) -> String {
        "<a href=\"/runs/\(urlComponent(name))\">\(escape(name))</a>"
    }

    /// A table with a header row; cells are already markup.
    static func table(_ columns: [String], _ rows: [[String]], attributes: String = "", highlightedRow: Int? = nil) -> String {
        var out = "<div class=\"scroll\"><table \(attributes)><thead><tr>"
        out += columns.map { "<th>\(escape($0))</th>" }.joined()
        out += "</tr></thead><tbody>"
        for (index, row) in rows.enumerated() {
            out += index == highlightedRow ? "<tr class=\"best\">" : "<tr>"
            out += row.map { "<td>\($0)</td>" }.joined()
            out += "</tr>"
        }
        return out + "</tbody></table></div>"
    }

    static func definitionList(_ pairs: [(String, String)]) -> String {
        "<dl>" + pairs.map { "<dt>\(escape($0.0))</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
    }

    static func number(_ value: Double?) -> String {
        value.map(NumberFormatting.compact) ?? ""
    }
}
