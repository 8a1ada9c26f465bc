/// One named step of a schema: once shipped, never edited, only followed by new ones.
public struct Migration: Sendable {
    /// A unique, stable name, recorded in `schema_migrations` when applied.
    public let name: String
    /// One or more SQL statements, run in one immediate transaction.
    public let sql: String
    /// Swift work that SQL cannot do (filling a new column from a Unicode computation), run after `sql`
    /// in the same transaction, so the step is applied, recorded or rolled back as one.
    public let backfill: (@Sendable (Database) throws -> Void)?
    /// Runs `sql` outside any transaction, then records the name in one: for statements SQLite refuses inside a
    /// transaction (`VACUUM`). Such SQL must be safe to run twice: a process stopped before the record runs it again.
    public let outsideTransaction: Bool

    /// A migration called `name` that runs `sql`, then `backfill` when given.
    public init(name: String, sql: String, backfill: (@Sendable (Database) throws -> Void)? = nil, outsideTransaction: Bool = false) {
        self.name = name
        self.sql = sql
        self.backfill = backfill
        self.outsideTransaction = outsideTransaction
    }
}
