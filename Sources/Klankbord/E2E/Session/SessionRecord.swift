/// All 1:1 session state with one peer device: the current session plus a few previous ones,
/// so messages still in flight on an older session (after a reset, or when both sides started a
/// session at the same time) still decrypt. This is the unit the client stores per peer device.
///
/// - Warning: Holds every session's keys. Persist `serialized()` in sealed storage after every
///   `encrypt` and every successful `decrypt`, before acting on the result.
public struct SessionRecord: Sendable {
    static let version: UInt8 = 1
    /// How many replaced sessions are kept for late messages.
    public static let maxPreviousSessions = 4

    /// What a successfully decrypted message did to the record.
    public enum Event: Hashable, Sendable {
        /// The message belonged to a session already held.
        case continued
        /// The message started a session with this peer, where there was none (or only our own
        /// unanswered one, when both sides started a session at the same time).
        case established
        /// The peer started a new session, replacing the current one (they may have lost their
        /// state or reinstalled). Show "X started a new secure session"; when `identityChanged`,
        /// their identity key differs too, so their safety number changed.
        case reset(identityChanged: Bool)
    }

    /// The result of `decrypt`.
    public struct Received: Sendable {
        /// The message content.
        public let plaintext: [UInt8]
        /// Whether the message continued, started or replaced a session.
        public let event: Event
        /// The one-time prekey the message used: delete it now (after persisting the record).
        public let usedOneTimePrekeyID: UInt32?
        /// The sender's identity as X3DH authenticated it.
        public let remoteIdentity: IdentityKeys.PublicBundle
    }

    /// The session new messages are encrypted with.
    public internal(set) var current: RatchetSession?
    /// Replaced sessions, most recent first, kept so late messages still decrypt.
    public internal(set) var previous: [RatchetSession] = []

    /// An empty record: no session yet.
    public init() {}

    /// Makes `session` current (for example one just made by `X3DH.initiate`), keeping the old
    /// current session as a previous one.
    public mutating func install(_ session: RatchetSession) {
        if let current {
            previous.insert(current, at: 0)
            if previous.count > Self.maxPreviousSessions { previous.removeLast() }
        }
        current = session
    }

    /// Encrypts with the current session (`noSession` if there is none).
    public mutating func encrypt(_ plaintext: [UInt8]) throws(E2EError) -> SessionMessage {
        guard var session = current else { throw .noSession }
        let message = try session.seal(plaintext)
        current = session
        return message
    }
}
