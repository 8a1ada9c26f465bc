import CSQLite

/// SQLite's extended result codes that callers match on. Swift does not import them: in
/// `sqlite3.h` they are macros built from expressions.
public enum SQLiteCode {
    /// A `UNIQUE` constraint failed (`SQLITE_CONSTRAINT_UNIQUE`).
    public static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)
    /// A `PRIMARY KEY` constraint failed (`SQLITE_CONSTRAINT_PRIMARYKEY`).
    public static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)
    /// A foreign key constraint failed (`SQLITE_CONSTRAINT_FOREIGNKEY`).
    public static let constraintForeignKey: Int32 = SQLITE_CONSTRAINT | (3 << 8)
    /// A `NOT NULL` constraint failed (`SQLITE_CONSTRAINT_NOTNULL`).
    public static let constraintNotNull: Int32 = SQLITE_CONSTRAINT | (5 << 8)
    /// A `CHECK` constraint failed (`SQLITE_CONSTRAINT_CHECK`).
    public static let constraintCheck: Int32 = SQLITE_CONSTRAINT | (1 << 8)
}

extension StorageError {
    /// Whether this is a violated `UNIQUE` or `PRIMARY KEY` constraint: the row already exists.
    public var isUniquenessViolation: Bool {
        self == .constraintViolation(code: SQLiteCode.constraintUnique)
            || self == .constraintViolation(code: SQLiteCode.constraintPrimaryKey)
    }
}
