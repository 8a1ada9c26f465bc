import KlankbordClient
import KlankbordE2E
import KlankbordLedger
import KlankbordLocalization
import KlankbordProtocol
import KlankbordTrust

/// The people a ledger entry is about, found in the signed logs of the rooms this device shares with them (so the
/// server cannot swap in another identity), and the private copies that reach each of them in their 1:1 thread.
struct LedgerPeople {
    private let run: Invocation
    private let messenger: Messenger
    private var cache: [LogMember]?

    init(_ run: Invocation, messenger: Messenger) {
        self.run = run
        self.messenger = messenger
    }

    /// Everyone in the signed logs of this account's group rooms, except the ledger room.
    mutating func everyone() throws(CommandFailure) -> [LogMember] {
        if let cache { return cache }
        let connection = messenger.connection
        guard case let .rooms(rooms) = try run.call(connection, .rooms) else { throw .client(.protocolViolation, server: nil) }
        let ledger = try run.profile().ledgerRoom
        let messenger = self.messenger
        var found: [UInt64: LogMember] = [:]
        for room in rooms where room.kind == .group && room.id != ledger {
            let members = try run.secure { try messenger.signedMembers(of: room.id) }
            for member in members where found[member.account] == nil { found[member.account] = member }
        }
        let list = found.values.sorted { $0.account < $1.account }
        cache = list
        return list
    }

    /// The member with `typed` as handle (an `@` before it is allowed), or the unknown-recipient sentence.
    mutating func member(named typed: String) throws(CommandFailure) -> LogMember {
        let bare = typed.hasPrefix("@") ? String(typed.dropFirst()) : typed
        let key = RoomReference.key(bare)
        guard let member = try everyone().first(where: { RoomReference.key($0.handle) == key }) else {
            throw .message(L10nKey("ledger.cli.unknown_recipient"), ["handle": TerminalText.inline(bare)], exitCode: 1)
        }
        return member
    }

    /// The member with account `id`, if a signed log holds them.
    mutating func member(_ id: UInt64) throws(CommandFailure) -> LogMember? {
        try everyone().first { $0.account == id }
    }

    /// Sends `event` to the recipient of the entry it is about, privately, in their 1:1 thread with this account.
    /// The recipient keeps it and sees it in `klankbord ledger mine`; nobody else does.
    mutating func sendCopy(_ event: LedgerEvent, recipient: UInt64, handle: String) throws(CommandFailure) {
        guard recipient != messenger.account.id else { return }
        guard let member = try member(recipient) else {
            // No signed log of a shared group names them: their identity is not known for sure, so nothing is sent.
            return run.terminal.line(run.t("ledger.cli.copy_not_sent", ["handle": TerminalText.inline(handle)]))
        }
        let thread = try LedgerPeople.thread(with: member.handle, run, messenger: messenger)
        let messenger = self.messenger
        try run.secure { try messenger.sendPrivately(event.payload, about: thread, to: [member]) }
    }

    /// The id of the private thread between this account and `handle` (opened when there is none yet).
    static func thread(with handle: String, _ run: Invocation, messenger: Messenger) throws(CommandFailure) -> UInt64 {
        guard case let .room(id, _) = try run.call(messenger.connection, .directOpen(handle: handle)) else { throw .client(.protocolViolation, server: nil) }
        return id
    }
}
