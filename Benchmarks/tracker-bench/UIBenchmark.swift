import Foundation
import Glibc
import TrackerStore

/// `tracker ui` under the loads, through the real binary:
/// - the runs page over 10,000 runs and a run page of 100,000 points per
///   curve: server time (HTTP round trip), page weight, and the time until
///   the page's script ran in headless Chromium (a mark the script writes
///   into the DOM as `data-ready`) when Chromium is installed;
/// - 20 clients polling a live run for a minute (TRACKER_BENCH_UI_SECONDS
///   changes it): p50/p99 latency, errors, and the training's wall time with
///   and without them.
enum UIBenchmark {
    static func run() throws {
        let tracker = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tracker").path
        guard FileManager.default.isExecutableFile(atPath: tracker) else {
            print("  not measured: build the binary first (swift build -c release --product tracker)")
            return
        }
        let directory = try Measure.temporaryDirectory("ui")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ui.db").path
        print("-- building 10,000 runs x 200 epochs x 4 metrics, and one run of 100,000 epochs")
        let fill = try Measure.time {
            try CLIBenchmark.fillDatabase(path, runs: 10_000, epochs: 200)
            try fillLongRun(path, epochs: 100_000)
        }
        print(String(format: "  (%.1f s)", fill))

        let server = try UIServer(tracker: tracker, database: path)
        defer { server.stop() }
        var rows: [(String, String)] = []
        for (label, target) in [("runs page, 10,000 runs (first 100)", "/"), ("runs page sorted by val_loss", "/?sort=val_loss"),
                                ("run page, 100,000 points a curve", "/runs/long-run"), ("run page smoothed 0.9", "/runs/long-run?smooth=0.9")] {
            var times: [Double] = []
            var bytes = 0
            for _ in 0..<5 {
                let start = Measure.now()
                let answer = try HTTPGet.get(target, port: server.port)
                times.append(Measure.now() - start)
                guard answer.status == 200 else { throw BenchFailure("\(target) answered \(answer.status)") }
                bytes = answer.body.count
            }
            var line = String(format: "server %.0f ms, %@ KB", Measure.median(times) * 1e3, Measure.grouped(Double(bytes) / 1024))
            if let ready = try browserReady(server.url(target)) { line += String(format: ", script ran after %.0f ms in Chromium", ready) }
            rows.append((label, line))
        }
        Measure.table(rows)
        server.stop()
        try pollingLoad(tracker: tracker, directory: directory)
    }

    /// One run with train_loss and val_loss at each of `epochs` epochs.
    static func fillLongRun(_ path: String, epochs: Int) throws {
        let store = try Store(path: path)
        defer { store.close() }
        let run = try store.createRun(RunSpec(name: "long-run"))
        var points: [MetricPoint] = []
        points.reserveCapacity(epochs * 2)
        var state: UInt64 = 1
        for step in 1...epochs {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let noise = Double(state >> 40) / Double(1 << 24) * 0.05
            points.append(MetricPoint(key: "train_loss", step: step, value: 1 / Double(step).squareRoot() + noise))
            points.append(MetricPoint(key: "val_loss", step: step, value: 0.2 + 1 / Double(step).squareRoot() + noise))
        }
        try store.logMetrics(run.id, points: points)
        try store.finishRun(run.id)
    }

    /// Milliseconds from navigation to the page's script running, as the
    /// script records it; nil without Chromium.
    static func browserReady(_ url: String) throws -> Double? {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile) else {
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return dom.firstMatch(of: /data-ready="([0-9.]+)"/).flatMap { Double($0.1) }
    }

