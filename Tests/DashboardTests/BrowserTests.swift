import Foundation
import Testing
import TrackerStore

let chromiumPath: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Headless Chromium against the real `tracker ui`: what a user's browser
/// shows, with the page's own script running. Skipped where Chromium is
/// not installed; CI installs it (`.ci/run`).
@Suite(.serialized, .enabled(if: chromiumPath != nil, "chromium is not installed (apt-get install chromium)"))
struct BrowserTests {
    static var chromium: String? { chromiumPath }

    /// The DOM after the page's scripts ran for `budget` ms of virtual time;
    /// the process is killed if it takes more than a minute of real time.
    static func dumpDOM(_ url: String, budget: Int = 3000) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
                             "--virtual-time-budget=\(budget)", "--dump-dom", url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = DispatchTime.now() + 60
        DispatchQueue.global().asyncAfter(deadline: deadline) { [process] in if process.isRunning { process.terminate() } }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func runsRunAndGroupPagesRender() throws {
        let fixture = try DashboardFixture()
        let runs = try fixture.seedRuns(weightDecays: [0, 1e-3], seeds: 3, epochs: 25)
        let server = try UIServerProcess(database: fixture.path)
        defer { _ = server.stop() }

        let list = try Self.dumpDOM(server.baseURL)
        for run in runs { #expect(list.contains(">\(run.name)</a>"), "\(run.name) is listed") }
        #expect(list.contains("data-ready"))  // the script ran (no CSP violation stopped it)

        let page = try Self.dumpDOM(server.baseURL + "runs/\(runs[0].name)?smooth=0.6")
        let curves = page.matches(of: /<polyline[^>]*data-key="(train_loss|val_loss)"[^>]*data-kind="smoothed"/).count
        #expect(curves == 2)
        #expect(page.contains("data-mark=\"best\""))

        let group = try Self.dumpDOM(server.baseURL + "group?by=wd&metric=val_loss")
        #expect(group.matches(of: /<polygon[^>]*data-band="wd=/).count == 2)
        #expect(group.contains("data-members=\"3\""))
        #expect(group.contains("class=\"figures hidden-members\""))  // members hidden until the toggle
    }

    /// A running run's page picks up epochs committed after it loaded,
    /// asking only for the points after the last step it has.
    @Test func aNewEpochAppearsOnTheRunningRunsPage() throws {
        let fixture = try DashboardFixture()
        let store = try fixture.openStore()
        let run = try store.createRun(RunSpec(name: "live-run"))
        try store.setParams(["epochs": .integer(400)], for: run.id)
        for step in 1...5 { try store.logMetrics(run.id, step: step, ["train_loss": 1 / Double(step), "val_loss": 1.2 / Double(step)]) }
        store.close()
        let server = try UIServerProcess(database: fixture.path)
        defer { _ = server.stop() }

        let stop = Atomic(false)
        let writer = DispatchGroup()
        DispatchQueue.global().async(group: writer) {
            guard let store = try? fixture.openStore() else { return }
            defer { store.close() }
            var step = 6
            while !stop.value, step <= 400 {
                try? store.logMetrics(run.id, step: step, ["train_loss": 1 / Double(step), "val_loss": 1.2 / Double(step)])
                step += 1
                usleep(150_000)
            }
        }
        let dom = try Self.dumpDOM(server.baseURL + "runs/live-run", budget: 8000)
        stop.value = true
        writer.wait()

        let updates = try #require(dom.firstMatch(of: /data-live-updates="(\d+)"/))
        #expect(Int(updates.1)! >= 1)
        let lastSteps = dom.matches(of: /data-key="val_loss" data-last-step="(\d+)"/).compactMap { Int($0.1) }
        #expect(!lastSteps.isEmpty)
        #expect(lastSteps.allSatisfy { $0 > 5 }, "val_loss ends at \(lastSteps)")
        let polled = try #require(dom.firstMatch(of: /data-polled-after="(\d+)"/))
        #expect(Int(polled.1)! >= 5)
        #expect(dom.contains("live: epoch"))
    }
}
