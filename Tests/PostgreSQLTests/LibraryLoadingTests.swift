import PostgresTestSupport
import Testing
@testable import PostgreSQL

/// These need no server: loading libpq and refusing to connect.
@Suite("Loading libpq and connection errors")
struct LibraryLoadingTests {
    @Test func missingLibraryNamesThePackageToInstall() throws {
        let error = try #require(throws: PostgresError.self) {
            _ = try PostgresConnection(url: "postgresql://nobody@127.0.0.1/none", libraryNames: ["libpq-absent-for-test.so.5"])
        }
        #expect(error.isClientError)
        #expect(error.description
            == "PostgreSQL support needs the client library libpq-absent-for-test.so.5: install it with `apt-get install libpq5`")
    }

    @Test(.enabled(if: TestServer.isLibraryAvailable || TestServer.isCI, "libpq.so.5 is not installed"))
    func unreachableServerErrorIsOneLineWithoutThePassword() throws {
        // Port 1 on loopback: nothing listens, so the connection is refused at once.
        let error = try #require(throws: PostgresError.self) {
            _ = try PostgresConnection(url: "postgresql://alice:s3cret-pw@127.0.0.1:1/tracker")
        }
        #expect(error.sqlState == "08001")
        #expect(error.isConnectionFailure)
        #expect(error.description.hasPrefix("PostgreSQL error 08001 (sqlclient_unable_to_establish_sqlconnection): could not connect to postgresql://alice:***@127.0.0.1:1/tracker: "))
        #expect(!error.description.contains("s3cret-pw"))
        #expect(!error.description.contains("\n"))
    }

    @Test(.enabled(if: TestServer.isLibraryAvailable || TestServer.isCI, "libpq.so.5 is not installed"))
    func keyValueConnectionStringErrorHidesPassword() throws {
        let error = try #require(throws: PostgresError.self) {
            _ = try PostgresConnection(url: "host=127.0.0.1 port=notaport password=hunter2 user=bob")
        }
        #expect(!error.description.contains("hunter2"))
        #expect(error.description.contains("password=***"))
    }

    @Test func passwordQuotedInAMessageIsBlanked() {
        let url = "postgresql://bob:hunter2@db/tracker"
        #expect(ConnectionURL.scrub(#"invalid value "hunter2" here"#, passwordsOf: url) == #"invalid value "***" here"#)
    }

    @Test(arguments: [
        ("postgresql://alice:secret@db.example:5432/tracker", "postgresql://alice:***@db.example:5432/tracker"),
        ("postgres://alice:p%40ss@db/tracker?sslmode=require", "postgres://alice:***@db/tracker?sslmode=require"),
        ("postgresql://alice@db/tracker", "postgresql://alice@db/tracker"),
        ("postgresql://db/tracker?user=alice&password=secret&sslmode=require", "postgresql://db/tracker?user=alice&password=***&sslmode=require"),
        ("host=db user=alice password='se cret' dbname=t", "host=db user=alice password=*** dbname=t"),
        ("host=db password = secret", "host=db password = ***"),
        ("postgresql:///tracker?host=/tmp/pg&port=5432", "postgresql:///tracker?host=/tmp/pg&port=5432"),
    ])
    func redactionHidesEveryPassword(url: String, shown: String) {
        #expect(ConnectionURL.redacted(url) == shown)
    }
}
