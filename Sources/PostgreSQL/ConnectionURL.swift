/// Connection strings as they may be shown: with any password replaced by `***`.
///
/// libpq takes a URI (`postgresql://user:secret@host:5432/db?sslmode=require`)
/// or key=value pairs (`host=h user=u password=secret`); either can carry a
/// password, and neither may reach an error message, a log line or a
/// description. Passwords belong in `~/.pgpass` or `PGPASSWORD`, which libpq
/// reads itself.
public enum ConnectionURL {
    /// `url` with the password of its user info and any `password=` setting
    /// replaced by `***`.
    public static func redacted(_ url: String) -> String {
        redactPasswordSettings(in: redactUserInfoPassword(in: url))
    }

    /// The passwords written in `url`, so that an echo of one inside a libpq
    /// message can be blanked too.
    static func passwords(in url: String) -> [String] {
        var found: [String] = []
        if let range = userInfoPasswordRange(in: url) { found.append(String(url[range])) }
        for range in passwordSettingRanges(in: url) { found.append(String(url[range])) }
        return found.filter { !$0.isEmpty }
    }

    /// `text` with every occurrence of a password from `url` replaced by `***`.
    static func scrub(_ text: String, passwordsOf url: String) -> String {
        passwords(in: url).reduce(text) { text, password in text.replacing(password, with: "***") }
    }

    private static func redactUserInfoPassword(in url: String) -> String {
        guard let range = userInfoPasswordRange(in: url) else { return url }
        var text = url
        text.replaceSubrange(range, with: "***")
        return text
    }

    private static func redactPasswordSettings(in url: String) -> String {
        // Replace from the end so earlier ranges stay valid.
        var text = url
        for range in passwordSettingRanges(in: url).reversed() { text.replaceSubrange(range, with: "***") }
        return text
    }

    /// The password of `scheme://user:password@host`, if there is one.
    private static func userInfoPasswordRange(in url: String) -> Range<String.Index>? {
        guard let scheme = url.firstRange(of: "://"),
              url[..<scheme.lowerBound].lowercased().hasPrefix("postgres") else { return nil }
        let rest = url[scheme.upperBound...]
        // The user info ends at the last '@' of the authority, which ends at
        // the first '/' or '?' after that '@' (a password may hold '/' or
        // '?' only percent-encoded, but be generous with a raw one).
        let authorityEnd = rest.firstIndex(where: { $0 == "?" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@"),
              let colon = rest[..<at].firstIndex(of: ":") else { return nil }
        return rest.index(after: colon)..<at
    }

    /// The values of `password=` settings: URI query parameters
    /// (`?password=x&...`) and key=value pairs (`password = 'x y'`).
    private static func passwordSettingRanges(in url: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var searchStart = url.startIndex
        while let key = url[searchStart...].firstRange(of: "password") {
            searchStart = key.upperBound
            let before = key.lowerBound == url.startIndex ? nil : url[url.index(before: key.lowerBound)]
            guard before == nil || before == "?" || before == "&" || before!.isWhitespace else { continue }
            var index = key.upperBound
            while index < url.endIndex, url[index] == " " { index = url.index(after: index) }
            guard index < url.endIndex, url[index] == "=" else { continue }
            index = url.index(after: index)
            while index < url.endIndex, url[index] == " " { index = url.index(after: index) }
            let valueStart = index
            if index < url.endIndex, url[index] == "'" {
                // A quoted key=value setting; \' and \\ are escapes inside it.
                index = url.index(after: index)
                while index < url.endIndex, url[index] != "'" {
                    if url[index] == "\\" { index = url.index(after: index) }
                    if index < url.endIndex { index = url.index(after: index) }
                }
                if index < url.endIndex { index = url.index(after: index) }
            } else {
                while index < url.endIndex, url[index] != "&", !url[index].isWhitespace { index = url.index(after: index) }
            }
            if valueStart < index { ranges.append(valueStart..<index) }
            searchStart = index
        }
        return ranges
    }
}
