/// A request the server answers itself, without calling the handler: the
/// status, one line saying why, and whether the connection must close
/// because what follows on it can no longer be framed.
struct RequestRejection: Error, Equatable {
    let status: Int
    let reason: String
    var headers: [HeaderField] = []
    var closesConnection = false

    struct HeaderField: Equatable {
        let name: String
        let value: String
    }

    static func badRequest(_ reason: String, closesConnection: Bool = true) -> RequestRejection {
        RequestRejection(status: 400, reason: reason, closesConnection: closesConnection)
    }

    var response: HTTPResponse {
        HTTPResponse(
            status: status, body: Array((reason + "\n").utf8),
            headers: headers.map { (name: $0.name, value: $0.value) }
        )
    }
}
