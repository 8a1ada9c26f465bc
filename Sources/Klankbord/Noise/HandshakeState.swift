import KlankbordCrypto

extension Noise {
    /// A HandshakeState (spec section 5.3) for pattern IK, one side of one handshake:
    ///
    ///     IK:
    ///       <- s
    ///       ...
    ///       -> e, es, s, ss
    ///       <- e, ee, se
    ///
    /// The initiator writes message 1 and reads message 2; the responder reads message 1 and writes
    /// message 2; then each calls `split()` once for its `Transport`. A read or write that fails
    /// for a cryptographic reason leaves the handshake failed: every later call throws `wrongState`.
    ///
    /// - Warning: Payloads of message 1 are sent before the responder is authenticated and have no
    ///   forward secrecy against a compromise of the responder's static key (spec section 7.7).
    public struct HandshakeState: Sendable {
        enum Role: Sendable { case initiator, responder }

        /// Where the handshake stands.
        enum Step: Sendable, Equatable {
            /// Message 1 (`-> e, es, s, ss`) is next.
            case message1
            /// Message 2 (`<- e, ee, se`) is next.
            case message2
            /// Both messages are done; `split()` may be called.
            case complete
            /// `split()` has handed out the transport keys.
            case split
            /// A message failed; the handshake cannot go on.
            case failed
        }

        let role: Role
        var step: Step = .message1
        var symmetric: SymmetricState
        let localStatic: X25519.PrivateKey
        var localEphemeral: X25519.PrivateKey?
        var remoteStatic: X25519.PublicKey?
        var remoteEphemeral: X25519.PublicKey?

        /// The initiator's side: it knows the responder's static key in advance (the `<- s` pre-message).
        ///
        /// - Parameter ephemeral: a fixed ephemeral key for test vectors only; leave it nil so a
        ///   fresh one is made. Reusing an ephemeral key destroys the handshake's secrecy.
        public init(initiatorWithStatic localStatic: X25519.PrivateKey, remoteStatic: X25519.PublicKey,
                    prologue: [UInt8], ephemeral: X25519.PrivateKey? = nil) {
            self.init(role: .initiator, localStatic: localStatic, remoteStatic: remoteStatic, prologue: prologue, ephemeral: ephemeral)
        }

        /// The responder's side: it learns the initiator's static key from message 1.
        ///
        /// - Parameter ephemeral: a fixed ephemeral key for test vectors only; leave it nil.
        public init(responderWithStatic localStatic: X25519.PrivateKey, prologue: [UInt8], ephemeral: X25519.PrivateKey? = nil) {
            self.init(role: .responder, localStatic: localStatic, remoteStatic: nil, prologue: prologue, ephemeral: ephemeral)
        }

        /// Initialize(): protocol name, prologue, then the pre-message `<- s` (the responder's static key).
        private init(role: Role, localStatic: X25519.PrivateKey, remoteStatic: X25519.PublicKey?,
                     prologue: [UInt8], ephemeral: X25519.PrivateKey?) {
            self.role = role
            self.localStatic = localStatic
            self.remoteStatic = remoteStatic
            self.localEphemeral = ephemeral
            symmetric = SymmetricState(protocolName: Array(Noise.protocolName.utf8))
            symmetric.mixHash(prologue)
            let responderStatic = role == .initiator ? remoteStatic : localStatic.publicKey
            symmetric.mixHash(responderStatic?.bytes ?? [])
        }

        /// The peer's static public key: known from the start for the initiator, after message 1
        /// for the responder. Only trust it once the handshake is complete.
        public var remoteStaticKey: X25519.PublicKey? { remoteStatic }

        /// Whether both handshake messages have been written or read successfully.
        public var isComplete: Bool { step == .complete || step == .split }

        /// The handshake hash `h`. Once complete, it identifies this session uniquely and may be
        /// signed or compared for channel binding (spec section 11.2).
        public var handshakeHash: [UInt8] { symmetric.hash }

        /// Split(): the transport for this side, once the handshake is complete. Callable once:
        /// a second transport with the same keys would reuse nonces.
        public mutating func split() throws(NoiseError) -> Transport {
            guard step == .complete else { throw .wrongState }
            step = .split
            let (initiatorToResponder, responderToInitiator) = symmetric.split()
            switch role {
            case .initiator: return Transport(sender: initiatorToResponder, receiver: responderToInitiator)
            case .responder: return Transport(sender: responderToInitiator, receiver: initiatorToResponder)
            }
        }

        /// Whether it is this side's turn to write (otherwise, if the handshake is going, to read).
        var isOurTurnToWrite: Bool {
            (role == .initiator && step == .message1) || (role == .responder && step == .message2)
        }

        /// Whether it is this side's turn to read.
        var isOurTurnToRead: Bool {
            (role == .responder && step == .message1) || (role == .initiator && step == .message2)
        }
    }
}
