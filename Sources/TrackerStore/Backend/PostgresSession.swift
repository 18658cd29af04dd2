import Foundation
import PostgreSQL

/// A store's PostgreSQL session, shared by its statements: the connection,
/// how to set a new session up, and the rows the last statement changed.
///
/// The session can go away under the store (a server restart, a dropped
/// network, `pg_terminate_backend`). `reconnect` opens a new one in its
/// place, set up as the first; statements stay valid (they are prepared
/// again on first use). Who may then run again decides who calls it: a
/// transaction lost before COMMIT (`Store.write`, `Store.read`), or a single
/// query outside any transaction (`PostgresStatement.run`).
final class PostgresSession {
    let connection: PostgresConnection
    /// What every session of the store is set up with (a lock timeout, read-only mode).
    private let setup: (PostgresConnection) throws -> Void
    /// Rows inserted, updated or deleted by the last statement.
    var changes = 0

    init(connection: PostgresConnection, setup: @escaping (PostgresConnection) throws -> Void) {
        self.connection = connection
        self.setup = setup
    }

    /// A restarting server refuses connections for a few seconds, so this
    /// tries for about twelve seconds (pauses doubling from 0.1 s) before it gives up.
    func reconnect() throws {
        var pause = 0.1
        while true {
            do {
                try connection.reconnect()
                try setup(connection)
                return
            } catch let error as PostgresError where error.isConnectionFailure && pause < Self.patience {
                usleep(UInt32(pause * 1_000_000))
                pause *= 2
            }
        }
    }

    /// Reconnection stops trying when its next pause would be this long (seconds): the pauses before it add up to 12.7 s.
    static let patience = 12.8
}
