import KlankbordCrypto
import KlankbordProtocol

/// The protocol state of one client connection on the server, without any I/O: fed whole Noise
/// messages, it answers with actions for the event loop to carry out.
///
/// Handshake: the client's first message carries a one-byte payload, the protocol version; the server's
/// answer carries `[version, status]` with status 0 (go on) or 1 (version not supported, then close).
package struct ServerConnection {

    /// What the event loop should do next.
    package enum Action: Equatable {
        /// Send these bytes as they are (a framed handshake message).
        case sendRaw([UInt8])
        /// The handshake is done: tell the relay who this is.
        case opened(deviceKey: [UInt8])
        case request(id: UInt32, Request)
        /// Tell the client what went wrong with its last message, then close.
        case failAndClose(ErrorCode, requestID: UInt32, type: MessageType)
        case close
    }

    // The phases as separate stored values rather than one enum with payloads: encrypting a push then
    // mutates the transport in place instead of copying it out of an enum and back for every message.
    private var handshake: Noise.HandshakeState?
    private var transport: Noise.Transport?
    private var closed = false
    /// The largest event payload a request may carry; larger ones are still decoded (up to a frame) and refused by the relay.
    let payloadLimit: Int

    /// During a key change (`klankbordd rotate-key`), the previous server key: a first message that does not
    /// open under the current key is tried under this one, so devices that still know only it can connect.
    private let previousKey: X25519.PrivateKey?
    /// Whether the handshake opened under the previous key (counted for the metrics page).
    package private(set) var openedWithPreviousKey = false

    package init(serverKey: X25519.PrivateKey, previousKey: X25519.PrivateKey? = nil, payloadLimit: Int = Noise.maxMessageLength) {
        handshake = Noise.HandshakeState(responderWithStatic: serverKey, prologue: Noise.prologue)
        self.previousKey = previousKey
        self.payloadLimit = payloadLimit
    }

    package var isEstablished: Bool { transport != nil && !closed }

    /// Handles one Noise message (the bytes after the length prefix).
    package mutating func receive(_ message: [UInt8]) -> [Action] {
        if closed { return [] }
        if transport == nil {
            return handshakeStep(message)
        }
        let plaintext: [UInt8]
        do {
            guard let opened = try transport?.decrypt(message) else { return fail() }
            plaintext = opened
        } catch {
            return fail()
        }
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

    private mutating func handshakeStep(_ message: [UInt8]) -> [Action] {
        guard var current = handshake else { return fail() }
        do {
            let payload: [UInt8]
            do {
                payload = try current.readMessage(message)
            } catch {
                // Noise IK: the client encrypted to one static key; the current is tried first, then the previous.
                guard let previousKey else { throw error }
                current = Noise.HandshakeState(responderWithStatic: previousKey, prologue: Noise.prologue)
                payload = try current.readMessage(message)
                openedWithPreviousKey = true
            }
            guard let key = current.remoteStaticKey else { return fail() }
            let supported = payload.first == WireMessage.version
            let reply = try current.writeMessage(payload: [WireMessage.version, supported ? HandshakeStatus.ok : HandshakeStatus.unsupportedVersion])
            handshake = nil
            guard supported else {
                closed = true
                return [.sendRaw(Noise.frame(reply)), .close]
            }
            transport = try current.split()
            return [.sendRaw(Noise.frame(reply)), .opened(deviceKey: key.bytes)]
        } catch {
            return fail()
        }
    }

    /// Encrypts one wire message and appends it, framed, to `output`.
    /// Still works after a failed input message, so answers already owed can go out before the close.
    package mutating func seal(_ message: [UInt8], into output: inout [UInt8]) -> Bool {
        guard transport != nil else { return false }
        return message.withUnsafeBytes { raw in
            do {
                try transport?.encryptFrame(raw, appendingTo: &output)
                return true
            } catch {
                return false
            }
        }
    }

    private mutating func fail() -> [Action] {
        // The transport stays for sending only: input ends here, answers already owed still go out.
        closed = true
        handshake = nil
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
