import Foundation
internal import GRDB
internal import GRDBSQLite

/// Direct column access for the hot loops (replay, verify): no `Row`, `String` or `Data` per column.
///
/// GRDB's cursor steps the statement and reports errors; the body reads the
/// current row's columns straight from SQLite's buffers, valid only until
/// the next step.
///
/// ```swift
/// try statement.forEachRawRow { row in
///     let seq = row.int64(0)
///     row.withBytes(1) { payload in … }
/// }
/// ```
extension Statement {
    /// Calls `body` with each result row of the statement (with its current arguments).
    func forEachRawRow(_ body: (RawRow) throws -> Void) throws {
        let cursor = try Row.fetchCursor(self)
        let row = RawRow(statement: sqliteStatement)
        while try cursor.next() != nil { try body(row) }
    }
}

/// The current row of a stepping statement; valid only inside ``Statement/forEachRawRow(_:)``.
struct RawRow {
    let statement: SQLiteStatement

    /// The integer in column `index`.
    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(statement, index) }

    /// Whether column `index` is NULL.
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(statement, index) == SQLITE_NULL }

    /// Whether column `index` holds an integer.
    func isInteger(_ index: Int32) -> Bool { sqlite3_column_type(statement, index) == SQLITE_INTEGER }

    /// Whether column `index` holds text.
    func isText(_ index: Int32) -> Bool { sqlite3_column_type(statement, index) == SQLITE_TEXT }

    /// The text or blob bytes of column `index` (empty for NULL), valid until the next step.
    func bytes(_ index: Int32) -> UnsafeRawBufferPointer {
        // Ask for the pointer first, then the size, as SQLite documents.
        let pointer = sqlite3_column_blob(statement, index)
        let count = Int(sqlite3_column_bytes(statement, index))
        return UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count)
    }

    /// The text bytes of column `index` (empty for NULL, numbers as SQLite prints them), valid until the next step.
    func text(_ index: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let text = sqlite3_column_text(statement, index) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, index)))
    }

    /// The text of column `index` as a String (nil for NULL).
    func string(_ index: Int32) -> String? {
        guard let text = sqlite3_column_text(statement, index) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }
}

/// Binding and stepping a write statement without boxing each argument (the import's inner loop).
///
/// The statement is GRDB's (prepared and cached by it, inside a transaction
/// GRDB opened); only the per-row binding and stepping go straight to SQLite.
struct RawWrite {
    let statement: SQLiteStatement
    let connection: SQLiteConnection

    init(_ statement: Statement, _ db: Database) {
        self.statement = statement.sqliteStatement
        self.connection = db.sqliteConnection!
        sqlite3_reset(self.statement)
        sqlite3_clear_bindings(self.statement)
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(statement, index, value) }

    func bind(_ index: Int32, _ text: String?) {
        guard var text else { sqlite3_bind_null(statement, index); return }
        text.withUTF8 { utf8 in
            // SQLITE_TRANSIENT: SQLite copies the bytes before withUTF8 returns.
            let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
            if let base = utf8.baseAddress, utf8.count > 0 {
                _ = sqlite3_bind_text(statement, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(utf8.count), transient)
            } else {
                _ = sqlite3_bind_text(statement, index, "", 0, transient)
            }
        }
    }

    /// Binds text that stays valid and unchanged until the next ``step()`` (SQLite does not copy it).
    func bindStatic(_ index: Int32, _ text: UnsafeBufferPointer<UInt8>) {
        guard let base = text.baseAddress, text.count > 0 else { bind(index, ""); return }
        // A nil destructor is SQLITE_STATIC: SQLite reads the caller's bytes during the step.
        _ = sqlite3_bind_text(statement, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(text.count), nil)
    }

    /// Runs the statement once with the bound values, then resets it.
    func step() throws {
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            let error = DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                                      message: String(cString: sqlite3_errmsg(connection)), sql: String(cString: sqlite3_sql(statement)))
            sqlite3_reset(statement)
            throw error
        }
        sqlite3_reset(statement)
    }
}
