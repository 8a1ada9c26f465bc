import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordProtocol
import XCTest

/// Reports with real daemon and CLI processes: a member's report reaches only the room's facilitators, with the
/// reported person's own signed words; a report that quotes words the person never sent is rejected by their client.
final class ReportTests: XCTestCase {
    /// The reports `person` holds, as JSON objects.
    private func reports(_ person: Person) throws -> [[String: Any]] {
        try person.ok(["reports", "--json"]).compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func testAReportReachesOnlyTheFacilitatorsWithTheSendersOwnWords() throws {
        let community = try Community()
        try community.bea.ok(["send", "Peers", "iets", "gemeens"])
        try community.carla.ok(["send", "Peers", "gewoon", "hallo"])
        XCTAssertEqual(try community.read(community.anna), ["iets gemeens", "gewoon hallo"])
        let sent = try community.anna.ok(["report", "Peers", "@bea", "--note", "Dit voelt niet goed."]).joined()
        XCTAssertTrue(sent.contains("Your report went to fien. Only they can read it."), sent)

        let got = try reports(community.fien)
        XCTAssertEqual(got.count, 1)
        XCTAssertEqual(got.first?["reporter"] as? String, "anna")
        XCTAssertEqual(got.first?["sender"] as? String, "bea")
        XCTAssertEqual(got.first?["text"] as? String, "iets gemeens")
        XCTAssertEqual(got.first?["note"] as? String, "Dit voelt niet goed.")
        XCTAssertEqual(got.first?["verified"] as? Bool, true)
        let screen = try community.fien.ok(["reports"]).joined(separator: "\n")
        XCTAssertTrue(screen.contains("anna reported a message from bea in Peers. Klankbord checked that bea wrote it:"), screen)
        // Nobody else gets it: not the reported person, not the other members.
        for person in [community.bea, community.carla, community.anna] {
            XCTAssertEqual(try person.ok(["reports"]), ["There are no reports."])
        }
    }

    func testBadReportsGetAClearSentence() throws {
        let community = try Community()
        try community.anna.ok(["send", "Peers", "van", "mij"])
        let own = try community.anna.run(["report", "Peers", "@anna"])
        XCTAssertEqual(own.status, 1)
        XCTAssertTrue(own.error.contains("This is your own message"), own.error)
        let missing = try community.anna.run(["report", "Peers", "999"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.error.contains("This message is not on this device."), missing.error)
        let nobody = try community.anna.run(["report", "Peers", "dora"])
        XCTAssertTrue(nobody.error.contains("There is no message from dora on this device."), nobody.error)
    }

    func testAReportQuotingWordsTheSenderNeverSentIsRejectedByTheFacilitatorsClient() throws {
        let community = try Community()
        try community.bea.ok(["send", "Peers", "echt", "bericht"])
        let line = try XCTUnwrap(community.anna.ok(["read", "Peers", "--json"]).last { $0.contains("echt bericht") })
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let seq = try XCTUnwrap((object["seq"] as? NSNumber)?.uint64Value)
        let room = try XCTUnwrap((object["room"] as? NSNumber)?.uint64Value)
        let hostile = HostileServer(community: community)
        let bea = try hostile.account("bea"), fien = try hostile.account("fien")

        // anna, hostile, keeps bea's signature but puts her own words (under her own key) in the message.
        let profile = try Profile(openingAt: community.anna.profile.path, passphrase: { nil })
        let account = try XCTUnwrap(profile.account)
        let connection = try ClientConnection(address: account.server, serverKey: account.serverKey, deviceKey: try profile.deviceKey())
        let messenger = Messenger(profile: profile, connection: connection, account: account)
        let proof = try XCTUnwrap(profile.proof(room: room, seq: seq))
        let real = try SenderKeyMessage(serialized: proof.message)
        let key = SecretBytes(randomCount: 32)
        let words = "bea schreef iets heel ergs"
        let ciphertext = try KeyDerivation.seal(PayloadEvent(content: .text(words)).serialized(), messageKey: key, info: KeyDerivation.senderKeyMessageInfo,
                                                associatedData: SenderKeyMessage.associatedData(roomID: room, epoch: real.epoch, index: real.index))
        let forged = SenderKeyMessage(epoch: real.epoch, index: real.index, ciphertext: ciphertext, signature: real.signature)
        var w = WireWriter(prefix: [ControlMessage.report.rawValue])
        w.u64(room)
        w.u64(seq)
        w.u64(bea)
        w.string("bea")
        w.i64(Int64(Date().timeIntervalSince1970))
        w.string("")
        w.data(forged.serialized())
        w.secret(key)
        let sealed = try messenger.sealForPerson(w.bytes, to: fien, handle: "fien")
        XCTAssertEqual(try connection.call(.inboxPutMany([InboxDelivery(recipient: fien, payload: sealed)])), .deliveries([.delivered]))

        let got = try reports(community.fien)
        XCTAssertEqual(got.count, 1)
        XCTAssertEqual(got.first?["verified"] as? Bool, false)
        XCTAssertEqual(got.first?["text"] as? String, "")
        let screen = try community.fien.ok(["reports"]).joined(separator: "\n")
        XCTAssertTrue(screen.contains("anna sent a report about bea in Peers, but bea did not write those words."), screen)
        XCTAssertFalse(screen.contains(words), screen)
    }
}
