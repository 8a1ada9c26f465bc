// Layout of a held log in the profile (sealed by the vault, context "log/<scope>"):
//
//   version u8 = 1 · scope u64 · optional<fixed(32)> room log key · list<data> entries
//
// An entry is the signed plaintext at that index, or empty where the stored entry did not open.

import KlankbordCrypto
import KlankbordProtocol
import KlankbordTrust

/// One log as this device holds it: every entry the server gave, in index order, opened, so the state can
/// always be reduced again from the start (docs/TRUST.md, "What clients do with it").
public struct HeldLog: Sendable {
    static let version: UInt8 = 1

    /// 0 for the roster, otherwise the room id.
    public let scope: UInt64
    /// The room log key (nil for the roster, which is not encrypted).
    public let key: RoomLogKey?
    /// The signed entries by index; empty where a stored entry did not open.
    public internal(set) var entries: [[UInt8]] = []
    /// Entries whose signatures this device checked before (kept apart in the profile, not in this layout).
    package var checkedBefore = CheckedEntries()

    /// An empty log of `scope`, opened with `key` for a room.
    public init(scope: UInt64, key: RoomLogKey?) {
        self.scope = scope
        self.key = key
    }

    /// The index of the next entry to fetch.
    public var nextIndex: UInt32 { UInt32(entries.count) }

    /// Takes records fetched from `nextIndex` on. Stops at a record that is not the next index (the server
    /// skipped or repeated one) and returns false; the caller reports it and fetches again later.
    @discardableResult
    public mutating func absorb(_ records: [LogRecord]) -> Bool {
        for record in records {
            guard record.index == nextIndex else { return false }
            guard scope != LogEntry.rosterScope else {
                entries.append(record.entry)
                continue
            }
            let opened = try? key?.open(stored: record.entry, room: scope, index: record.index)
            entries.append(opened ?? [])
        }
        return true
    }

    /// Fetches everything after `nextIndex` through `fetch` (scope, after) → (records, more), page by page.
    public mutating func sync<E: Error>(_ fetch: (UInt64, UInt32) throws(E) -> (records: [LogRecord], more: Bool)) throws(E) -> Bool {
        while true {
            let page = try fetch(scope, nextIndex)
            guard absorb(page.records) else { return false }
            if !page.more || page.records.isEmpty { return true }
        }
    }

    /// The roster these entries make (for scope 0).
    public func roster() -> Roster {
        LogReductions.roster(entries) { Roster(entries: $0, checkedBefore: checkedBefore) }
    }

    /// The room membership these entries make, checked against `roster`.
    public func membership(roster: Roster) -> RoomMembership {
        LogReductions.membership(scope, entries, roster: roster) {
            var membership = RoomMembership(room: scope, checkedBefore: checkedBefore)
            for entry in entries {
                if entry.isEmpty {
                    membership.skipUnreadable()
                } else {
                    membership.apply(entry, roster: roster)
                }
            }
            return membership
        }
    }

    /// The layout above.
    func serialized() -> [UInt8] {
        var w = WireWriter(capacity: 64 + entries.reduce(0) { $0 + $1.count + 4 })
        w.u8(Self.version)
        w.u64(scope)
        w.optional(key) { $0.fixed($1.secret.unprotectedBytes) }
        w.list(entries) { $0.data($1) }
        return w.bytes
    }

    /// Reads the layout above.
    init(serialized bytes: [UInt8]) throws(TrustError) {
        var r = WireReader(bytes)
        do {
            guard try r.u8() == Self.version else { throw TrustError.malformed }
            scope = try r.u64()
            if var keyBytes = try r.optional({ r throws(WireError) in try r.fixed(AEAD.keyLength) }) {
                defer { wipe(&keyBytes) }
                key = try RoomLogKey(SecretBytes(copying: keyBytes))
            } else {
                key = nil
            }
            entries = try r.list { r throws(WireError) in try r.data(limit: LogEntry.maxLength) }
            try r.finish()
        } catch {
            throw .malformed
        }
    }
}
