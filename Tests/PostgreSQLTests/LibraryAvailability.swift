import PostgresTestSupport
@testable import PostgreSQL

extension TestServer {
    /// Whether libpq loads here: its loading tests need it, or CI.
    static let isLibraryAvailable = (try? LibPQ.load()) != nil
}
