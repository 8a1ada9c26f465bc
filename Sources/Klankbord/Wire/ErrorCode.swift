/// The stable error codes the server sends. Clients translate each into a sentence; the raw value is
/// what travels on the wire and what docs/PROTOCOL.md lists.
public enum ErrorCode: String, Sendable, CaseIterable, Error {
    // Protocol
    case malformed = "malformed"
    case unsupportedVersion = "unsupported_version"
    case unknownType = "unknown_type"
    case tooLarge = "too_large"
    case rateLimited = "rate_limited"
    case serverBusy = "server_busy"
    // Accounts and invites
    case notRegistered = "not_registered"
    case alreadyRegistered = "already_registered"
    case inviteUnknown = "invite_unknown"
    case inviteExpired = "invite_expired"
    case inviteUsedUp = "invite_used_up"
    case inviteRevoked = "invite_revoked"
    case handleTaken = "handle_taken"
    case handleInvalid = "handle_invalid"
    case forbidden = "forbidden"
    case nameInvalid = "name_invalid"
    case nameTaken = "name_taken"
    // Rooms and messages
    case roomUnknown = "room_unknown"
    case notAMember = "not_a_member"
    case alreadyMember = "already_member"
    case handleUnknown = "handle_unknown"
    case directNotAllowed = "direct_not_allowed"
    case contactCodeUnknown = "contact_code_unknown"
    case limitReached = "limit_reached"
    /// A log append named an index other than the log's length: someone else wrote first.
    case logConflict = "log_conflict"
    /// The invite was made before this account was removed from its room.
    case inviteBanned = "invite_banned"
    /// Slow mode: this member sent a message in this room too recently (`roomSettings` says how long to wait).
    case slowMode = "slow_mode"
    /// Only facilitators may post in this room.
    case announcementOnly = "announcement_only"
    // Storage
    case storageFull = "storage_full"
    case unavailable = "unavailable"
    // Operations
    /// The daemon is stopping (SIGTERM); sent with id 0 to every open connection after its last answer.
    case serverRestarting = "server_restarting"
}
