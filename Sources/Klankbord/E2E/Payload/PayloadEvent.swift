import KlankbordCrypto

/// The decrypted content of a room or 1:1 message: a typed, versioned envelope with a random id
/// that replies, edits and deletes refer to. Types this version does not know (later
/// "meeting.*", "consultation.*", "ledger.*" events) decode as `.unsupported` and are kept,
/// never dropped, so an older client can store and pass them on.
public struct PayloadEvent: Hashable, Sendable {
    /// The envelope version this code writes and reads.
    public static let version: UInt8 = 1

    /// A 16-byte event identifier, random per event.
    public struct ID: Hashable, Sendable {
        /// The length of every id.
        public static let length = 16
        /// The identifier's bytes.
        public let bytes: [UInt8]

        /// An id from 16 bytes (`malformed` otherwise).
        public init(_ bytes: [UInt8]) throws(E2EError) {
            guard bytes.count == Self.length else { throw .malformed }
            self.bytes = bytes
        }

        private init(unchecked bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// A new random id.
        public static func random() -> ID {
            ID(unchecked: Random.bytes(length))
        }
    }

    /// This event's identifier.
    public let id: ID
    /// What the event says.
    public let content: Content

    /// The type name on the wire ("text", "reply", "edit", "delete", or an unsupported type's).
    public var type: String { content.type }

    /// An event with `content`, under a new random id unless one is given.
    public init(id: ID = .random(), content: Content) {
        self.id = id
        self.content = content
    }
}
