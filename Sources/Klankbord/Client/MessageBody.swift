/// What a room event carries once opened, as the client shows it.
///
/// Encoding: a version byte, then the content. Version 0 is UTF-8 text. Anything this client does not
/// know is kept as `.unsupported` and shown as such, never dropped.
public enum MessageBody: Sendable, Equatable {
    case text(String)
    case unsupported

    /// The encoded payload.
    public func encoded() -> [UInt8] {
        switch self {
        case let .text(text): [0] + Array(text.utf8)
        case .unsupported: [0xFF]
        }
    }

    /// Decodes a payload; never fails.
    public init(decoding bytes: [UInt8]) {
        guard bytes.first == 0, let text = String(validating: bytes.dropFirst(), as: UTF8.self) else {
            self = .unsupported
            return
        }
        self = .text(text)
    }
}
