/// The part of `inviteCreate` a client adds when it chose the invite secret itself (docs/TRUST.md, "The server
/// never sees the invite secret").
///
/// Layout: `fixed(32) token · optional<data> welcome` (welcome at most `Request.maxWelcomeLength` bytes).
public struct KeyedInvite: Sendable, Equatable {
    /// `InviteKey.redeemToken(secret:)`: what `redeem` will send; the server stores its hash as usual.
    public var token: [UInt8]
    /// The room log key sealed for the holder of the secret, handed out by `redeem`.
    public var welcome: [UInt8]?

    /// A keyed invite from its parts.
    public init(token: [UInt8], welcome: [UInt8]?) {
        self.token = token
        self.welcome = welcome
    }

    func encode(into w: inout WireWriter) {
        w.fixed(token)
        w.optional(welcome) { $0.data($1) }
    }

    init(from r: inout WireReader) throws(WireError) {
        token = try r.fixed(Request.secretLength)
        welcome = try r.optional { r throws(WireError) in try r.data(limit: Request.maxWelcomeLength) }
    }
}
