// Binary layout of `RatchetSession` (version 1):
//
//   version                     1 byte   = 1
//   role                        1 byte   1 initiator, 2 responder
//   local identity body       128 bytes  see IdentityKeys+PublicBundle.swift (verified on decode)
//   remote identity body      128 bytes  (verified on decode)
//   base key                   32 bytes  the initiator's X3DH ephemeral public key
//   root key                   32 bytes  secret
//   sending ratchet key        32 bytes  X25519 private key, secret
//   has receiving ratchet key   1 byte   0 or 1, then 32 bytes X25519 public key if 1
//   has sending chain key       1 byte   0 or 1, then 32 bytes secret if 1
//   has receiving chain key     1 byte   0 or 1, then 32 bytes secret if 1
//   send count                  4 bytes  UInt32 Ns
//   receive count               4 bytes  UInt32 Nr
//   previous send count         4 bytes  UInt32 PN
//   has pending prekey          1 byte   0 or 1, then if 1:
//     signed prekey id          4 bytes
//     has one-time prekey id    1 byte   0 or 1, then 4 bytes id if 1
//   previous receiving keys     1 byte   count, at most 16, then count × 32-byte public keys
//   skipped keys                4 bytes  UInt32 count, at most 2000, then count × 68 bytes:
//     ratchet key 32 || message number 4 || message key 32 (secret)
//
// A fresh session is about 400 bytes; each stored skipped key adds 68.

import KlankbordProtocol

extension RatchetSession {
    /// The layout above.
    ///
    /// - Warning: Contains root, chain and message keys in the clear: store only in sealed storage.
    public func serialized() -> [UInt8] {
        var writer = WireWriter(prefix: [Self.version], capacity: 420 + skipped.entries.count * 68)
        writer.u8(role.rawValue)
        localIdentity.encodeBody(into: &writer)
        remoteIdentity.encodeBody(into: &writer)
        writer.fixed(baseKey.bytes)
        writer.secret(rootKey)
        writer.secret(sendingRatchetKey.secret)
        writer.bool(receivingRatchetKey != nil)
        if let receivingRatchetKey { writer.fixed(receivingRatchetKey.bytes) }
        for chainKey in [sendingChainKey, receivingChainKey] {
            writer.bool(chainKey != nil)
            if let chainKey { writer.secret(chainKey) }
        }
        writer.u32(sendCount)
        writer.u32(receiveCount)
        writer.u32(previousSendCount)
        writer.bool(pendingPrekey != nil)
        if let pendingPrekey {
            writer.u32(pendingPrekey.signedPrekeyID)
            writer.bool(pendingPrekey.oneTimePrekeyID != nil)
            if let id = pendingPrekey.oneTimePrekeyID { writer.u32(id) }
        }
        writer.u8(UInt8(previousReceivingKeys.count))
        for key in previousReceivingKeys { writer.fixed(key.bytes) }
        writer.u32(UInt32(skipped.entries.count))
        for entry in skipped.entries {
            writer.fixed(entry.id.ratchetKey.bytes)
            writer.u32(entry.id.messageNumber)
            writer.secret(entry.messageKey)
        }
        return writer.bytes
    }

    /// Decodes the layout above; throws `malformed` or `unsupportedVersion` for anything else.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        self = try E2EReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            guard let role = Role(rawValue: try reader.u8()) else { throw .malformed }
            var session = RatchetSession(
                role: role, localIdentity: try IdentityKeys.PublicBundle(body: &reader),
                remoteIdentity: try IdentityKeys.PublicBundle(body: &reader), baseKey: try reader.x25519PublicKey(),
                rootKey: try reader.secret(KeyDerivation.chainKeyLength), sendingRatchetKey: try reader.x25519PrivateKey())
            session.receivingRatchetKey = try reader.bool() ? try reader.x25519PublicKey() : nil
            session.sendingChainKey = try reader.bool() ? try reader.secret(KeyDerivation.chainKeyLength) : nil
            session.receivingChainKey = try reader.bool() ? try reader.secret(KeyDerivation.chainKeyLength) : nil
            session.sendCount = try reader.u32()
            session.receiveCount = try reader.u32()
            session.previousSendCount = try reader.u32()
            if try reader.bool() {
                let signedPrekeyID = try reader.u32()
                let oneTimePrekeyID = try reader.bool() ? try reader.u32() : nil
                session.pendingPrekey = PendingPrekey(signedPrekeyID: signedPrekeyID, oneTimePrekeyID: oneTimePrekeyID)
            }
            let previousCount = Int(try reader.u8())
            guard previousCount <= Self.maxPreviousReceivingKeys else { throw .malformed }
            for _ in 0..<previousCount { session.previousReceivingKeys.append(try reader.x25519PublicKey()) }
            let skippedCount = Int(try reader.u32())
            guard skippedCount <= E2ELimits.maxStoredRatchetKeys, skippedCount * 68 <= reader.remaining else { throw .malformed }
            for _ in 0..<skippedCount {
                let id = SkippedRatchetKeyID(ratchetKey: try reader.x25519PublicKey(), messageNumber: try reader.u32())
                session.skipped.append(id, try reader.secret(KeyDerivation.chainKeyLength))
            }
            return session
        }
    }
}
