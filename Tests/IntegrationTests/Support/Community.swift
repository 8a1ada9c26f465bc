import Foundation
import XCTest

/// A running daemon with an operator, a facilitator (fien) and a room "Peers" with anna, bea and carla.
final class Community {
    let base: URL
    let daemon: DaemonProcess
    let op: Person
    let fien: Person
    let anna: Person
    let bea: Person
    let carla: Person

    init(daemonArguments: [String] = []) throws {
        base = try Products.temporaryDirectory()
        daemon = try DaemonProcess(dataDirectory: base.appendingPathComponent("var"), arguments: daemonArguments)
        op = Person(base, "op")
        fien = Person(base, "fien")
        anna = Person(base, "anna")
        bea = Person(base, "bea")
        carla = Person(base, "carla")
        let first = try XCTUnwrap(daemon.firstInvite)
        try op.ok(["join", first, "--handle", "root"])
        let facilitatorInvite = try XCTUnwrap(op.ok(["invite", "create", "--role", "facilitator"]).first)
        try fien.ok(["join", facilitatorInvite, "--handle", "fien"])
        try fien.ok(["room", "create", "Peers"])
        let roomInvite = try XCTUnwrap(fien.ok(["room", "invite", "Peers", "--uses", "3"]).first)
        for (person, handle) in [(anna, "anna"), (bea, "bea"), (carla, "carla")] {
            try person.ok(["join", roomInvite, "--handle", handle])
        }
    }

    /// The texts of the messages `person` reads now in `room`, in order.
    func read(_ person: Person, _ room: String = "Peers") throws -> [String] {
        try person.ok(["read", room, "--json"]).compactMap { line in
            // Notices (a changed code, a member only the server lists) are plain lines between the messages.
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return object["text"] as? String
        }
    }

    /// Reads repeatedly (for up to `timeout` seconds) until `count` new messages have arrived; for
    /// messages another process is still sending.
    func read(_ person: Person, _ room: String = "Peers", waitingFor count: Int, timeout: Double = 10) throws -> [String] {
        var texts: [String] = []
        let deadline = Date().addingTimeInterval(timeout)
        while texts.count < count && Date() < deadline {
            texts += try read(person, room)
            if texts.count < count { usleep(50_000) }
        }
        return texts
    }

    deinit {
        daemon.terminate()
        try? FileManager.default.removeItem(at: base)
    }
}
