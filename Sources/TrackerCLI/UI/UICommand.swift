import Foundation
import Dashboard
import HTTPServer
#if canImport(Glibc)
import Glibc
#endif

/// `tracker ui`: a live dashboard over the database, in the browser.
public enum UICommand: Command {
    static let port = OptionSpec("port", valueName: "port", help: "The port to listen on; 0 or absent picks a free one.", defaultValue: "0")
    static let host = OptionSpec(
        "host", valueName: "address",
        help: "The address to bind. 127.0.0.1 (the default) is this machine only; 0.0.0.0 lets anyone on the network read the experiments.",
        defaultValue: "127.0.0.1")
    static let open = OptionSpec.flag("open", help: "Open the dashboard in the default browser (xdg-open), when there is one.")

    public static let spec = CommandSpec(
        name: "ui",
        abstract: "Serve a live dashboard of the runs in the browser (read-only).",
        discussion: """
            Prints the dashboard's address as the first line, then serves until Ctrl-C or SIGTERM. \
            Pages: the runs (filter, sort, the params that differ), one run (curves that update while \
            it trains, params, checkpoints, the diagnosis), compare, a sweep (heat map, parallel \
            coordinates), lineage and group-by-param with mean ± sd bands over seeds. The database is \
            opened read-only and each request is one short read, so training never waits for the dashboard.
            """,
        options: [CommonOptions.database, port, host, open],
        examples: [
            Example("tracker ui", "Serve the dashboard on a free port of 127.0.0.1."),
            Example("tracker ui --port 8080 --open", "On port 8080, opening the browser."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let path = try CommonOptions.databasePath(arguments, environment: context.environment)
        try DatabaseFile.requireExisting(path)
        let portNumber = try arguments.value(Self.port.name, as: Int.self, in: .between(0, 65535)) ?? 0
        let address = arguments.string(Self.host.name) ?? "127.0.0.1"
        let dashboard = try Dashboard(databasePath: path, analysis: CLIDashboardAnalysis())
        let shown = DatabaseName.shown(path)
        defer { dashboard.close() }

        // SIGINT and SIGTERM are blocked before any server thread exists (threads
        // inherit the mask) and taken with sigwait below: no handler runs.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        defer { pthread_sigmask(SIG_UNBLOCK, &signals, nil) }

        let server = HTTPServer(configuration: HTTPServerConfiguration(host: address, port: portNumber)) { request in
            dashboard.handle(request)
        }
        do {
            try server.start()
        } catch {
            throw CommandFailure("\(error)")
        }
        let url = "http://\(address == "0.0.0.0" ? "127.0.0.1" : address):\(server.port ?? portNumber)/"
        context.print(url)
        if address == "0.0.0.0" {
            context.printError("Warning: listening on every interface (0.0.0.0): anyone on the network can read the experiments in \(shown).")
        } else {
            context.printError("Serving \(shown) read-only on \(address) only. Ctrl-C stops.")
        }
        if arguments.isSet(Self.open.name) { openBrowser(url, environment: context.environment) }

        var received: Int32 = 0
        sigwait(&signals, &received)
        server.stop()
        context.printError("Stopped.")
    }

    /// Runs xdg-open when it is on the PATH; a machine without one just keeps serving.
    static func openBrowser(_ url: String, environment: [String: String]) {
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let opener = directories.map({ "\($0)/xdg-open" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
