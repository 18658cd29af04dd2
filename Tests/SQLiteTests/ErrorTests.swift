import Testing
@testable import SQLite

@Suite("Errors carry code, message and SQL")
struct ErrorTests {
    @Test func syntaxErrorCarriesMessageAndSQL() throws {
        let database = try Database.inMemory()
        let error = #expect(throws: SQLiteError.self) { try database.prepare("SELEC 1") }
        #expect(error?.code == 1)  // SQLITE_ERROR
        #expect(error?.message.contains("syntax error") == true)
        #expect(error?.sql == "SELEC 1")
        #expect(error?.description == "SQLite error 1: near \"SELEC\": syntax error - while executing `SELEC 1`")
    }

    @Test func uniqueViolationIsDistinguishable() throws {
        let database = try Database.inMemory()
        try database.execute("CREATE TABLE runs (name TEXT UNIQUE) STRICT")
        try database.execute("INSERT INTO runs (name) VALUES (?)", "brave-otter-1")
        let error = #expect(throws: SQLiteError.self) {
            try database.execute("INSERT INTO runs (name) VALUES (?)", "brave-otter-1")
        }
        #expect(error?.code == 19)
        #expect(error?.extendedCode == 2067)
        #expect(error?.isConstraintViolation == true)
        #expect(error?.isUniqueViolation == true)
        #expect(error?.isBusy == false)
        #expect(error?.description.hasPrefix("SQLite error 19: UNIQUE constraint failed: runs.name - while executing `INSERT") == true)
        // Bound values stay out of the text.
        #expect(error?.description.contains("brave-otter-1") == false)
    }

    @Test func checkForeignKeyAndNotNullViolations() throws {
        let database = try Database.inMemory()
        try database.execute("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
            CREATE TABLE child (
                parent_id INTEGER NOT NULL REFERENCES parent (id),
                status TEXT CHECK (status IN ('running', 'finished'))
            ) STRICT;
            """)
        let foreignKey = #expect(throws: SQLiteError.self) {
            try database.execute("INSERT INTO child (parent_id, status) VALUES (?, ?)", 99, "running")
        }
        #expect(foreignKey?.isForeignKeyViolation == true)
        let check = #expect(throws: SQLiteError.self) {
            try database.execute("INSERT INTO parent (id) VALUES (1); INSERT INTO child (parent_id, status) VALUES (1, 'walking')")
        }
        #expect(check?.isCheckViolation == true)
        #expect(check?.sql == "INSERT INTO child (parent_id, status) VALUES (1, 'walking')")
        let notNull = #expect(throws: SQLiteError.self) {
            try database.execute("INSERT INTO child (parent_id, status) VALUES (?, ?)", SQLiteValue.null, "running")
        }
        #expect(notNull?.isNotNullViolation == true)
    }

    @Test func strictTableRejectsWrongType() throws {
        let database = try Database.inMemory()
        try database.execute("CREATE TABLE t (n INTEGER) STRICT")
        let error = #expect(throws: SQLiteError.self) { try database.execute("INSERT INTO t VALUES (?)", "not a number") }
        #expect(error?.isConstraintViolation == true)
    }

    @Test func scriptStopsAtTheFailingStatementAndNamesIt() throws {
        let database = try Database.inMemory()
        let error = #expect(throws: SQLiteError.self) {
            try database.execute("CREATE TABLE a (x); INSERT INTO missing VALUES (1); CREATE TABLE b (y)")
        }
        #expect(error?.message == "no such table: missing")
        #expect(error?.sql == "INSERT INTO missing VALUES (1)")
        #expect(try database.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'a'", as: Int.self) == 1)
        #expect(try database.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'b'", as: Int.self) == 0)
    }

    @Test func prepareRefusesSeveralStatements() throws {
        let database = try Database.inMemory()
        #expect(throws: SQLiteError.self) { try database.prepare("SELECT 1; SELECT 2") }
        #expect(throws: SQLiteError.self) { try database.prepare("  -- only a comment") }
    }

    @Test func closedDatabaseRefusesWork() throws {
        let database = try Database.inMemory()
        database.close()
        #expect(database.isClosed)
        let error = #expect(throws: SQLiteError.self) { try database.execute("SELECT 1") }
        #expect(error?.message.contains("closed") == true)
        database.close()  // twice is fine
    }

    @Test func statementOutlivingItsClosedDatabaseIsSafe() throws {
        let database = try Database.inMemory()
        let statement = try database.prepare("SELECT 41 + 1")
        database.close()
        // sqlite3_close_v2 keeps the connection until its last statement goes.
        #expect(try statement.firstRow { try $0.column(0, as: Int.self) } == 42)
    }
}
