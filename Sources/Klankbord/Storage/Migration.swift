/// One named step of a schema: once shipped, never edited, only followed by new ones.
public struct Migration: Sendable {
    /// A unique, stable name, recorded in `schema_migrations` when applied.
    public let name: String
    /// One or more SQL statements, run in one immediate transaction.
    public let sql: String

    /// A migration called `name` that runs `sql`.
    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
}
