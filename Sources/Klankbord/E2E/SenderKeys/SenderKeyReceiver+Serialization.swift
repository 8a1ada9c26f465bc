// Binary layout of `SenderKeyReceiver` (version 1), 85 bytes + 36 per skipped key:
//
//   version              1 byte   = 1
//   room id              8 bytes  UInt64
//   epoch                4 bytes  UInt32
//   signing key         32 bytes  Ed25519 public key
//   start index          4 bytes  UInt32
//   next index           4 bytes  UInt32
//   chain key           32 bytes  secret, the chain key at next index
//   skipped count        4 bytes  UInt32, at most 1000, then count × (index 4 || message key 32, secret)

extension SenderKeyReceiver {
    /// The layout above.
    ///
    /// - Warning: Contains the chain key and skipped message keys in the clear.
    public func serialized() -> [UInt8] {
        var writer = BinaryWriter(version: Self.version, capacity: 85 + 36 * skipped.entries.count)
        writer.writeUInt64(roomID)
        writer.writeUInt32(epoch)
        writer.writeBytes(signingKey.bytes)
        writer.writeUInt32(startIndex)
        writer.writeUInt32(nextIndex)
        writer.writeSecret(chainKey)
        writer.writeUInt32(UInt32(skipped.entries.count))
        for entry in skipped.entries {
            writer.writeUInt32(entry.id)
            writer.writeSecret(entry.messageKey)
        }
        return writer.bytes
    }

    /// Decodes the layout above.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        self = try BinaryReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            var receiver = SenderKeyReceiver(
                roomID: try reader.readUInt64(), epoch: try reader.readUInt32(), signingKey: try reader.readEd25519VerifyingKey(),
                startIndex: try reader.readUInt32(), nextIndex: try reader.readUInt32(),
                chainKey: try reader.readSecret(KeyDerivation.chainKeyLength))
            guard receiver.nextIndex >= receiver.startIndex else { throw .malformed }
            let count = Int(try reader.readUInt32())
            guard count <= E2ELimits.maxStoredSenderKeys, count * 36 <= reader.remaining else { throw .malformed }
            for _ in 0..<count {
                receiver.skipped.append(try reader.readUInt32(), try reader.readSecret(KeyDerivation.chainKeyLength))
            }
            return receiver
        }
    }
}
