extension SessionRecord {
    /// Decrypts a message from the peer. A ratchet message is tried on the current session, then
    /// on previous ones (a previous session that works becomes current again). An initial message
    /// continues the session it names, or else starts a new session with the prekeys it names,
    /// looked up through `signedPrekey` and `oneTimePrekey`. On any error the record is unchanged.
    ///
    /// `pinned` is the identity this device trusts for the peer (nil: none yet, then the current
    /// session's identity is expected). An initial message under another identity never replaces a
    /// session: once X3DH shows the sender really holds that identity, `identityChanged` is thrown and
    /// the record (and the one-time prekey) stay as they were, so the message can be opened later if
    /// the person accepts the new identity.
    public mutating func decrypt(
        _ message: SessionMessage, identity: IdentityKeys, pinned: IdentityKeys.PublicBundle? = nil,
        signedPrekey: (UInt32) -> SignedPrekey?, oneTimePrekey: (UInt32) -> OneTimePrekey?
    ) throws(E2EError) -> Received {
        if case .initial(let initial) = message, !sessions.contains(where: { $0.continues(initial) }) {
            return try accept(initial, identity: identity, expected: pinned ?? current?.remoteIdentity,
                              signedPrekey: signedPrekey, oneTimePrekey: oneTimePrekey)
        }
        var firstError: E2EError?
        for (index, session) in sessions.enumerated() {
            if case .initial(let initial) = message, !session.continues(initial) { continue }
            var working = session
            do {
                let plaintext = try working.decrypt(message.ratchetMessage)
                commit(working, at: index)
                return Received(plaintext: plaintext, event: .continued, usedOneTimePrekeyID: nil, remoteIdentity: working.remoteIdentity)
            } catch {
                if firstError == nil || error == .duplicateMessage { firstError = error }
            }
        }
        throw firstError ?? .noSession
    }

    /// The current session followed by the previous ones.
    private var sessions: [RatchetSession] {
        (current.map { [$0] } ?? []) + previous
    }

    /// Stores a session that decrypted a message, making it current if it was a previous one.
    private mutating func commit(_ session: RatchetSession, at index: Int) {
        var others = sessions
        others.remove(at: index)
        current = session
        previous = others
    }

    private mutating func accept(
        _ initial: InitialMessage, identity: IdentityKeys, expected: IdentityKeys.PublicBundle?,
        signedPrekey: (UInt32) -> SignedPrekey?, oneTimePrekey: (UInt32) -> OneTimePrekey?
    ) throws(E2EError) -> Received {
        guard let signed = signedPrekey(initial.signedPrekeyID) else { throw .unknownPrekey(initial.signedPrekeyID) }
        var oneTime: OneTimePrekey?
        if let id = initial.oneTimePrekeyID {
            guard let found = oneTimePrekey(id) else { throw .unknownPrekey(id) }
            oneTime = found
        }
        let response = try X3DH.respond(to: initial, identity: identity, signedPrekey: signed, oneTimePrekey: oneTime)
        // Authenticated, but by someone else than the pinned identity: a hard stop, never a silent replacement.
        if let expected, expected != initial.identity { throw .identityChanged }
        let event: Event
        if let current, current.pendingPrekey == nil || current.remoteIdentity != initial.identity {
            event = .reset(identityChanged: current.remoteIdentity != initial.identity)
        } else {
            // No session, or only our own unanswered one (both sides started at once): nothing was reset.
            event = .established
        }
        install(response.session)
        return Received(plaintext: response.plaintext, event: event,
                        usedOneTimePrekeyID: response.usedOneTimePrekeyID, remoteIdentity: initial.identity)
    }
}
