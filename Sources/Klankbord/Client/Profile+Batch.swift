extension Profile {
    /// Runs `body` in one transaction: many rows written at once cost one commit (one fsync) instead of one each.
    /// The bench's history seeding (W6) writes a year of messages and ledger events through it.
    package func inOneTransaction(_ body: () throws -> Void) throws(Failure) {
        do {
            try database.transaction { try body() }
        } catch {
            throw .unusable
        }
    }
}
