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

import KlankbordProtocol

extension SenderKeyReceiver {
    /// The layout above.
    ///
    /// - Warning: Contains the chain key and skipped message keys in the clear.
    public func serialized() -> [UInt8] {
        var writer = WireWriter(prefix: [Self.version], capacity: 85 + 36 * skipped.entries.count)
        writer.u64(roomID)
        writer.u32(epoch)
        writer.fixed(signingKey.bytes)
        writer.u32(startIndex)
        writer.u32(nextIndex)
        writer.secret(chainKey)
        writer.u32(UInt32(skipped.entries.count))
        for entry in skipped.entries {
            writer.u32(entry.id)
            writer.secret(entry.messageKey)
        }
        return writer.bytes
    }

    /// Decodes the layout above.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        self = try E2EReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            var receiver = SenderKeyReceiver(
                roomID: try reader.u64(), epoch: try reader.u32(), signingKey: try reader.ed25519VerifyingKey(),
                startIndex: try reader.u32(), nextIndex: try reader.u32(),
                chainKey: try reader.secret(KeyDerivation.chainKeyLength))
            guard receiver.nextIndex >= receiver.startIndex else { throw .malformed }
            let count = Int(try reader.u32())
            guard count <= E2ELimits.maxStoredSenderKeys, count * 36 <= reader.remaining else { throw .malformed }
            for _ in 0..<count {
                receiver.skipped.append(try reader.u32(), try reader.secret(KeyDerivation.chainKeyLength))
            }
            return receiver
        }
    }
}
