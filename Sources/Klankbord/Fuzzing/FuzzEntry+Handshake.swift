import KlankbordProtocol
import KlankbordServer

extension FuzzEntry {
    /// The server side of the handshake on attacker-chosen bytes. The first byte picks how:
    ///
    /// - 0: the rest is one handshake message for a fresh responder (`readMessage`), which, if it
    ///   is accepted, answers and splits as the server does;
    /// - 1: the rest is a byte stream of framed messages for a fresh `ServerConnection`;
    /// - 2: a real client (fixed keys) completes the handshake with a `ServerConnection`, stating
    ///   the second byte as its protocol version; the rest is `[u16 length] [plaintext]` chunks the
    ///   client encrypts and sends. Each accepted chunk is sealed back by the server and must open
    ///   unchanged at the client.
    static func handshake(_ input: [UInt8]) throws(FuzzViolation) {
        guard let mode = input.first else { return }
        let rest = Array(input.dropFirst())
        switch mode % 3 {
        case 0: responderReads(rest)
        case 1: serverConnectionReads(rest)
        default: try serverConnectionSession(rest)
        }
    }

    private static func responderReads(_ message: [UInt8]) {
        var responder = Noise.HandshakeState(responderWithStatic: FuzzKeys.server, prologue: Noise.prologue)
        guard let payload = try? responder.readMessage(message),
              (try? responder.writeMessage(payload: [payload.first ?? 0, HandshakeStatus.ok])) != nil,
              var transport = try? responder.split() else { return }
        _ = try? transport.encrypt(payload)
    }

    private static func serverConnectionReads(_ stream: [UInt8]) {
        var connection = ServerConnection(serverKey: FuzzKeys.server)
        var decoder = Noise.FrameDecoder()
        decoder.append(stream)
        while let frame = try? decoder.nextFrame() {
            _ = connection.receive(frame)
        }
    }

    private static func serverConnectionSession(_ input: [UInt8]) throws(FuzzViolation) {
        guard let version = input.first else { return }
        var client = Noise.HandshakeState(initiatorWithStatic: FuzzKeys.client, remoteStatic: FuzzKeys.server.publicKey,
                                          prologue: Noise.prologue, ephemeral: FuzzKeys.clientEphemeral)
        var connection = ServerConnection(serverKey: FuzzKeys.server, payloadLimit: 16384)
        guard let hello = try? client.writeMessage(payload: [version]) else { return }
        // A correct client's hello always gets an answer it can read, even when its version is refused.
        guard case .sendRaw(let framedReply)? = connection.receive(hello).first,
              let reply = try? client.readMessage(Array(framedReply.dropFirst(2))),
              reply.count == 2, reply[1] == (version == WireMessage.version ? HandshakeStatus.ok : HandshakeStatus.unsupportedVersion)
        else { throw .transportMismatch }
        guard connection.isEstablished, var transport = try? client.split() else { return }
        var reader = WireReader(Array(input.dropFirst()))
        while reader.remaining > 0 {
            let length = min(Int((try? reader.u16()) ?? 0), reader.remaining)
            guard let chunk = try? reader.fixed(length), let sealed = try? transport.encrypt(chunk) else { return }
            let actions = connection.receive(sealed)
            guard actions.allSatisfy({ if case .request = $0 { true } else { false } }) else { return }
            var output: [UInt8] = []
            guard connection.seal(chunk, into: &output),
                  let opened = try? transport.decrypt(Array(output.dropFirst(2))), opened == chunk else { throw .transportMismatch }
        }
    }
}