    /// The training alone, then with 20 clients polling its metrics once a
    /// second each (what 20 open pages do); the latency of every poll.
    static func pollingLoad(tracker: String, directory: URL) throws {
        let seconds = Double(ProcessInfo.processInfo.environment["TRACKER_BENCH_UI_SECONDS"] ?? "60") ?? 60
        let path = directory.appendingPathComponent("live.db").path
        let train = { (name: String, epochs: Int) in
            ChildProcess.time(tracker, ["train", "--db", path, "--dataset", "digits", "--epochs", String(epochs), "--name", name, "--quiet"])
        }
        // A short run first: it warms the caches and sizes the measured runs to about `seconds` each.
        guard let warmUp = train("warm-up", 100) else { throw BenchFailure("tracker train failed") }
        let epochs = max(100, Int(100 * seconds / warmUp))
        print(String(format: "-- 20 clients polling a live run; training digits for %d epochs (about %.0f s), alone and polled", epochs, seconds))
        guard let alone = train("alone", epochs) else { throw BenchFailure("tracker train failed") }
        let server = try UIServer(tracker: tracker, database: path)
        defer { server.stop() }
        let latencies = Samples(), errors = Samples()
        let stop = Flag()
        let group = DispatchGroup()
        let port = server.port
        // Threads, not the global queue: 20 clients that mostly sleep would
        // starve a pool sized for two cores.
        for client in 0..<20 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var after = -1
                usleep(UInt32(client * 50_000))
                while !stop.isSet {
                    let start = Measure.now()
                    do {
                        let answer = try HTTPGet.get("/api/runs/polled/metrics?family=loss&after=\(after)", port: port)
                        latencies.append(Measure.now() - start)
                        if answer.status == 200, let last = answer.body.firstMatch(of: /"last_step":(\d+)/).flatMap({ Int($0.1) }) {
                            after = last
                        } else if answer.status != 404 {
                            errors.append(1)  // 404 only until the run exists
                        }
                    } catch {
                        errors.append(1)
                    }
                    usleep(1_000_000)
                }
            }
        }
        guard let polled = train("polled", epochs) else { throw BenchFailure("tracker train failed under polling") }
        stop.set()
        group.wait()
        let sorted = latencies.values.sorted()
        let percentile = { (p: Double) in sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1e3 }
        Measure.table([
            ("training alone", String(format: "%.2f s", alone)),
            ("training with 20 polling clients", String(format: "%.2f s (%+.1f%%; target under +5%%)", polled, (polled / alone - 1) * 100)),
            ("polls answered", "\(sorted.count), errors \(errors.values.count)"),
            ("poll latency p50 / p99", String(format: "%.1f ms / %.1f ms", percentile(0.5), percentile(0.99))),
        ])
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

final class Samples: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Double] = []
    func append(_ value: Double) { lock.lock(); items.append(value); lock.unlock() }
    var values: [Double] { lock.lock(); defer { lock.unlock() }; return items }
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// `tracker ui` as a child process on a free port.
final class UIServer {
    let process = Process()
    let port: Int

    init(tracker: String, database: String) throws {
        process.executableURL = URL(fileURLWithPath: tracker)
        process.arguments = ["ui", "--db", database]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line: [UInt8] = []
        let descriptor = output.fileHandleForReading.fileDescriptor
        var byte: UInt8 = 0
        while line.last != UInt8(ascii: "\n"), read(descriptor, &byte, 1) == 1 { line.append(byte) }
        let text = String(decoding: line, as: UTF8.self)
        guard let match = text.firstMatch(of: /:(\d+)\//), let port = Int(match.1) else {
            throw BenchFailure("tracker ui printed '\(text)'")
        }
        self.port = port
    }

    func url(_ target: String) -> String { "http://127.0.0.1:\(port)\(target)" }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}

/// A GET over a fresh connection, read to its end.
enum HTTPGet {
    static func get(_ target: String, port: Int) throws -> (status: Int, body: String) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchFailure("socket failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw BenchFailure("connect failed") }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress, request.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = recv(descriptor, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            received += chunk[0..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n"), let status = Int(text.dropFirst(9).prefix(3)) else {
            throw BenchFailure("no HTTP answer")
        }
        return (status, String(text[split.upperBound...]))
    }
}
