import KlankbordCrypto

extension RatchetSession {
    /// Decrypts one message (RatchetDecrypt), handling skipped and out-of-order messages.
    /// On any error the session is left exactly as it was.
    ///
    /// Throws `decryptionFailed` (does not authenticate), `duplicateMessage` (already decrypted,
    /// or its skipped key was evicted), `tooManySkippedMessages` (more than
    /// `E2ELimits.maxSkip` keys would have to be skipped on one chain).
    public mutating func decrypt(_ message: RatchetMessage) throws(E2EError) -> [UInt8] {
        try decrypt(message, nextRatchetKey: nil)
    }

    /// `decrypt` with the key pair a DH ratchet step would make given (random when nil): only the
    /// test vectors (docs/vectors) fix it, so that every byte they list can be reproduced.
    mutating func decrypt(_ message: RatchetMessage, nextRatchetKey: X25519.PrivateKey?) throws(E2EError) -> [UInt8] {
        var working = self
        let plaintext = try working.apply(message, nextRatchetKey: nextRatchetKey)
        self = working
        return plaintext
    }

    private mutating func apply(_ message: RatchetMessage, nextRatchetKey: X25519.PrivateKey?) throws(E2EError) -> [UInt8] {
        let header = message.header
        let skippedID = SkippedRatchetKeyID(ratchetKey: header.ratchetKey, messageNumber: header.messageNumber)
        if let messageKey = skipped.key(for: skippedID) {
            let plaintext = try open(message, messageKey: messageKey)
            skipped.remove(skippedID)
            pendingPrekey = nil
            return plaintext
        }
        if header.ratchetKey == receivingRatchetKey {
            guard header.messageNumber >= receiveCount else { throw .duplicateMessage }
        } else {
            guard !previousReceivingKeys.contains(header.ratchetKey) else { throw .duplicateMessage }
            try skipMessageKeys(until: header.previousChainLength)
            try ratchetStep(remoteKey: header.ratchetKey, next: nextRatchetKey ?? X25519.PrivateKey())
        }
        try skipMessageKeys(until: header.messageNumber)
        guard let chainKey = receivingChainKey, header.messageNumber < UInt32.max else { throw .decryptionFailed }
        let (messageKey, nextChainKey) = KeyDerivation.chainStep(chainKey)
        let plaintext = try open(message, messageKey: messageKey)
        receivingChainKey = nextChainKey
        receiveCount = header.messageNumber + 1
        pendingPrekey = nil
        return plaintext
    }

    private func open(_ message: RatchetMessage, messageKey: SecretBytes) throws(E2EError) -> [UInt8] {
        try KeyDerivation.open(message.ciphertext, messageKey: messageKey, info: KeyDerivation.ratchetMessageInfo,
                               associatedData: associatedData + message.header.encoded)
    }

    /// SkipMessageKeys: stores the keys of the receiving chain's messages before `end`.
    private mutating func skipMessageKeys(until end: UInt32) throws(E2EError) {
        guard Int(end) - Int(receiveCount) <= E2ELimits.maxSkip else { throw .tooManySkippedMessages }
        guard var chainKey = receivingChainKey, let ratchetKey = receivingRatchetKey, receiveCount < end else { return }
        while receiveCount < end {
            let (messageKey, nextChainKey) = KeyDerivation.chainStep(chainKey)
            skipped.append(SkippedRatchetKeyID(ratchetKey: ratchetKey, messageNumber: receiveCount), messageKey)
            chainKey = nextChainKey
            receiveCount += 1
        }
        receivingChainKey = chainKey
        skipped.evictOldest(keeping: E2ELimits.maxStoredRatchetKeys)
    }

    /// DHRatchet: a new receiving chain from the peer's new key, then a new sending key and chain.
    private mutating func ratchetStep(remoteKey: X25519.PublicKey, next: X25519.PrivateKey) throws(E2EError) {
        if let old = receivingRatchetKey {
            previousReceivingKeys.append(old)
            if previousReceivingKeys.count > Self.maxPreviousReceivingKeys { previousReceivingKeys.removeFirst() }
        }
        previousSendCount = sendCount
        sendCount = 0
        receiveCount = 0
        receivingRatchetKey = remoteKey
        let current = sendingRatchetKey
        let received = try KeyDerivation.rootStep(
            rootKey: rootKey, dhOutput: try crypto { () throws(CryptoError) in try current.sharedSecret(with: remoteKey) })
        let sent = try KeyDerivation.rootStep(
            rootKey: received.rootKey, dhOutput: try crypto { () throws(CryptoError) in try next.sharedSecret(with: remoteKey) })
        receivingChainKey = received.chainKey
        sendingRatchetKey = next
        sendingChainKey = sent.chainKey
        rootKey = sent.rootKey
    }
}
