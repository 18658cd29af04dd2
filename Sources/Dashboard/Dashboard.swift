import Foundation
import HTTPServer
import TrackerStore

/// The `tracker ui` pages and JSON over one database file or PostgreSQL
/// store, as an HTTP handler.
///
/// Every request borrows a read-only connection and runs its queries in one
/// read transaction (BEGIN ... COMMIT), so it sees one consistent snapshot
/// and holds nothing between requests: a dashboard left open for hours never
/// keeps the WAL from being checkpointed and never makes a trainer wait.
/// Live pages poll for the points after the last one they have; each poll is
/// such a fresh read on either backend, so no change counter (SQLite's
/// data_version) is needed to notice new data, on PostgreSQL neither.
public final class Dashboard: Sendable {
    let pool: StorePool
    let analysis: any DashboardAnalysis
    let databaseName: String

    /// Opens one read-only connection at once so that a missing file, an
    /// unreachable server, a schema without a store or an old schema is
    /// reported now, in one line, not on the first page. `databasePath` is a
    /// file or a `postgresql://` URL; pages show the URL without its password.
    public init(databasePath: String, analysis: any DashboardAnalysis) throws {
        let isServer = StoreBackend(location: databasePath) == .postgresql
        guard isServer || FileManager.default.fileExists(atPath: databasePath) else {
            throw DashboardError("no database at \(databasePath); pass --db PATH or train a run first ('tracker train ...')")
        }
        self.pool = StorePool(path: databasePath)
        self.analysis = analysis
        self.databaseName = try pool.withStore { $0.database.displayName }
    }

    public func close() {
        pool.closeAll()
    }

    /// Answers one request; never throws: a failure becomes a page saying what went wrong.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let segments = request.pathSegments
        if segments.first == "assets" { return asset(segments) }
        do {
            return try pool.withStore { store in
                try store.read { try route(segments, request, store) }
            }
        } catch let error as DashboardError where error.status == 404 {
            return wantsJSON(segments) ? .json(JSONText.object([("error", JSONText.string(error.message))]), status: 404)
                : .html(PageLayout.message("Not found", error.message, databaseName: databaseName), status: 404)
        } catch let error as DashboardError {
            return wantsJSON(segments) ? .json(JSONText.object([("error", JSONText.string(error.message))]), status: error.status)
                : .html(PageLayout.message("Cannot show this", error.message, databaseName: databaseName), status: error.status)
        } catch {
            let message = "\(error)"
            return wantsJSON(segments) ? .json(JSONText.object([("error", JSONText.string(message))]), status: 500)
                : .html(PageLayout.message("Error", message, databaseName: databaseName), status: 500)
        }
    }

    private func wantsJSON(_ segments: [String]) -> Bool { segments.first == "api" }

    private func route(_ segments: [String], _ request: HTTPRequest, _ store: Store) throws -> HTTPResponse {
        let context = PageContext(store: store, request: request, analysis: analysis, databaseName: databaseName)
        switch segments.count {
        case 0:
            return .html(try RunsPage(context).render())
        case 1:
            switch segments[0] {
            case "compare": return .html(try ComparePage(context).render())
            case "group": return .html(try GroupPage(context).render())
            default: break
            }
        case 2:
            switch segments[0] {
            case "runs": return .html(try RunPage(context, reference: segments[1]).render())
            case "sweeps": return .html(try SweepPage(context, reference: segments[1]).render())
            case "lineage": return .html(try LineagePage(context, reference: segments[1]).render())
            case "api" where segments[1] == "runs": return .json(try RunsPage(context).json())
            default: break
            }
        case 4 where segments[0] == "api" && segments[1] == "runs":
            let page = try RunPage(context, reference: segments[2])
            switch segments[3] {
            case "metrics": return .json(try page.metricsJSON())
            case "figure": return HTTPResponse(contentType: "image/svg+xml", body: Array(try page.figure().utf8))
            default: break
            }
        default:
            break
        }
        throw DashboardError.notFound("no page at \(request.path); the pages are /, /runs/NAME, /compare?runs=a,b, /sweeps/ID, /lineage/ID and /group?by=PARAM")
    }

    private func asset(_ segments: [String]) -> HTTPResponse {
        // Cached briefly: they change only with the binary.
        switch segments.dropFirst().first {
        case "style.css" where segments.count == 2:
            return HTTPResponse(contentType: "text/css; charset=utf-8", body: Array(Assets.style.utf8), cacheControl: "max-age=300")
        case "app.js" where segments.count == 2:
            return HTTPResponse(contentType: "application/javascript", body: Array(Assets.script.utf8), cacheControl: "max-age=300")
        default:
            return .notFound("No such asset; the dashboard serves /assets/style.css and /assets/app.js.")
        }
    }
}

/// What a page needs: the request's store (inside its read transaction),
/// the request itself, and the analyses.
struct PageContext {
    let store: Store
    let request: HTTPRequest
    let analysis: any DashboardAnalysis
    let databaseName: String

    func page(title: String, body: String) -> String {
        PageLayout.page(title: title, body: body, databaseName: databaseName)
    }

    /// A query value, trimmed; nil when absent or empty.
    func value(_ name: String) -> String? {
        guard let value = request.queryValue(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}

/// A request the dashboard cannot answer, with its HTTP status.
struct DashboardError: Error, CustomStringConvertible {
    let message: String
    let status: Int

    init(_ message: String, status: Int = 400) {
        self.message = message
        self.status = status
    }

    static func notFound(_ message: String) -> DashboardError { DashboardError(message, status: 404) }

    var description: String { message }
}
