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

extension RatchetSession {
    /// The layout above.
    ///
    /// - Warning: Contains root, chain and message keys in the clear: store only in sealed storage.
    public func serialized() -> [UInt8] {
        var writer = BinaryWriter(version: Self.version, capacity: 420 + skipped.entries.count * 68)
        writer.writeUInt8(role.rawValue)
        localIdentity.encodeBody(into: &writer)
        remoteIdentity.encodeBody(into: &writer)
        writer.writeBytes(baseKey.bytes)
        writer.writeSecret(rootKey)
        writer.writeSecret(sendingRatchetKey.secret)
        writer.writeFlag(receivingRatchetKey != nil)
        if let receivingRatchetKey { writer.writeBytes(receivingRatchetKey.bytes) }
        for chainKey in [sendingChainKey, receivingChainKey] {
            writer.writeFlag(chainKey != nil)
            if let chainKey { writer.writeSecret(chainKey) }
        }
        writer.writeUInt32(sendCount)
        writer.writeUInt32(receiveCount)
        writer.writeUInt32(previousSendCount)
        writer.writeFlag(pendingPrekey != nil)
        if let pendingPrekey {
            writer.writeUInt32(pendingPrekey.signedPrekeyID)
            writer.writeFlag(pendingPrekey.oneTimePrekeyID != nil)
            if let id = pendingPrekey.oneTimePrekeyID { writer.writeUInt32(id) }
        }
        writer.writeUInt8(UInt8(previousReceivingKeys.count))
        for key in previousReceivingKeys { writer.writeBytes(key.bytes) }
        writer.writeUInt32(UInt32(skipped.entries.count))
        for entry in skipped.entries {
            writer.writeBytes(entry.id.ratchetKey.bytes)
            writer.writeUInt32(entry.id.messageNumber)
            writer.writeSecret(entry.messageKey)
        }
        return writer.bytes
    }

    /// Decodes the layout above; throws `malformed` or `unsupportedVersion` for anything else.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        self = try BinaryReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            guard let role = Role(rawValue: try reader.readUInt8()) else { throw .malformed }
            var session = RatchetSession(
                role: role, localIdentity: try IdentityKeys.PublicBundle(body: &reader),
                remoteIdentity: try IdentityKeys.PublicBundle(body: &reader), baseKey: try reader.readX25519PublicKey(),
                rootKey: try reader.readSecret(KeyDerivation.chainKeyLength), sendingRatchetKey: try reader.readX25519PrivateKey())
            session.receivingRatchetKey = try reader.readFlag() ? try reader.readX25519PublicKey() : nil
            session.sendingChainKey = try reader.readFlag() ? try reader.readSecret(KeyDerivation.chainKeyLength) : nil
            session.receivingChainKey = try reader.readFlag() ? try reader.readSecret(KeyDerivation.chainKeyLength) : nil
            session.sendCount = try reader.readUInt32()
            session.receiveCount = try reader.readUInt32()
            session.previousSendCount = try reader.readUInt32()
            if try reader.readFlag() {
                let signedPrekeyID = try reader.readUInt32()
                let oneTimePrekeyID = try reader.readFlag() ? try reader.readUInt32() : nil
                session.pendingPrekey = PendingPrekey(signedPrekeyID: signedPrekeyID, oneTimePrekeyID: oneTimePrekeyID)
            }
            let previousCount = Int(try reader.readUInt8())
            guard previousCount <= Self.maxPreviousReceivingKeys else { throw .malformed }
            for _ in 0..<previousCount { session.previousReceivingKeys.append(try reader.readX25519PublicKey()) }
            let skippedCount = Int(try reader.readUInt32())
            guard skippedCount <= E2ELimits.maxStoredRatchetKeys, skippedCount * 68 <= reader.remaining else { throw .malformed }
            for _ in 0..<skippedCount {
                let id = SkippedRatchetKeyID(ratchetKey: try reader.readX25519PublicKey(), messageNumber: try reader.readUInt32())
                session.skipped.append(id, try reader.readSecret(KeyDerivation.chainKeyLength))
            }
            return session
        }
    }
}
