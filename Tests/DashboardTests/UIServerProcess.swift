import Foundation
import Glibc

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The `tracker` executable built next to the tests (the target depends on it).
func trackerExecutable() throws -> URL {
    let candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
    for directory in candidates {
        for base in [directory, directory.deletingLastPathComponent()] {
            let url = base.appendingPathComponent("tracker")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue { return url }
        }
    }
    throw TestFailure("no tracker executable next to the tests; searched \(candidates.map(\.path))")
}

/// The real `tracker ui`, started on a free port: its first stdout line is
/// the address. `stop()` sends SIGTERM and returns the exit status.
final class UIServerProcess {
    let process = Process()
    let port: Int
    let firstLine: String
    private let errors = Pipe()

    init(database: String, extraArguments: [String] = []) throws {
        process.executableURL = try trackerExecutable()
        process.arguments = ["ui", "--db", database] + extraArguments
        var environment = ProcessInfo.processInfo.environment
        environment["TRACKER_DB"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read the first line byte by byte, bounded: a server that never prints fails the test.
        var line: [UInt8] = []
        let descriptor = output.fileHandleForReading.fileDescriptor
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while line.last != UInt8(ascii: "\n") {
            guard poll(&poller, 1, 20_000) == 1 else { break }
            var byte: UInt8 = 0
            guard read(descriptor, &byte, 1) == 1 else { break }
            line.append(byte)
        }
        firstLine = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .newlines)
        guard let match = firstLine.wholeMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\//), let port = Int(match.1) else {
            process.terminate()
            process.waitUntilExit()
            throw TestFailure("tracker ui printed '\(firstLine)' first, not its address")
        }
        self.port = port
    }

    var baseURL: String { "http://127.0.0.1:\(port)/" }

    /// SIGTERM, then the exit status and what it wrote to stderr.
    func stop() -> (status: Int32, stderr: String) {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, text)
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// One HTTP/1.1 exchange over a fresh socket, exactly the bytes given.
struct HTTPExchange {
    var status: Int
    var headers: [String: String]
    var body: String

    /// A request with `Connection: close`; the answer is read to the end of the stream.
    static func send(_ head: String, port: Int) throws -> HTTPExchange {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket failed") }
        defer { close(descriptor) }
        var time = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFailure("connect to port \(port) failed") }
        let bytes = Array(head.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { break }  // the server may close early (431): read what it answered
            offset += sent
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(descriptor, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            received += chunk[0..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw TestFailure("no response head in '\(text.prefix(200))'") }
        let lines = text[..<split.lowerBound].split(separator: "\r\n")
        guard let statusText = lines.first?.split(separator: " ").dropFirst().first, let status = Int(statusText) else {
            throw TestFailure("bad status line '\(lines.first ?? "")'")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return HTTPExchange(status: status, headers: headers, body: String(text[split.upperBound...]))
    }

    static func get(_ target: String, port: Int, host: String? = nil, method: String = "GET") throws -> HTTPExchange {
        try send("\(method) \(target) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n", port: port)
    }
}
