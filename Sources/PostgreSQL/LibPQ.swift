import Glibc

/// The few libpq functions this module calls, loaded at run time.
///
/// libpq is opened with `dlopen` when a PostgreSQL connection is first made,
/// not linked: building and running tracker on SQLite never needs libpq
/// (neither `libpq-dev` to build nor `libpq5` to run), and a copied binary
/// still runs on a machine without it. The signatures below are libpq-fe.h's,
/// written as `@convention(c)` types; libpq's ABI has been stable since
/// soname 5 (PostgreSQL 8.x), and every function here exists since 9.x.
///
/// Sendable: every member is an immutable C function pointer into a library
/// that is never unloaded, so sharing the table across threads is safe.
public final class LibPQ: @unchecked Sendable {
    /// The names tried, in order, when none are given.
    public static let defaultLibraryNames = ["libpq.so.5", "libpq.so"]

    typealias NoticeProcessor = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void

    let connectdb: @convention(c) (UnsafePointer<CChar>) -> OpaquePointer?
    let status: @convention(c) (OpaquePointer?) -> Int32
    let errorMessage: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    let finish: @convention(c) (OpaquePointer?) -> Void
    let reset: @convention(c) (OpaquePointer?) -> Void
    let exec: @convention(c) (OpaquePointer?, UnsafePointer<CChar>) -> OpaquePointer?
    let prepare: @convention(c) (
        OpaquePointer?, UnsafePointer<CChar>, UnsafePointer<CChar>, Int32, UnsafePointer<UInt32>?
    ) -> OpaquePointer?
    let execPrepared: @convention(c) (
        OpaquePointer?, UnsafePointer<CChar>, Int32,
        UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32
    ) -> OpaquePointer?
    let resultStatus: @convention(c) (OpaquePointer?) -> Int32
    let resultErrorField: @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
    let resultErrorMessage: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    let ntuples: @convention(c) (OpaquePointer?) -> Int32
    let nfields: @convention(c) (OpaquePointer?) -> Int32
    let fname: @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
    let ftype: @convention(c) (OpaquePointer?, Int32) -> UInt32
    let getvalue: @convention(c) (OpaquePointer?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
    let getisnull: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    let getlength: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    let cmdTuples: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    let clear: @convention(c) (OpaquePointer?) -> Void
    let setNoticeProcessor: @convention(c) (OpaquePointer?, NoticeProcessor?, UnsafeMutableRawPointer?) -> NoticeProcessor?
    let transactionStatus: @convention(c) (OpaquePointer?) -> Int32
    let serverVersion: @convention(c) (OpaquePointer?) -> Int32
    let socket: @convention(c) (OpaquePointer?) -> Int32

    // Values of libpq-fe.h's enums and postgres_ext.h's macros.
    static let connectionOK: Int32 = 0                  // ConnStatusType CONNECTION_OK
    static let emptyQuery: Int32 = 0                    // ExecStatusType PGRES_EMPTY_QUERY
    static let commandOK: Int32 = 1                     // PGRES_COMMAND_OK
    static let tuplesOK: Int32 = 2                      // PGRES_TUPLES_OK
    static let fatalError: Int32 = 7                    // PGRES_FATAL_ERROR
    static let transactionIdle: Int32 = 0               // PGTransactionStatusType PQTRANS_IDLE
    static let transactionInError: Int32 = 3            // PQTRANS_INERROR
    static let fieldSQLState = Int32(UInt8(ascii: "C"))         // PG_DIAG_SQLSTATE
    static let fieldMessage = Int32(UInt8(ascii: "M"))          // PG_DIAG_MESSAGE_PRIMARY
    static let fieldDetail = Int32(UInt8(ascii: "D"))           // PG_DIAG_MESSAGE_DETAIL

    /// The library under its default names, loaded once per process.
    private static let standard = Result { try LibPQ(libraryNames: defaultLibraryNames) }

    /// Loads libpq from the first of `libraryNames` that `dlopen` finds; the
    /// default names are loaded once and shared. Throws a one-line error
    /// naming the Debian package when none is found.
    public static func load(libraryNames: [String] = defaultLibraryNames) throws -> LibPQ {
        if libraryNames == defaultLibraryNames { return try standard.get() }
        return try LibPQ(libraryNames: libraryNames)
    }

    private init(libraryNames: [String]) throws {
        // dlopen keeps the library for the life of the process: nothing here
        // calls dlclose, so the function pointers never dangle.
        guard let handle = libraryNames.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            let wanted = libraryNames.first ?? "libpq.so.5"
            throw PostgresError.client(
                "PostgreSQL support needs the client library \(wanted): install it with `apt-get install libpq5`")
        }
        let library = libraryNames.first ?? "libpq"
        func symbol<F>(_ name: String, as type: F.Type = F.self) throws -> F {
            guard let address = dlsym(handle, name) else {
                throw PostgresError.client(
                    "the client library \(library) lacks \(name): install a current one with `apt-get install libpq5`")
            }
            return unsafeBitCast(address, to: F.self)
        }
        connectdb = try symbol("PQconnectdb")
        status = try symbol("PQstatus")
        errorMessage = try symbol("PQerrorMessage")
        finish = try symbol("PQfinish")
        reset = try symbol("PQreset")
        exec = try symbol("PQexec")
        prepare = try symbol("PQprepare")
        execPrepared = try symbol("PQexecPrepared")
        resultStatus = try symbol("PQresultStatus")
        resultErrorField = try symbol("PQresultErrorField")
        resultErrorMessage = try symbol("PQresultErrorMessage")
        ntuples = try symbol("PQntuples")
        nfields = try symbol("PQnfields")
        fname = try symbol("PQfname")
        ftype = try symbol("PQftype")
        getvalue = try symbol("PQgetvalue")
        getisnull = try symbol("PQgetisnull")
        getlength = try symbol("PQgetlength")
        cmdTuples = try symbol("PQcmdTuples")
        clear = try symbol("PQclear")
        setNoticeProcessor = try symbol("PQsetNoticeProcessor")
        transactionStatus = try symbol("PQtransactionStatus")
        serverVersion = try symbol("PQserverVersion")
        socket = try symbol("PQsocket")
    }
}
