import Foundation
import Testing
import TrackerStore

/// The real `tracker ui` binary on a free port, spoken to over HTTP.
@Suite(.serialized) struct UIServerTests {
    @Test func printsItsAddressFirstServesAndExitsZeroOnSIGTERM() throws {
        let fixture = try DashboardFixture()
        try fixture.seedRuns()
        let server = try UIServerProcess(database: fixture.path)
        #expect(server.firstLine == "http://127.0.0.1:\(server.port)/")
        let page = try HTTPExchange.get("/", port: server.port)
        #expect(page.status == 200)
        #expect(page.headers["content-security-policy"] == "default-src 'self'")
        let (status, stderr) = server.stop()
        #expect(status == 0)
        #expect(stderr.contains("127.0.0.1 only"))
    }

    @Test func bindingEveryInterfaceWarns() throws {
        let fixture = try DashboardFixture()
        try fixture.seedRuns(weightDecays: [0], seeds: 1, epochs: 3)
        let server = try UIServerProcess(database: fixture.path, extraArguments: ["--host", "0.0.0.0"])
        let (status, stderr) = server.stop()
        #expect(status == 0)
        #expect(stderr.contains("anyone on the network can read the experiments"))
    }

    @Test func statusCodesHostCheckMethodsAndHeaderLimits() throws {
        let fixture = try DashboardFixture()
        let runs = try fixture.seedRuns()
        let server = try UIServerProcess(database: fixture.path)
        defer { _ = server.stop() }
        let port = server.port
        for target in ["/", "/runs/\(runs[0].name)", "/runs/\(runs[0].id)", "/compare?runs=\(runs[0].name),\(runs[1].name)",
                       "/group?by=wd&metric=val_loss", "/api/runs", "/assets/app.js", "/assets/style.css"] {
            #expect(try HTTPExchange.get(target, port: port).status == 200, "\(target)")
        }
        #expect(try HTTPExchange.get("/nothing-here", port: port).status == 404)
        #expect(try HTTPExchange.get("/runs/no-such-run", port: port).status == 404)
        #expect(try HTTPExchange.get("/sweeps/99", port: port).status == 404)
        #expect(try HTTPExchange.get("/../../etc/passwd", port: port).status == 404)
        #expect(try HTTPExchange.get("/?sort=no_such_column", port: port).status == 400)
        // DNS rebinding: a page from another name must not read the experiments.
        #expect(try HTTPExchange.get("/", port: port, host: "evil.example:\(port)").status == 403)
        let head = try HTTPExchange.get("/", port: port, method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(try HTTPExchange.get("/", port: port, method: "POST").status == 405)
        #expect(try HTTPExchange.get("/", port: port, method: "DELETE").status == 405)
        let huge = "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Big: \(String(repeating: "a", count: 20_000))\r\n\r\n"
        #expect(try HTTPExchange.send(huge, port: port).status == 431)
    }

    /// The run page keeps the best epoch and the kept epoch apart: a run
    /// that trained to its last epoch keeps the last epoch's weights, whatever
    /// its best epoch was.
    @Test func theRunPageSaysWhichEpochsWeightsWereKept() throws {
        let fixture = try DashboardFixture()
        let runs = try fixture.seedRuns(weightDecays: [0], seeds: 1, epochs: 20)
        let store = try fixture.openStore()
        try store.setBestStep(runs[0].id, step: 7)
        store.close()
        let server = try UIServerProcess(database: fixture.path)
        defer { _ = server.stop() }
        let page = try HTTPExchange.get("/runs/\(runs[0].name)", port: server.port).body
        #expect(page.contains("<dt>best epoch</dt><dd>7 "))
        #expect(page.contains("<dt>kept epoch</dt><dd>20 <span class=\"note\">(its weights are the model: the last epoch's)"))
    }

    /// On a store many machines share, a run says which machine ran it.
    @Test func theRunPageNamesTheHostAndPid() throws {
        let fixture = try DashboardFixture()
        let runs = try fixture.seedRuns(weightDecays: [0], seeds: 1, epochs: 3)
        let store = try fixture.openStore()
        try store.database.execute("UPDATE runs SET host = 'node-7', pid = 4242 WHERE id = ?", runs[0].id)
        store.close()
        let server = try UIServerProcess(database: fixture.path)
        defer { _ = server.stop() }
        let page = try HTTPExchange.get("/runs/\(runs[0].name)", port: server.port).body
        #expect(page.contains("<dt>host</dt><dd>node-7, pid 4242</dd>"))
    }

    @Test func jsonShapes() throws {
        let fixture = try DashboardFixture()
        let runs = try fixture.seedRuns(weightDecays: [0, 1e-3], seeds: 2, epochs: 12)
        let server = try UIServerProcess(database: fixture.path)
        defer { _ = server.stop() }
        let listing = try HTTPExchange.get("/api/runs?sort=val_loss", port: server.port)
        #expect(listing.headers["content-type"] == "application/json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(listing.body.utf8)) as? [String: Any])
        #expect(object["total"] as? Int == runs.count)
        let rows = try #require(object["runs"] as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["run"] as? String }) == Set(runs.map(\.name)))
        #expect(object["differing_params"] as? [String] == ["seed", "wd"])
        let losses = rows.compactMap { $0["val_loss"] as? Double }
        #expect(losses == losses.sorted())

        let metrics = try HTTPExchange.get("/api/runs/\(runs[0].name)/metrics?after=9&smooth=0.5", port: server.port)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(metrics.body.utf8)) as? [String: Any])
        #expect(answer["status"] as? String == "finished")
        #expect(answer["last_step"] as? Int == 12)
        let all = try #require(answer["metrics"] as? [String: [String: [Any]]])
        let val = try #require(all["val_loss"])
        #expect(val["steps"] as? [Int] == [10, 11, 12])
        #expect(val["values"]?.count == 3)
        #expect(val["smoothed"]?.count == 3)
        // Without smoothing only the new points are read; the answer has the same shape.
        let raw = try HTTPExchange.get("/api/runs/\(runs[0].name)/metrics?after=10&family=loss", port: server.port)
        let rawAnswer = try #require(try JSONSerialization.jsonObject(with: Data(raw.body.utf8)) as? [String: Any])
        let rawMetrics = try #require(rawAnswer["metrics"] as? [String: [String: [Any]]])
        #expect(Set(rawMetrics.keys) == ["train_loss", "val_loss"])
        #expect(rawMetrics["val_loss"]?["steps"] as? [Int] == [11, 12])
        #expect(rawMetrics["val_loss"]?["smoothed"] as? [Double] == rawMetrics["val_loss"]?["values"] as? [Double])
        #expect(try HTTPExchange.get("/api/runs/\(runs[0].name)/metrics?after=x", port: server.port).status == 400)
        #expect(try HTTPExchange.get("/api/runs/nobody/metrics", port: server.port).status == 404)
    }

    /// Filter values with quotes and SQL reach SQLite bound: they match
    /// nothing, break nothing, and the runs are all still there afterwards.
    @Test func filterValuesAreBoundNeverSpliced() throws {
        let fixture = try DashboardFixture()
        let runs = try fixture.seedRuns(weightDecays: [0], seeds: 2, epochs: 3)
        let server = try UIServerProcess(database: fixture.path)
        defer { _ = server.stop() }
        func total(_ query: String) throws -> Int? {
            let answer = try HTTPExchange.get("/api/runs?" + query, port: server.port)
            return (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])?["total"] as? Int
        }
        #expect(try total("group=x%27%20OR%20%271%27%3D%271") == 0)  // x' OR '1'='1
        #expect(try total("tag=%22%3B%20DROP%20TABLE%20runs%3B%20--") == 0)  // "; DROP TABLE runs; --
        #expect(try total("dataset=%27)%20OR%201%3D1%20--") == 0)
        // optimizer=x' OR 1 --: OR joins conditions as in --where, and "1 --" is no condition.
        #expect(try HTTPExchange.get("/api/runs?where=optimizer%3Dx%27%20OR%201%20--", port: server.port).status == 400)
        #expect(try total("where=optimizer%3D%22x%27%22%20OR%20wd%3D7") == 0)  // optimizer="x'" OR wd=7
        // A condition that cannot be read is refused with the fix, not run.
        #expect(try total("where=wd%3D%27%20OR%201%3D1%20--") == 0)  // wd=' OR 1=1 --: two bound conditions, no match
        let refused = try HTTPExchange.get("/api/runs?where=wd%3E%3E1", port: server.port)  // wd>>1
        #expect(refused.status == 400)
        #expect(refused.body.contains("KEY OP VALUE"))
        #expect(try total("group=grid") == runs.count)
        let html = try HTTPExchange.get("/?group=%3Cscript%3Ealert(1)%3C%2Fscript%3E", port: server.port)
        #expect(html.status == 200)
        #expect(!html.body.contains("<script>alert(1)"))
        #expect(try total("") == runs.count)
    }

    @Test func concurrentClientsAllAnswered() throws {
        let fixture = try DashboardFixture()
        let runs = try fixture.seedRuns(weightDecays: [0, 1e-3], seeds: 2, epochs: 20)
        let server = try UIServerProcess(database: fixture.path)
        defer { _ = server.stop() }
        let port = server.port
        let targets = ["/", "/runs/\(runs[1].name)", "/api/runs/\(runs[2].name)/metrics?after=10", "/group?by=wd"]
        let statuses = ConcurrentList<Int>()
        DispatchQueue.concurrentPerform(iterations: 12) { client in
            for request in 0..<6 {
                let status = (try? HTTPExchange.get(targets[(client + request) % targets.count], port: port).status) ?? -1
                statuses.append(status)
            }
        }
        #expect(statuses.values.count == 72)
        #expect(statuses.values.allSatisfy { $0 == 200 })
    }
}

/// A list several threads append to.
final class ConcurrentList<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Element] = []
    func append(_ item: Element) { lock.lock(); items.append(item); lock.unlock() }
    var values: [Element] { lock.lock(); defer { lock.unlock() }; return items }
}
