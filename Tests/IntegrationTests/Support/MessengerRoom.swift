import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordSystem
import XCTest

/// A real daemon with a room "Peers" of a facilitator (made without keys or a signed log) and three people,
/// each with a profile, a connection and a messenger, keys published: the stage of the `Messenger` tests.
enum MessengerRoom {
    /// One person on one device: a profile in a temporary folder, a connection and a messenger.
    struct Device {
        let profile: Profile
        let connection: ClientConnection
        let messenger: Messenger
        let id: UInt64
    }

    /// A room "Peers" of a facilitator (without keys) and three people with a profile each, all with keys published.
    static func make(_ base: URL) throws -> (room: RoomSummary, facilitator: ClientConnection, people: [Device], daemon: DaemonProcess) {
        let daemon = try DaemonProcess(dataDirectory: base.appendingPathComponent("var"))
        let address = ServerAddress(host: "127.0.0.1", port: daemon.port)
        let serverKey = try X25519.PrivateKey(secret: KeyFile.load(path: daemon.dataDirectory.path + "/server.key", length: 32)).publicKey
        func secret(_ response: Response) throws -> [UInt8] {
            guard case let .inviteCreated(_, secret, _, _) = response else { throw ClientError.protocolViolation }
            return secret
        }
        let op = try ClientConnection(address: address, serverKey: serverKey, deviceKey: X25519.PrivateKey())
        _ = try op.call(.redeem(secret: try InviteCode(parsing: XCTUnwrap(daemon.firstInvite)).secret, handle: "root"))
        let facilitator = try ClientConnection(address: address, serverKey: serverKey, deviceKey: X25519.PrivateKey())
        _ = try facilitator.call(.redeem(secret: try secret(op.call(.inviteCreate(role: .facilitator, room: nil, uses: 1, expiresInSeconds: 3600))), handle: "fien"))
        guard case let .room(roomID, _) = try facilitator.call(.roomCreate(name: "Peers")) else { throw ClientError.protocolViolation }
        let invite = try secret(facilitator.call(.inviteCreate(role: .member, room: roomID, uses: 3, expiresInSeconds: 3600)))
        var people: [Device] = []
        for handle in ["anna", "bea", "carla"] {
            let profile = try Profile.create(at: base.appendingPathComponent(handle).path, passphrase: nil)
            let connection = try ClientConnection(address: address, serverKey: serverKey, deviceKey: try profile.deviceKey())
            guard case let .redeemed(account, _, _, _) = try connection.call(.redeem(secret: invite, handle: handle)) else { throw ClientError.protocolViolation }
            let messenger = Messenger(profile: profile, connection: connection,
                                      account: Profile.Account(server: address, serverKey: serverKey, id: account.id, handle: handle, role: .member))
            try messenger.publishKeys(force: true)
            people.append(Device(profile: profile, connection: connection, messenger: messenger, id: account.id))
        }
        guard case let .rooms(rooms) = try people[0].connection.call(.rooms), let summary = rooms.first(where: { $0.id == roomID }) else {
            throw ClientError.protocolViolation
        }
        return (summary, facilitator, people, daemon)
    }

}

/// A test case with a temporary folder and, once `room()` made it, the daemon of a `MessengerRoom`.
class MessengerRoomTestCase: XCTestCase {
    var base = URL(fileURLWithPath: "/nonexistent")
    private var daemon: DaemonProcess?

    override func setUpWithError() throws {
        base = try Products.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        daemon?.terminate()
        try? FileManager.default.removeItem(at: base)
    }

    /// The stage: a daemon, the room "Peers", its facilitator's connection and three people.
    func room() throws -> (room: RoomSummary, facilitator: ClientConnection, people: [MessengerRoom.Device]) {
        let made = try MessengerRoom.make(base)
        daemon = made.daemon
        return (made.room, made.facilitator, made.people)
    }
}
