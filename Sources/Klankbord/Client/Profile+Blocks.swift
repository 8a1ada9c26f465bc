import KlankbordProtocol

extension Profile {
    /// The handles this person blocked, by their lower-cased key (`Handle.key`).
    ///
    /// Kept only here, sealed like every other secret: the server is never told who blocks whom. Layout inside
    /// the sealed value: u16 count, then each key as a string (u16 length + UTF-8).
    public func blockedHandles() -> Set<String> {
        guard let bytes = try? secret("blocked") else { return [] }
        var reader = WireReader(bytes)
        guard let count = try? reader.u16() else { return [] }
        var keys = Set<String>()
        for _ in 0..<count {
            guard let key = try? reader.string() else { return keys }
            keys.insert(key)
        }
        return keys
    }

    /// Whether messages from `handle` are hidden (rooms) or refused (one-to-one threads).
    public func isBlocked(_ handle: String) -> Bool {
        guard let parsed = Handle(handle) else { return false }
        return blockedHandles().contains(parsed.key)
    }

    /// Blocks or unblocks `handle`; returns false when nothing changed (already blocked, or not blocked).
    @discardableResult
    public func setBlocked(_ handle: Handle, _ blocked: Bool) throws(Failure) -> Bool {
        var keys = blockedHandles()
        let changed = blocked ? keys.insert(handle.key).inserted : keys.remove(handle.key) != nil
        guard changed else { return false }
        var writer = WireWriter()
        writer.u16(UInt16(clamping: keys.count))
        for key in keys.sorted() { writer.string(key) }
        try setSecret("blocked", writer.bytes)
        return true
    }
}
