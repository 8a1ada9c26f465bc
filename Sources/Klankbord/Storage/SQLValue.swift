/// A value bound to or read from SQL.
///
/// - Warning: Bound values may be secrets. Never log a `SQLValue` or put one in an error.
public enum SQLValue: Sendable, Equatable {
    /// A 64-bit signed integer (SQLite `INTEGER`).
    case integer(Int64)
    /// An IEEE 754 double (SQLite `REAL`).
    case real(Double)
    /// UTF-8 text (SQLite `TEXT`).
    case text(String)
    /// Bytes (SQLite `BLOB`); an empty array is stored as a zero-length blob, never as `NULL`.
    case blob([UInt8])
    /// SQL `NULL`.
    case null
}

extension SQLValue {
    /// An identifier or sequence number from the wire. Values past Int64's range become Int64.max, never a
    /// negative number: `seq > huge` then matches nothing (not everything), and no stored id is that large.
    public static func id(_ value: UInt64) -> SQLValue { .integer(Int64(clamping: value)) }

    /// An integer value.
    public init(_ v: Int) { self = .integer(Int64(v)) }

    /// An integer value.
    public init(_ v: Int64) { self = .integer(v) }

    /// A real value.
    public init(_ v: Double) { self = .real(v) }

    /// `1` for true, `0` for false: SQLite has no boolean type.
    public init(_ v: Bool) { self = .integer(v ? 1 : 0) }

    /// A text value.
    public init(_ v: String) { self = .text(v) }

    /// A blob value; empty bytes stay an empty blob.
    public init(_ v: [UInt8]) { self = .blob(v) }

    /// An integer value, or `NULL` for `nil`.
    public init(_ v: Int64?) { self = v.map(SQLValue.integer) ?? .null }

    /// A text value, or `NULL` for `nil`.
    public init(_ v: String?) { self = v.map(SQLValue.text) ?? .null }

    /// A blob value, or `NULL` for `nil`.
    public init(_ v: [UInt8]?) { self = v.map(SQLValue.blob) ?? .null }
}

extension SQLValue: ExpressibleByIntegerLiteral {
    /// An integer literal becomes `.integer`.
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLValue: ExpressibleByFloatLiteral {
    /// A floating-point literal becomes `.real`.
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension SQLValue: ExpressibleByStringLiteral {
    /// A string literal becomes `.text`.
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue: ExpressibleByBooleanLiteral {
    /// A boolean literal becomes `.integer(1)` or `.integer(0)`.
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

extension SQLValue: ExpressibleByNilLiteral {
    /// `nil` becomes `.null`.
    public init(nilLiteral: ()) { self = .null }
}
