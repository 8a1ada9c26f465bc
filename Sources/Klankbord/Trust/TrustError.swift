/// Why a log entry, welcome blob or sealed room-log entry could not be read (docs/TRUST.md).
public enum TrustError: Error, Equatable, Sendable {
    /// Truncated, trailing bytes, an unknown kind or role, or a field of the wrong size.
    case malformed
    /// The entry starts with a version byte this code does not understand.
    case unsupportedVersion(UInt8)
    /// The entry is longer than `LogEntry.maxLength`.
    case tooLarge
    /// A sealed room-log entry or welcome blob did not open: wrong key, room, index or tampered bytes.
    case openFailed
}
