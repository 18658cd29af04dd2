import Foundation
import Glibc
import PostgreSQL
import PostgresTestSupport
import Testing
import TrackerCLI

/// The CLI's stores on the test server (`TestServer`): URLs that carry a
/// password, which no command may ever print.
enum CLITestServer {
    /// Written into every test URL. The test server trusts local connections
    /// and never asks for it, so the commands work, and it must never be printed.
    static let password = "pw-never-shown-5219"

    /// A new, empty schema of its own and the URL that makes it the store's
    /// (with the password above in it).
    static func freshSchema() throws -> (url: String, schema: String) {
        let schema = try TestServer.makeSchema(prefix: "cli_test")
        return (TestServer.location(url(withPassword: try TestServer.requireURL()), schema: schema), schema)
    }

    /// `postgresql://user@host/...` as `postgresql://user:PASSWORD@host/...`.
    static func url(withPassword url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else {
            Issue.record("the test server URL \(url) names no user; give it as postgresql://USER@HOST:PORT/DB")
            return url
        }
        return String(url[..<at]) + ":" + password + String(url[at...])
    }
}

/// `tracker ui --db URL` as a process: its first stdout line is its address.
final class UIProcess {
    let process = Process()
    let port: Int

    init(database: String) throws {
        process.executableURL = try trackerBinary()
        process.arguments = ["ui", "--db", database]
        var environment = ProcessInfo.processInfo.environment
        environment["TRACKER_DB"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The first line byte by byte, bounded: a server that never prints fails the test.
        var line: [UInt8] = []
        let descriptor = output.fileHandleForReading.fileDescriptor
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while line.last != UInt8(ascii: "\n"), poll(&poller, 1, 20_000) == 1 {
            var byte: UInt8 = 0
            guard read(descriptor, &byte, 1) == 1 else { break }
            line.append(byte)
        }
        let first = String(decoding: line, as: UTF8.self)
        guard let match = first.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\//), let port = Int(match.1) else {
            process.terminate()
            process.waitUntilExit()
            throw CommandFailure("tracker ui printed '\(first)' first, not its address")
        }
        self.port = port
    }

    /// The body of `GET path` (HTTP/1.1, Connection: close, read to the end).
    func get(_ path: String) throws -> String {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CommandFailure("socket failed") }
        defer { close(descriptor) }
        var time = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw CommandFailure("connect to port \(port) failed") }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(descriptor, $0.baseAddress, request.count, Int32(MSG_NOSIGNAL)) }) == request.count else {
            throw CommandFailure("sending the request failed")
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while case let count = recv(descriptor, &chunk, chunk.count, 0), count > 0 { received += chunk[0..<count] }
        return String(decoding: received, as: UTF8.self)
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
