import XCTest
import Klankbord
@testable import KlankbordTrust

/// An invite code's commitment pins the inviter and the logs they held, so a server cannot show a joiner
/// another history (docs/TRUST.md, "Anchors").
final class InviteAnchorTests: XCTestCase {
    var community = TrustCommunity()
    let secret = TrustCommunity.secret()

    /// fien appends a room invite and makes the code's commitment from the heads right after it.
    func roomInviteCommitment() throws -> [UInt8] {
        community.roomChain.append(try community.roomChain.invite(secret: secret), by: community.fien)
        let context = InviteContext.context(rosterHead: community.rosterChain.head, roomHead: community.roomChain.head)
        return InviteContext.commitment(inviter: community.fien.bundle, context: context)
    }

    func testARoomInvitePinsTheInviterEvenAfterTheRosterMovedOn() throws {
        let commitment = try roomInviteCommitment()
        community.rosterChain.append(.add(account: 3, handle: "ann", identity: community.ann.bundle, role: .trusted), by: community.fien)
        let inviter = try InviteAnchor.verify(commitment: commitment, inviteKey: try InviteKey(secret: secret).publicKey,
                                              roster: community.roster, room: community.room())
        XCTAssertEqual(inviter, community.fien.bundle)
    }

    func testARosterPrefixTheInviterDidNotHoldIsDetected() throws {
        community.rosterChain.append(.add(account: 3, handle: "ann", identity: community.ann.bundle, role: .trusted), by: community.fien)
        let commitment = try roomInviteCommitment()
        // The server withholds ann's roster entry from the joiner.
        let withheld = Roster(entries: Array(community.rosterChain.entries.prefix(2)))
        XCTAssertThrowsError(try InviteAnchor.verify(commitment: commitment, inviteKey: try InviteKey(secret: secret).publicKey,
                                                     roster: withheld, room: community.room())) {
            XCTAssertEqual($0 as? InviteAnchor.Mismatch, .commitmentMismatch)
        }
    }

    func testAWithheldInviteOrAnotherInviterIsDetected() throws {
        let commitment = try roomInviteCommitment()
        var withoutInvite = RoomMembership(room: TrustCommunity.roomID)
        withoutInvite.apply(community.roomChain.entries[0], roster: community.roster)
        XCTAssertThrowsError(try InviteAnchor.verify(commitment: commitment, inviteKey: try InviteKey(secret: secret).publicKey,
                                                     roster: community.roster, room: withoutInvite)) {
            XCTAssertEqual($0 as? InviteAnchor.Mismatch, .inviteNotInLog)
        }
        let context = InviteContext.context(rosterHead: community.rosterChain.head, roomHead: community.roomChain.head)
        let impostor = InviteContext.commitment(inviter: community.ann.bundle, context: context)
        XCTAssertThrowsError(try InviteAnchor.verify(commitment: impostor, inviteKey: try InviteKey(secret: secret).publicKey,
                                                     roster: community.roster, room: community.room())) {
            XCTAssertEqual($0 as? InviteAnchor.Mismatch, .commitmentMismatch)
        }
        XCTAssertNoThrow(try InviteAnchor.verify(commitment: commitment, inviteKey: try InviteKey(secret: secret).publicKey,
                                                 roster: community.roster, room: community.room()))
    }

    func testARosterInvitePinsTheRosterAtItsInviteEntry() throws {
        community.rosterChain.append(try community.rosterChain.invite(secret: secret, role: .facilitator, uses: 1), by: community.op)
        let commitment = InviteContext.commitment(inviter: community.op.bundle,
                                                  context: InviteContext.context(rosterHead: community.rosterChain.head, roomHead: nil))
        XCTAssertEqual(try InviteAnchor.verify(commitment: commitment, inviteKey: try InviteKey(secret: secret).publicKey,
                                               roster: community.roster, room: nil), community.op.bundle)
        let other = Roster(entries: Array(community.rosterChain.entries.prefix(2)))
        XCTAssertThrowsError(try InviteAnchor.verify(commitment: commitment, inviteKey: try InviteKey(secret: secret).publicKey, roster: other, room: nil)) {
            XCTAssertEqual($0 as? InviteAnchor.Mismatch, .inviteNotInLog)
        }
    }
}
