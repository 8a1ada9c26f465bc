/// Failures to decode bytes into wire messages. The connection that sent them is told `malformed` and closed.
public enum WireError: Error, Equatable, Sendable {
    /// The message ended before a field was complete.
    case truncated
    /// Bytes were left over after the last field.
    case trailingBytes
    /// A text field was not valid UTF-8.
    case invalidText
    /// The message kind byte is not one this version knows.
    case unknownKind(UInt8)
    /// The message type byte is not one this version knows.
    case unknownType(UInt8)
    /// An enumerated field (role, room kind, …) held a value this version does not know.
    case invalidValue
    /// A field is longer than the protocol allows.
    case fieldTooLong
}
