import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordSystem
import XCTest

/// A raw client that writes many requests at once without waiting, then reads everything the server
/// sends until it closes: for checking what a closing connection still delivers.
final class PipeliningClient {
    private let socket: ClientSocket
    private var transport: Noise.Transport
    private var decoder = Noise.FrameDecoder()

    /// Connects to a daemon and completes the handshake with a fresh device key.
    init(daemon: DaemonProcess) throws {
        let serverKey = try X25519.PrivateKey(secret: KeyFile.load(path: daemon.dataDirectory.path + "/server.key", length: 32)).publicKey
        socket = try ClientSocket(host: "127.0.0.1", port: daemon.port, timeout: 10)
        var handshake = Noise.HandshakeState(initiatorWithStatic: X25519.PrivateKey(), remoteStatic: serverKey, prologue: Noise.prologue)
        try socket.write(Noise.frame(try handshake.writeMessage(payload: [WireMessage.version])), timeout: 10)
        var decoder = Noise.FrameDecoder()
        while true {
            if let frame = try decoder.nextFrame() {
                _ = try handshake.readMessage(frame)
                break
            }
            guard let bytes = try socket.read(timeout: 10) else { throw ClientError.timedOut }
            decoder.append(bytes)
        }
        transport = try handshake.split()
    }

    /// One encrypted frame of `plaintext`, ready to write.
    func frame(_ plaintext: [UInt8]) throws -> [UInt8] {
        Noise.frame(try transport.encrypt(plaintext))
    }

    /// Writes all of `bytes` at once.
    func write(_ bytes: [UInt8]) throws {
        try socket.write(bytes, timeout: 10)
    }

    /// The next `count` messages (fewer when the server closes or `timeout` seconds pass), and whether it closed.
    func read(count: Int, timeout: Double = 10) throws -> (messages: [WireMessage], closed: Bool) {
        var messages: [WireMessage] = []
        let deadline = Date().addingTimeInterval(timeout)
        while messages.count < count, Date() < deadline {
            while messages.count < count, let frame = try decoder.nextFrame() {
                messages.append(try WireMessage.decode(try transport.decrypt(frame)))
            }
            if messages.count >= count { break }
            let bytes: [UInt8]?
            do {
                bytes = try socket.read(timeout: 1)
            } catch .cannotReachServer {
                return (messages, true)
            }
            if let bytes { decoder.append(bytes) }
        }
        return (messages, false)
    }

    /// Every message until the server closes the connection (at most `timeout` seconds), and whether it closed.
    func readUntilClosed(timeout: Double = 20) throws -> (messages: [WireMessage], closed: Bool) {
        var messages: [WireMessage] = []
        // Frames a `read(count:)` already received but did not hand out come first.
        while let frame = try decoder.nextFrame() { messages.append(try WireMessage.decode(try transport.decrypt(frame))) }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let bytes: [UInt8]?
            do {
                bytes = try socket.read(timeout: 1)
            } catch .cannotReachServer {
                return (messages, true)
            }
            guard let bytes else { continue }
            decoder.append(bytes)
            while let frame = try decoder.nextFrame() {
                messages.append(try WireMessage.decode(try transport.decrypt(frame)))
            }
        }
        return (messages, false)
    }
}
