import Foundation
import Glibc
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordSystem
import XCTest

/// A full disk: sends get `storage_full`, reads keep working, and sending works again once there is room.
/// Needs a small tmpfs, so it runs only where mounting is allowed (as root, like CI here).
final class DiskFullTests: XCTestCase {
    func testFullDiskRefusesSendsKeepsReadsAndRecovers() throws {
        let mountPoint = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: mountPoint) }
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=6m", "tmpfs", mountPoint.path]) == 0 else {
            throw XCTSkip("mounting a tmpfs is not allowed here")
        }
        defer { _ = Self.run("/bin/umount", ["-l", mountPoint.path]) }

        let daemon = try DaemonProcess(dataDirectory: mountPoint.appendingPathComponent("var"))
        let address = ServerAddress(host: "127.0.0.1", port: daemon.port)
        let serverKey = try X25519.PrivateKey(secret: KeyFile.load(path: daemon.dataDirectory.path + "/server.key", length: 32)).publicKey
        let me = try ClientConnection(address: address, serverKey: serverKey, deviceKey: X25519.PrivateKey())
        _ = try me.call(.redeem(secret: try InviteCode(parsing: XCTUnwrap(daemon.firstInvite)).secret, handle: "root"))
        guard case let .inviteCreated(_, secret, _, _) = try me.call(.inviteCreate(role: .facilitator, room: nil, uses: 1, expiresInSeconds: 3600)) else { return XCTFail() }
        let fien = try ClientConnection(address: address, serverKey: serverKey, deviceKey: X25519.PrivateKey())
        _ = try fien.call(.redeem(secret: secret, handle: "fien"))
        guard case let .room(room, _) = try fien.call(.roomCreate(name: "Peers")) else { return XCTFail() }
        try fien.send(payload: [1] + Array(repeating: 7, count: 1000), to: room)

        // Fill what is left of the disk.
        let filler = mountPoint.appendingPathComponent("filler").path
        _ = Self.run("/bin/dd", ["if=/dev/zero", "of=" + filler, "bs=64k"])

        var refused = false
        for _ in 0..<50 where !refused {
            do {
                try fien.send(payload: [1] + Array(repeating: 8, count: 8000), to: room)
            } catch .server(.storageFull) {
                refused = true
            }
        }
        XCTAssertTrue(refused, "a send on a full disk gets storage_full")
        XCTAssertFalse(try fien.events(in: room, after: 0).isEmpty, "reads still work")
        guard case let .rooms(listed) = try fien.call(.rooms) else { return XCTFail("rooms did not answer rooms") }
        XCTAssertEqual(listed.map(\.id), [room], "listing rooms still works and shows the room")
        XCTAssertTrue(daemon.isRunning)

        unlink(filler)
        try fien.send(payload: [1, 9], to: room)
        XCTAssertEqual(try fien.events(in: room, after: 0).last?.payload, [1, 9], "sending works again once there is room")
        XCTAssertEqual(daemon.terminate(), 0)
    }

    @discardableResult
    private static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
