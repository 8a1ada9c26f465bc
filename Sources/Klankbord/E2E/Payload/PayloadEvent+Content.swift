// Bodies of the known `PayloadEvent` types (version 1):
//
//   "text"     UTF-8 text (the whole body)
//   "reply"    target id (16) || UTF-8 text
//   "edit"     target id (16) || UTF-8 text (the new text of the sender's own event)
//   "delete"   target id (16)                (deletes the sender's own event)
//
// Any other type's body is kept as raw bytes in `.unsupported`.

extension PayloadEvent {
    /// What an event says, by type.
    public enum Content: Hashable, Sendable {
        /// A plain text message.
        case text(String)
        /// A text message answering the event `to`.
        case reply(to: ID, text: String)
        /// New text for the sender's own earlier event `of`.
        case edit(of: ID, text: String)
        /// Removes the sender's own earlier event `of`.
        case delete(of: ID)
        /// An event type this version does not understand, kept as it came. Its `type` must be a
        /// valid type name (see `isValidTypeName`); a known type name here is written as given
        /// and will decode as that known type.
        case unsupported(type: String, raw: [UInt8])

        /// The type name on the wire.
        public var type: String {
            switch self {
            case .text: "text"
            case .reply: "reply"
            case .edit: "edit"
            case .delete: "delete"
            case .unsupported(let type, _): type
            }
        }

        /// The body bytes for this content (layouts above).
        var body: [UInt8] {
            switch self {
            case .text(let text): Array(text.utf8)
            case .reply(let target, let text), .edit(let target, let text): target.bytes + Array(text.utf8)
            case .delete(let target): target.bytes
            case .unsupported(_, let raw): raw
            }
        }

        /// Decodes a body of the given type; unknown types become `.unsupported`.
        init(type: String, body: [UInt8]) throws(E2EError) {
            switch type {
            case "text": self = .text(try Self.text(body[...]))
            case "reply": self = .reply(to: try Self.target(body), text: try Self.text(body.dropFirst(ID.length)))
            case "edit": self = .edit(of: try Self.target(body), text: try Self.text(body.dropFirst(ID.length)))
            case "delete":
                guard body.count == ID.length else { throw .malformed }
                self = .delete(of: try ID(body))
            default: self = .unsupported(type: type, raw: body)
            }
        }

        private static func target(_ body: [UInt8]) throws(E2EError) -> ID {
            guard body.count >= ID.length else { throw .malformed }
            return try ID(Array(body.prefix(ID.length)))
        }

        private static func text(_ bytes: ArraySlice<UInt8>) throws(E2EError) -> String {
            guard let text = String(validating: bytes, as: UTF8.self) else { throw .malformed }
            return text
        }
    }

    /// Whether `name` can be a type name: 1 to 64 bytes of a-z, 0-9, '.', '_' or '-'.
    public static func isValidTypeName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        return (1...64).contains(bytes.count) && bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
