/// The request line and header fields of one request, split but not yet
/// judged (RFC 9112, sections 3 and 5).
struct RequestHead: Equatable {
    let method: String
    let target: String
    let version: String
    let headers: [Field]

    struct Field: Equatable {
        let name: String
        let value: String
    }

    /// Where the head that starts `buffer` ends (just past its empty line),
    /// or nil while it is incomplete. Bare LF line ends are accepted, as RFC
    /// 9112 lets a server do.
    static func endIndex(in buffer: ArraySlice<UInt8>) -> Int? {
        var index = buffer.startIndex
        while index < buffer.endIndex {
            if buffer[index] == newline {
                let next = index + 1
                if next < buffer.endIndex, buffer[next] == newline { return next + 1 }
                if next + 1 < buffer.endIndex, buffer[next] == carriageReturn, buffer[next + 1] == newline {
                    return next + 2
                }
            }
            index += 1
        }
        return nil
    }

    /// How many empty lines start `buffer`: RFC 9112 asks a server to skip
    /// them before a request line (some clients send one after a request).
    static func leadingEmptyLineLength(in buffer: ArraySlice<UInt8>) -> Int {
        var index = buffer.startIndex
        while index < buffer.endIndex {
            if buffer[index] == newline {
                index += 1
            } else if buffer[index] == carriageReturn, index + 1 < buffer.endIndex, buffer[index + 1] == newline {
                index += 2
            } else {
                break
            }
        }
        return index - buffer.startIndex
    }

    /// Parses a complete head (as delimited by `endIndex(in:)`).
    init(parsing bytes: ArraySlice<UInt8>) throws(RequestRejection) {
        guard !bytes.contains(0) else { throw .badRequest("The request contains a NUL byte.") }
        // Split bytes, not a String: Swift reads "\r\n" as one Character.
        var lines = bytes.split(separator: Self.newline, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == Self.carriageReturn ? line.dropLast() : line, as: UTF8.self)[...]
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { throw .badRequest("The request line is missing.") }

        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            throw .badRequest("The request line must be 'METHOD TARGET HTTP/1.1'.")
        }
        guard parts[0].allSatisfy(Self.isTokenCharacter) else {
            throw .badRequest("The method '\(parts[0])' is not a valid token.")
        }
        guard parts[1].allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "\r" }) else {
            throw .badRequest("The request target contains a space or a non-ASCII character; percent-encode it.")
        }
        let version = String(parts[2])
        guard version.hasPrefix("HTTP/"), version.count == 8,
              let major = version.dropFirst(5).first?.wholeNumberValue, version.dropFirst(6).first == ".",
              version.last?.wholeNumberValue != nil
        else {
            throw .badRequest("The protocol '\(version)' is not HTTP/1.x.")
        }
        guard major == 1 else {
            throw RequestRejection(status: 505, reason: "Only HTTP/1.0 and HTTP/1.1 are supported.", closesConnection: true)
        }

        var headers: [Field] = []
        for line in lines.dropFirst() {
            guard !line.unicodeScalars.contains("\r") else {
                throw .badRequest("A header line contains a bare carriage return.")
            }
            guard let first = line.first, first != " ", first != "\t" else {
                throw .badRequest("Header lines folded over several lines are not accepted (RFC 9112).")
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw .badRequest("The header line '\(line.prefix(40))' has no colon.")
            }
            let name = line[..<colon]
            guard !name.isEmpty, name.allSatisfy(Self.isTokenCharacter) else {
                throw .badRequest("The header name '\(name.prefix(40))' is not a valid token.")
            }
            headers.append(Field(name: String(name), value: String(line[line.index(after: colon)...].trimmingSpaces)))
        }
        self.method = String(parts[0])
        self.target = String(parts[1])
        self.version = version
        self.headers = headers
    }

    /// The values of the field `name`, compared without case.
    func values(of name: String) -> [String] {
        let lowered = name.lowercased()
        return headers.filter { $0.name.lowercased() == lowered }.map(\.value)
    }

    /// `tchar` of RFC 9110, section 5.6.2.
    static func isTokenCharacter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, ascii > 32, ascii < 127 else { return false }
        return !"\"(),/:;<=>?@[\\]{}".contains(character)
    }

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
}
