import KlankbordCrypto

extension Noise.HandshakeState {
    /// Message 1 without its payload: `e` (32), encrypted `s` (32 + 16), the payload's tag (16).
    static let message1Overhead = Noise.publicKeyLength + (Noise.publicKeyLength + Noise.tagLength) + Noise.tagLength
    /// Message 2 without its payload: `e` (32) and the payload's tag (16).
    static let message2Overhead = Noise.publicKeyLength + Noise.tagLength

    /// WriteMessage(payload): the next handshake message, carrying `payload` encrypted.
    ///
    /// Throws `wrongState` out of turn and `messageTooLong` (leaving the handshake as it was) when
    /// the message would exceed `Noise.maxMessageLength`.
    public mutating func writeMessage(payload: [UInt8]) throws(NoiseError) -> [UInt8] {
        guard isOurTurnToWrite else { throw .wrongState }
        let overhead = step == .message1 ? Self.message1Overhead : Self.message2Overhead
        guard payload.count <= Noise.maxMessageLength - overhead else { throw .messageTooLong }
        // Work on a copy so that the handshake moves on only when the whole message succeeded.
        var next = self
        do throws(NoiseError) {
            let message = try step == .message1 ? next.writeInitiatorMessage(payload) : next.writeResponderMessage(payload)
            self = next
            return message
        } catch {
            fail()
            throw error
        }
    }

    /// ReadMessage(message): checks and processes the peer's next handshake message; returns its payload.
    ///
    /// Any failure (`decryptFailed`, `messageTooShort`, `messageTooLong`, `invalidPublicKey`)
    /// leaves the handshake failed. Throws `wrongState` out of turn.
    public mutating func readMessage(_ message: [UInt8]) throws(NoiseError) -> [UInt8] {
        guard isOurTurnToRead else { throw .wrongState }
        var next = self
        do throws(NoiseError) {
            guard message.count <= Noise.maxMessageLength else { throw .messageTooLong }
            let payload = try step == .message1 ? next.readInitiatorMessage(message) : next.readResponderMessage(message)
            self = next
            return payload
        } catch {
            fail()
            throw error
        }
    }

    /// Initiator: `-> e, es, s, ss` and the payload.
    private mutating func writeInitiatorMessage(_ payload: [UInt8]) throws(NoiseError) -> [UInt8] {
        guard let responderStatic = remoteStatic else { throw .wrongState }
        let ephemeral = localEphemeral ?? X25519.PrivateKey()
        localEphemeral = ephemeral
        var message = ephemeral.publicKey.bytes
        message.reserveCapacity(Self.message1Overhead + payload.count)
        symmetric.mixHash(ephemeral.publicKey.bytes)
        symmetric.mixKey(try Self.dh(ephemeral, responderStatic))
        message += try symmetric.encryptAndHash(localStatic.publicKey.bytes)
        symmetric.mixKey(try Self.dh(localStatic, responderStatic))
        message += try symmetric.encryptAndHash(payload)
        step = .message2
        return message
    }

    /// Responder: reads `-> e, es, s, ss` and the payload, learning the initiator's static key.
    private mutating func readInitiatorMessage(_ message: [UInt8]) throws(NoiseError) -> [UInt8] {
        guard message.count >= Self.message1Overhead else { throw .messageTooShort }
        let staticEnd = Noise.publicKeyLength * 2 + Noise.tagLength
        let initiatorEphemeral = try Self.publicKey(message[..<Noise.publicKeyLength])
        remoteEphemeral = initiatorEphemeral
        symmetric.mixHash(initiatorEphemeral.bytes)
        symmetric.mixKey(try Self.dh(localStatic, initiatorEphemeral))
        let initiatorStatic = try Self.publicKey(symmetric.decryptAndHash(Array(message[Noise.publicKeyLength..<staticEnd])))
        remoteStatic = initiatorStatic
        symmetric.mixKey(try Self.dh(localStatic, initiatorStatic))
        let payload = try symmetric.decryptAndHash(Array(message[staticEnd...]))
        step = .message2
        return payload
    }

    /// Responder: `<- e, ee, se` and the payload.
    private mutating func writeResponderMessage(_ payload: [UInt8]) throws(NoiseError) -> [UInt8] {
        guard let initiatorEphemeral = remoteEphemeral, let initiatorStatic = remoteStatic else { throw .wrongState }
        let ephemeral = localEphemeral ?? X25519.PrivateKey()
        var message = ephemeral.publicKey.bytes
        message.reserveCapacity(Self.message2Overhead + payload.count)
        symmetric.mixHash(ephemeral.publicKey.bytes)
        symmetric.mixKey(try Self.dh(ephemeral, initiatorEphemeral))
        symmetric.mixKey(try Self.dh(ephemeral, initiatorStatic))
        message += try symmetric.encryptAndHash(payload)
        localEphemeral = nil
        step = .complete
        return message
    }

    /// Initiator: reads `<- e, ee, se` and the payload.
    private mutating func readResponderMessage(_ message: [UInt8]) throws(NoiseError) -> [UInt8] {
        guard message.count >= Self.message2Overhead else { throw .messageTooShort }
        guard let ephemeral = localEphemeral else { throw .wrongState }
        let responderEphemeral = try Self.publicKey(message[..<Noise.publicKeyLength])
        remoteEphemeral = responderEphemeral
        symmetric.mixHash(responderEphemeral.bytes)
        symmetric.mixKey(try Self.dh(ephemeral, responderEphemeral))
        symmetric.mixKey(try Self.dh(localStatic, responderEphemeral))
        let payload = try symmetric.decryptAndHash(Array(message[Noise.publicKeyLength...]))
        localEphemeral = nil
        step = .complete
        return payload
    }

    /// Marks the handshake failed and drops the ephemeral key, as the spec deletes a failed HandshakeState.
    private mutating func fail() {
        step = .failed
        localEphemeral = nil
    }

    /// DH(key_pair, public_key); an all-zero result (low-order point) is refused.
    private static func dh(_ privateKey: X25519.PrivateKey, _ publicKey: X25519.PublicKey) throws(NoiseError) -> SecretBytes {
        do {
            return try privateKey.sharedSecret(with: publicKey)
        } catch {
            throw .invalidPublicKey
        }
    }

    /// A public key from 32 bytes taken off the wire.
    private static func publicKey<Bytes: Sequence>(_ bytes: Bytes) throws(NoiseError) -> X25519.PublicKey where Bytes.Element == UInt8 {
        do {
            return try X25519.PublicKey(Array(bytes))
        } catch {
            throw .invalidPublicKey
        }
    }
}
