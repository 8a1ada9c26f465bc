import KlankbordCrypto
import KlankbordProtocol

extension Profile {
    /// A small sealed note a feature keeps on this device outside any room's history: which reminders were shown
    /// already, which members a facilitator's client has handed the meetings to. Sealed like every other row,
    /// so a copied profile without its key does not show which meetings a person was reminded of.
    public func memo(_ name: String) -> [String] {
        guard let sealed = setting(memoKey(name)), let plain = try? vault.open(sealed, "memo/" + name) else { return [] }
        return String(decoding: plain, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Replaces the note `name` with `lines` (one item a line; lines hold no line break).
    public func setMemo(_ name: String, _ lines: [String]) throws(Failure) {
        let sealed = vault.seal(Array(lines.joined(separator: "\n").utf8), "memo/" + name)
        try write("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                  [.text(memoKey(name)), .blob(sealed)])
    }

    /// The settings key of a memo: a keyed tag, so the names (which hold room ids) are not readable without the key.
    private func memoKey(_ name: String) -> String {
        "memo." + Hex.encode(vault.tag("memo/" + name, 0))
    }

    /// The ids of the group rooms this device remembers (from the last room list), without asking the server.
    public var keptGroupRoomIDs: [UInt64] {
        keptRooms().filter { $0.kind == .group }.map(\.id)
    }
}
