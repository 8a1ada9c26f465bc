/// Why a log entry was ignored. Every client reports these; none of them stops the log.
public enum LogRefusal: Sendable, Equatable {
    /// The bytes are not a log entry this version reads.
    case malformed
    /// A sealed room-log entry did not open under the room log key (wrong room or index, or tampered).
    case unreadable
    /// The entry belongs to another log (a join replayed from another room).
    case wrongScope
    /// The same entry again.
    case duplicate
    /// A second valid continuation of an earlier entry; the first one seen is kept.
    case fork
    /// The entry names a previous entry this log does not have: something was withheld or reordered.
    case gap
    /// A genesis after the first entry, or any other entry before the genesis.
    case misplacedGenesis
    /// The author holds no identity in this log, or the signature does not verify under it.
    case badSignature
    /// The author may not make this change.
    case notAuthorised
    /// The identity differs from the one the roster holds for this account.
    case identityMismatch
    /// The invite is not in this log, or is revoked.
    case inviteUnknown
    case inviteUsedUp
    case inviteExpired
    /// The joiner could not prove they hold the invite secret.
    case badProof
    /// The account was removed after this invite was made.
    case banned
    case alreadyMember
    case notAMember
    case handleInvalid
    case handleTaken
    /// The only operator tried to leave the roster.
    case lastOperator
}

/// One ignored entry: its place in the sequence the client was given (0-based), and why.
public struct LogWarning: Sendable, Equatable {
    /// The entry's place in the sequence offered (0-based, counting ignored entries).
    public var position: Int
    /// Why it was ignored.
    public var refusal: LogRefusal

    /// A warning from its parts.
    public init(position: Int, refusal: LogRefusal) {
        self.position = position
        self.refusal = refusal
    }
}
