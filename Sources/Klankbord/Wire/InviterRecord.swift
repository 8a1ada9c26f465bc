/// Who made an invite, as the server has it: sent with `redeemed` so the joining client can check the
/// invite code's commitment against the identity and pin it. Absent for the daemon's operator invites.
///
/// Encoding: `u64 account id | string handle | data identity` (the identity public bundle as uploaded, 129 bytes).
public struct InviterRecord: Sendable, Equatable {
    /// The inviter's account id.
    public var accountID: UInt64
    /// The inviter's handle.
    public var handle: String
    /// The inviter's identity public bundle, as uploaded with `prekeysUpload` (empty if they never uploaded one).
    public var identity: [UInt8]

    /// An inviter as the server names it.
    public init(accountID: UInt64, handle: String, identity: [UInt8]) {
        self.accountID = accountID
        self.handle = handle
        self.identity = identity
    }

    func encode(into w: inout WireWriter) {
        w.u64(accountID)
        w.string(handle)
        w.data(identity)
    }

    init(from r: inout WireReader) throws(WireError) {
        self.init(accountID: try r.u64(), handle: try r.string(), identity: try r.data(limit: 4096))
    }
}
