import CSQLite

/// A view of the current result row; valid only inside the closure it is passed to.
///
/// Columns are numbered from 0. Reading `NULL` through a non-optional accessor gives SQLite's
/// conversion (`0`, `""`, `[]`); use the optional accessors or `isNull` where `NULL` means something.
public struct Row {
    private let statement: OpaquePointer

    init(_ statement: Statement) {
        self.statement = statement.handle
    }

    /// The number of columns in the row.
    public var columnCount: Int32 { sqlite3_column_count(statement) }

    /// The column as a 64-bit integer (`0` for `NULL`).
    public func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }

    /// The column as an `Int` (`0` for `NULL`).
    public func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(statement, column))
    }

    /// The column as a double (`0` for `NULL`).
    public func double(_ column: Int32) -> Double {
        sqlite3_column_double(statement, column)
    }

    /// The column as UTF-8 text (`""` for `NULL`); invalid UTF-8 is repaired with U+FFFD.
    public func text(_ column: Int32) -> String {
        // column_text must come before column_bytes, or the byte count may describe another encoding.
        guard let base = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// The column as bytes (`[]` for `NULL` and for a zero-length blob).
    public func blob(_ column: Int32) -> [UInt8] {
        guard let base = sqlite3_column_blob(statement, column) else { return [] }
        let count = Int(sqlite3_column_bytes(statement, column))
        return Array(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// The column as a 64-bit integer, or `nil` for `NULL`.
    public func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    /// The column as text, or `nil` for `NULL`.
    public func optionalText(_ column: Int32) -> String? {
        isNull(column) ? nil : text(column)
    }

    /// The column as bytes, or `nil` for `NULL`.
    public func optionalBlob(_ column: Int32) -> [UInt8]? {
        isNull(column) ? nil : blob(column)
    }

    /// Whether the column holds `NULL`.
    public func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_NULL
    }

    /// The column as stored, with its SQLite type.
    public func value(_ column: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(int64(column))
        case SQLITE_FLOAT: return .real(double(column))
        case SQLITE_TEXT: return .text(text(column))
        case SQLITE_BLOB: return .blob(blob(column))
        default: return .null
        }
    }
}
