/// The protocol state of one client connection on the server, without any I/O: fed whole Noise
/// messages, it answers with actions for the event loop to carry out.
///
/// Handshake: the client's first message carries a one-byte payload, the protocol version; the server's
/// answer carries `[version, status]` with status 0 (go on) or 1 (version not supported, then close).
struct ServerConnection {
    enum State {
        case handshaking(Noise.HandshakeState)
        case established(Noise.Transport)
        case closed
    }

    /// What the event loop should do next.
    enum Action: Equatable {
        /// Send these bytes as they are (a framed handshake message).
        case sendRaw([UInt8])
        /// The handshake is done: tell the relay who this is.
        case opened(deviceKey: [UInt8])
        case request(id: UInt32, Request)
        /// Tell the client what went wrong with its last message, then close.
        case failAndClose(ErrorCode, requestID: UInt32, type: MessageType)
        case close
    }

    static let statusOK: UInt8 = 0
    static let statusUnsupportedVersion: UInt8 = 1

    private(set) var state: State
    /// The largest event payload a request may carry; larger ones are still decoded (up to a frame) and refused by the relay.
    let payloadLimit: Int

    init(serverKey: X25519.PrivateKey, payloadLimit: Int = Noise.maxMessageLength) {
        state = .handshaking(Noise.HandshakeState(responderWithStatic: serverKey, prologue: Noise.prologue))
        self.payloadLimit = payloadLimit
    }

    var isEstablished: Bool {
        if case .established = state { return true }
        return false
    }

    /// Handles one Noise message (the bytes after the length prefix).
    mutating func receive(_ message: [UInt8]) -> [Action] {
        switch state {
        case .closed:
            return []
        case var .handshaking(handshake):
            do {
                let payload = try handshake.readMessage(message)
                guard let key = handshake.remoteStaticKey else { return fail() }
                let supported = payload.first == WireMessage.version
                let reply = try handshake.writeMessage(payload: [WireMessage.version, supported ? Self.statusOK : Self.statusUnsupportedVersion])
                guard supported else {
                    state = .closed
                    return [.sendRaw(Noise.frame(reply)), .close]
                }
                state = .established(try handshake.split())
                return [.sendRaw(Noise.frame(reply)), .opened(deviceKey: key.bytes)]
            } catch {
                return fail()
            }
        case var .established(transport):
            let plaintext: [UInt8]
            do {
                plaintext = try transport.decrypt(message)
            } catch {
                return fail()
            }
            state = .established(transport)
            do {
                switch try WireMessage.decode(plaintext, payloadLimit: payloadLimit) {
                case let .request(id, request):
                    return [.request(id: id, request)]
                case .response, .error, .push:
                    return failAndClose(.malformed, plaintext)
                }
            } catch .unknownType {
                return failAndClose(.unknownType, plaintext)
            } catch .fieldTooLong {
                return failAndClose(.tooLarge, plaintext)
            } catch {
                return failAndClose(.malformed, plaintext)
            }
        }
    }

    /// Encrypts one wire message and appends it, framed, to `output`.
    mutating func seal(_ message: [UInt8], into output: inout [UInt8]) -> Bool {
        guard case var .established(transport) = state else { return false }
        let sealed: Bool = message.withUnsafeBytes { raw in
            do {
                try transport.encryptFrame(raw, appendingTo: &output)
                return true
            } catch {
                return false
            }
        }
        state = .established(transport)
        return sealed
    }

    private mutating func fail() -> [Action] {
        state = .closed
        return [.close]
    }

    /// Refuses a message; echoes its request id and type when the header could be read.
    private mutating func failAndClose(_ code: ErrorCode, _ plaintext: [UInt8]) -> [Action] {
        var r = WireReader(plaintext)
        let kind = (try? r.u8()) ?? 0
        let type = (try? r.u8()).flatMap(MessageType.init(rawValue:)) ?? .ping
        let id = kind == WireMessage.Kind.request.rawValue ? ((try? r.u32()) ?? 0) : 0
        return [.failAndClose(code, requestID: id, type: type)]
    }
}
