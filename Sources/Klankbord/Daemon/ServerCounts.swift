import KlankbordLocalization
import KlankbordStorage

/// How much a server database holds, in counts only: never a handle, a room name or an id.
struct ServerCounts: Sendable, Equatable {
    var accounts: Int64
    var rooms: Int64
    var events: Int64
    var invites: Int64

    /// Counts the rows of `database` (the daemon's own file, or a backup opened in memory).
    init(_ database: Database) throws(StorageError) {
        func count(_ table: String) throws(StorageError) -> Int64 {
            try database.readOne("SELECT count(*) FROM \(table)") { $0.int64(0) } ?? 0
        }
        accounts = try count("accounts")
        rooms = try count("rooms")
        events = try count("events")
        invites = try count("invites")
    }

    /// The counts as one sentence for the operator.
    func sentence(_ t: Localizer) -> String {
        t("daemon.status.counts", ["accounts": String(accounts), "rooms": String(rooms), "events": String(events), "invites": String(invites)])
    }
}
