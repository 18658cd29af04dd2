/// Reads `Accept-Encoding` (RFC 9110, section 12.5.3) for the one coding
/// this server offers.
enum AcceptEncoding {
    /// Whether `header` accepts gzip: named (or `x-gzip`) with a q-value
    /// above 0, or covered by `*` with q above 0 when not named at all.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var wildcardQuality: Double?
        for entry in header.split(separator: ",") {
            let parameters = entry.split(separator: ";")
            guard let coding = parameters.first?.trimmingSpaces.lowercased(), !coding.isEmpty else { continue }
            var quality = 1.0
            for parameter in parameters.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingSpaces.lowercased() == "q" {
                    quality = Double(pair[1].trimmingSpaces) ?? 0
                }
            }
            if coding == "gzip" || coding == "x-gzip" { return quality > 0 }
            if coding == "*" { wildcardQuality = quality }
        }
        return (wildcardQuality ?? 0) > 0
    }
}
