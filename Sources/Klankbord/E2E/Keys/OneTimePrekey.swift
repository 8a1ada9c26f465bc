// Binary layout of `OneTimePrekey` (version 1), 37 bytes:
//
//   version             1 byte   = 1
//   id                  4 bytes  UInt32
//   private key        32 bytes  X25519
//
// Binary layout of `OneTimePrekey.Public` (version 1), 37 bytes: the same with the public key.
// Embedded without the version byte (36 bytes, "one-time prekey body") in a prekey bundle.

import KlankbordCrypto
import KlankbordProtocol

/// A single-use X3DH prekey. The server hands each out once; the owner deletes it as soon as an
/// initial message that used it has been accepted.
///
/// - Warning: Delete the key once `X3DH.respond` (or `SessionRecord.decrypt`) reports it used:
///   keeping it would let a recorded initial message be replayed and would weaken forward secrecy.
public struct OneTimePrekey: Sendable {
    package static let version: UInt8 = 1

    /// The identifier initial messages name it by.
    public let id: UInt32
    /// The X25519 key pair.
    public let keyPair: X25519.PrivateKey

    /// A new random one-time prekey.
    public init(id: UInt32) {
        self.init(id: id, keyPair: X25519.PrivateKey())
    }

    private init(id: UInt32, keyPair: X25519.PrivateKey) {
        self.id = id
        self.keyPair = keyPair
    }

    /// `count` new one-time prekeys with ids `firstID`, `firstID + 1`, … (wrapping past 2^32 - 1,
    /// so the ids stay unique as long as fewer than 2^32 keys are alive at once).
    public static func generate(count: Int, startingAt firstID: UInt32) -> [OneTimePrekey] {
        (0..<max(count, 0)).map { OneTimePrekey(id: firstID &+ UInt32(truncatingIfNeeded: $0)) }
    }

    /// What gets uploaded to the server.
    public var publicPart: Public {
        Public(id: id, publicKey: keyPair.publicKey)
    }

    /// The 37-byte layout above.
    ///
    /// - Warning: Contains the private key in the clear.
    public func serialized() -> [UInt8] {
        var writer = WireWriter(prefix: [Self.version], capacity: 37)
        writer.u32(id)
        writer.secret(keyPair.secret)
        return writer.bytes
    }

    /// Decodes the layout above.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        self = try E2EReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            OneTimePrekey(id: try reader.u32(), keyPair: try reader.x25519PrivateKey())
        }
    }
}

extension OneTimePrekey {
    /// The public half of a one-time prekey, as the server stores and hands it out.
    public struct Public: Hashable, Sendable {
        /// The identifier initial messages name it by.
        public let id: UInt32
        /// The X25519 public key.
        public let publicKey: X25519.PublicKey

        /// A public one-time prekey from its parts.
        public init(id: UInt32, publicKey: X25519.PublicKey) {
            self.id = id
            self.publicKey = publicKey
        }

        /// The 37-byte layout at the top of this file.
        public func serialized() -> [UInt8] {
            var writer = WireWriter(prefix: [OneTimePrekey.version], capacity: 37)
            encodeBody(into: &writer)
            return writer.bytes
        }

        /// Decodes that layout.
        public init(serialized bytes: [UInt8]) throws(E2EError) {
            self = try E2EReader.decode(bytes, version: OneTimePrekey.version) { reader throws(E2EError) in
                try Public(body: &reader)
            }
        }

        func encodeBody(into writer: inout WireWriter) {
            writer.u32(id)
            writer.fixed(publicKey.bytes)
        }

        init(body reader: inout E2EReader) throws(E2EError) {
            self.init(id: try reader.u32(), publicKey: try reader.x25519PublicKey())
        }
    }
}
