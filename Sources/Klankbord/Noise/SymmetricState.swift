import KlankbordCrypto

extension Noise {
    /// A SymmetricState (spec section 5.2): the chaining key `ck`, the handshake hash `h` and a
    /// cipher state, with HASH = BLAKE2b-512 and HMAC/HKDF built on it (spec 4.3).
    struct SymmetricState: Sendable {
        /// HASHLEN for BLAKE2b.
        static let hashLength = BLAKE2b.maxOutputLength

        private(set) var cipher = CipherState()
        private var chainingKey: SecretBytes
        /// The handshake hash `h`, which binds everything said so far.
        private(set) var hash: [UInt8]

        /// InitializeSymmetric(protocol_name): `h` is the name padded with zeros when it fits in
        /// HASHLEN bytes, its hash otherwise; `ck = h`; no cipher key.
        init(protocolName: [UInt8]) {
            if protocolName.count <= Self.hashLength {
                hash = protocolName + [UInt8](repeating: 0, count: Self.hashLength - protocolName.count)
            } else {
                hash = BLAKE2b.hash(protocolName)
            }
            chainingKey = SecretBytes(copying: hash)
        }

        /// MixKey(input_key_material): `ck, temp_k = HKDF(ck, ikm, 2)`, with temp_k cut to 32 bytes.
        mutating func mixKey(_ inputKeyMaterial: SecretBytes) {
            let outputs = Self.hkdf(chainingKey: chainingKey, inputKeyMaterial: inputKeyMaterial, count: 2)
            chainingKey = outputs[0]
            cipher = CipherState(key: outputs[1].prefix(AEAD.keyLength))
        }

        /// MixHash(data): `h = HASH(h || data)`.
        mutating func mixHash(_ data: [UInt8]) {
            hash = BLAKE2b.hash(parts: [hash, data])
        }

        /// MixKeyAndHash(input_key_material), for pre-shared keys: `ck, temp_h, temp_k = HKDF(ck, ikm, 3)`.
        mutating func mixKeyAndHash(_ inputKeyMaterial: SecretBytes) {
            let outputs = Self.hkdf(chainingKey: chainingKey, inputKeyMaterial: inputKeyMaterial, count: 3)
            chainingKey = outputs[0]
            mixHash(outputs[1].unprotectedBytes)
            cipher = CipherState(key: outputs[2].prefix(AEAD.keyLength))
        }

        /// EncryptAndHash(plaintext): encrypts with `h` as associated data, then mixes the ciphertext in.
        mutating func encryptAndHash(_ plaintext: [UInt8]) throws(NoiseError) -> [UInt8] {
            let ciphertext = try cipher.encrypt(associatedData: hash, plaintext: plaintext)
            mixHash(ciphertext)
            return ciphertext
        }

        /// DecryptAndHash(ciphertext): decrypts with `h` as associated data, then mixes the ciphertext in.
        mutating func decryptAndHash(_ ciphertext: [UInt8]) throws(NoiseError) -> [UInt8] {
            let plaintext = try cipher.decrypt(associatedData: hash, ciphertext: ciphertext)
            mixHash(ciphertext)
            return plaintext
        }

        /// Split(): the initiator-to-responder and responder-to-initiator cipher states.
        /// The chaining key and handshake cipher are dropped (and so wiped) afterwards; `h` stays.
        mutating func split() -> (initiatorToResponder: CipherState, responderToInitiator: CipherState) {
            let outputs = Self.hkdf(chainingKey: chainingKey, inputKeyMaterial: SecretBytes(count: 0) { _, _ in }, count: 2)
            chainingKey = SecretBytes(count: 0) { _, _ in }
            cipher = CipherState()
            return (CipherState(key: outputs[0].prefix(AEAD.keyLength)), CipherState(key: outputs[1].prefix(AEAD.keyLength)))
        }

        /// HKDF(chaining_key, input_key_material, num_outputs) as spec section 4.3 defines it:
        /// `temp_key = HMAC(ck, ikm)`, `output_i = HMAC(temp_key, output_{i-1} || byte(i))`.
        static func hkdf(chainingKey: SecretBytes, inputKeyMaterial: SecretBytes, count: Int) -> [SecretBytes] {
            var material = inputKeyMaterial.unprotectedBytes
            defer { wipe(&material) }
            let tempKey = BLAKE2b.hmac(key: chainingKey, data: material)
            var outputs: [SecretBytes] = []
            var previous: [UInt8] = []
            defer { wipe(&previous) }
            for index in 1...count {
                var input = previous
                input.append(UInt8(index))
                let output = BLAKE2b.hmac(key: tempKey, data: input)
                wipe(&input)
                wipe(&previous)
                previous = output.unprotectedBytes
                outputs.append(output)
            }
            return outputs
        }
    }
}
