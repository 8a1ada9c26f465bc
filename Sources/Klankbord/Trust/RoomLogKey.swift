// A room log key R seals each room-log entry and travels to new members in an invite's welcome blob
// (docs/TRUST.md, "Room logs are end-to-end encrypted"):
//
//   stored  = nonce (24) || XChaCha20-Poly1305(R, entry,  AD = "klankbord/room-log/1" || room u64 || index u32)
//   welcome = nonce (24) || XChaCha20-Poly1305(W, 0x01 || R, AD = "klankbord/invite-welcome/1" || room u64)
//
// where W = InviteKey.welcomeKey(secret:).

import KlankbordCrypto
import KlankbordProtocol

/// The 32-byte key that end-to-end encrypts one room's membership log.
public struct RoomLogKey: Sendable, Equatable {
    static let entryDomain = Array("klankbord/room-log/1".utf8)
    static let welcomeDomain = Array("klankbord/invite-welcome/1".utf8)
    static let welcomeVersion: UInt8 = 1
    /// Length of a version-1 welcome blob.
    public static let welcomeLength = 24 + 1 + AEAD.keyLength + AEAD.tagLength

    /// The 32 key bytes.
    public let secret: SecretBytes

    /// A new random key, made by the facilitator who creates the room.
    public init() {
        secret = SecretBytes(randomCount: AEAD.keyLength)
    }

    /// A key received from elsewhere (a welcome blob, a pairwise message, the sealed profile).
    public init(_ secret: SecretBytes) throws(CryptoError) {
        try requireLength(secret, AEAD.keyLength)
        self.secret = secret
    }

    /// Seals the signed entry stored at `index` of `room`'s log.
    public func seal(entry: [UInt8], room: UInt64, index: UInt32) throws(CryptoError) -> [UInt8] {
        try AEAD.xChaCha20Poly1305.sealWithRandomNonce(entry, key: secret, associatedData: Self.entryData(room: room, index: index))
    }

    /// Opens what `seal` made for exactly this room and index.
    public func open(stored: [UInt8], room: UInt64, index: UInt32) throws(TrustError) -> [UInt8] {
        do {
            return try AEAD.xChaCha20Poly1305.openWithPrefixedNonce(stored, key: secret, associatedData: Self.entryData(room: room, index: index))
        } catch {
            throw .openFailed
        }
    }

    /// The welcome blob for an invite of `room` made with `inviteSecret`.
    public func welcome(room: UInt64, inviteSecret: [UInt8]) throws(CryptoError) -> [UInt8] {
        let key = try InviteKey.welcomeKey(secret: inviteSecret)
        let plaintext = [Self.welcomeVersion] + secret.unprotectedBytes
        return try AEAD.xChaCha20Poly1305.sealWithRandomNonce(plaintext, key: key, associatedData: Self.welcomeData(room: room))
    }

    /// The room log key in a welcome blob, for the holder of the invite secret.
    public init(welcome: [UInt8], room: UInt64, inviteSecret: [UInt8]) throws(TrustError) {
        do {
            let key = try InviteKey.welcomeKey(secret: inviteSecret)
            var plaintext = try AEAD.xChaCha20Poly1305.openWithPrefixedNonce(welcome, key: key, associatedData: Self.welcomeData(room: room))
            defer { wipe(&plaintext) }
            guard plaintext.count == 1 + AEAD.keyLength, plaintext[0] == Self.welcomeVersion else { throw TrustError.malformed }
            secret = SecretBytes(copying: plaintext[1...])
        } catch let error as TrustError {
            throw error
        } catch {
            throw .openFailed
        }
    }

    static func entryData(room: UInt64, index: UInt32) -> [UInt8] {
        var w = WireWriter(capacity: 32)
        w.fixed(entryDomain)
        w.u64(room)
        w.u32(index)
        return w.bytes
    }

    static func welcomeData(room: UInt64) -> [UInt8] {
        var w = WireWriter(capacity: 40)
        w.fixed(welcomeDomain)
        w.u64(room)
        return w.bytes
    }
}
