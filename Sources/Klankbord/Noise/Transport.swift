extension Noise {
    /// The two cipher states of a finished handshake: one to send with, one to receive with.
    ///
    /// Messages must be decrypted in the order they were encrypted: each direction counts nonces,
    /// so a replayed, dropped or reordered message fails with `decryptFailed`.
    ///
    /// - Warning: Do not copy a `Transport` and use both copies: they would encrypt different
    ///   messages under the same nonce.
    public struct Transport: Sendable {
        var sender: CipherState
        var receiver: CipherState

        /// The largest plaintext one transport message can carry (65535 minus the 16-byte tag).
        public static let maxPlaintextLength = Noise.maxMessageLength - Noise.tagLength

        init(sender: CipherState, receiver: CipherState) {
            self.sender = sender
            self.receiver = receiver
        }

        /// Encrypts the next outgoing message (ciphertext and tag, no length prefix).
        public mutating func encrypt(_ plaintext: [UInt8]) throws(NoiseError) -> [UInt8] {
            guard plaintext.count <= Self.maxPlaintextLength else { throw .messageTooLong }
            return try sender.encrypt(associatedData: [], plaintext: plaintext)
        }

        /// Checks and decrypts the next incoming message (without its length prefix).
        public mutating func decrypt(_ ciphertext: [UInt8]) throws(NoiseError) -> [UInt8] {
            guard ciphertext.count <= Noise.maxMessageLength else { throw .messageTooLong }
            guard ciphertext.count >= Noise.tagLength else { throw .messageTooShort }
            return try receiver.decrypt(associatedData: [], ciphertext: ciphertext)
        }

        /// Replaces the sending key with one derived from it (spec 11.3); the peer must call
        /// `rekeyReceiving()` at the same point in the message stream.
        public mutating func rekeySending() {
            sender.rekey()
        }

        /// Replaces the receiving key with one derived from it, matching the peer's `rekeySending()`.
        public mutating func rekeyReceiving() {
            receiver.rekey()
        }

        /// Encrypts `plaintext` as the next outgoing message and appends it to `output` framed for
        /// the socket: the 2-byte big-endian length, then ciphertext and tag, encrypted straight
        /// into `output`'s storage with no intermediate array.
        ///
        /// Throws `messageTooLong` for a plaintext over `maxPlaintextLength` bytes, leaving
        /// `output` untouched. `plaintext` must not point into `output`.
        public mutating func encryptFrame(_ plaintext: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(NoiseError) {
            guard plaintext.count <= Self.maxPlaintextLength else { throw .messageTooLong }
            try sender.encryptFrame(plaintext, appendingTo: &output)
        }
    }
}
