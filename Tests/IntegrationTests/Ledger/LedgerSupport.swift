import Foundation
@testable import KlankbordClient
import Klankbord
import XCTest

/// A community with the ledger started by fien, and a second facilitator (gea) ready to be added.
extension Community {
    /// Makes gea a facilitator of the community (not yet in the ledger room).
    func addFacilitator(_ name: String) throws -> Person {
        let person = Person(base, name)
        let code = try XCTUnwrap(op.ok(["invite", "create", "--role", "facilitator"]).first)
        try person.ok(["join", code, "--handle", name])
        return person
    }

    /// Invites `person` (a facilitator) into fien's ledger room and lets them take it as their ledger.
    func joinLedger(_ person: Person) throws {
        let code = try XCTUnwrap(fien.ok(["room", "invite", "ledger"]).first)
        try person.ok(["join", code])
        try person.ok(["ledger", "init", "ledger"])
    }
}

/// The payment id (8 hex characters) in a line such as "Payment 1a2b3c4d for anna is proposed: €25.00."
func paymentID(in lines: [String]) throws -> String {
    let joined = lines.joined(separator: "\n")
    let pattern = try NSRegularExpression(pattern: "\\b[0-9a-f]{8}\\b")
    let match = try XCTUnwrap(pattern.firstMatch(in: joined, range: NSRange(joined.startIndex..., in: joined)), joined)
    return String(joined[try XCTUnwrap(Range(match.range, in: joined))])
}

/// Every file under `folder` (the daemon's data directory: database, WAL, backups) and the daemon's log.
func serverFiles(_ community: Community) throws -> [URL] {
    var files = [community.daemon.logFile]
    let enumerator = FileManager.default.enumerator(at: community.daemon.dataDirectory, includingPropertiesForKeys: nil)
    while let url = enumerator?.nextObject() as? URL {
        if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(url) }
    }
    return files
}

extension Person {
    /// This person's own client opened in the test process, for events whose commands are not built yet (meetings,
    /// consultations) or that a client would never send (a forged payment).
    func messengerInProcess() throws -> (Messenger, Profile) {
        let profile = try Profile(openingAt: profile.path) { nil }
        let account = try XCTUnwrap(profile.account)
        let connection = try ClientConnection(address: account.server, serverKey: account.serverKey, deviceKey: try profile.deviceKey())
        return (Messenger(profile: profile, connection: connection, account: account), profile)
    }
}
