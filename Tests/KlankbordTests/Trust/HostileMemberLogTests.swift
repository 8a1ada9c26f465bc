import XCTest
import Klankbord
@testable import KlankbordTrust

/// What a hostile member (or a server replaying and reordering entries) tries against a room log, and why
/// each attempt changes nothing but a warning.
final class HostileMemberLogTests: XCTestCase {
    var community = TrustCommunity()
    let secret = TrustCommunity.secret()

    /// fien invites with `secret` (5 uses, expiring at 1_900_000_000); ann and bea join with it.
    func withMembers() throws {
        community.roomChain.append(try community.roomChain.invite(secret: secret), by: community.fien)
        community.roomChain.append(try community.roomChain.join(community.ann, secret: secret), by: community.ann)
        community.roomChain.append(try community.roomChain.join(community.bea, secret: secret), by: community.bea)
    }

    func testAnEntryWithAForgedAuthorIsIgnored() throws {
        try withMembers()
        // ann writes "fien removes bea": fien's account id, ann's signature.
        let forged = community.roomChain.make(.remove(account: community.bea.account), by: community.ann, author: community.fien.account)
        let room = community.room([forged])
        XCTAssertEqual(room.log.refusals, [.badSignature])
        XCTAssertTrue(room.memberIDs.contains(community.bea.account))
    }

    func testAMemberCannotRemoveSomeoneOrInvite() throws {
        try withMembers()
        let remove = community.roomChain.make(.remove(account: community.bea.account), by: community.ann)
        XCTAssertEqual(community.room([remove]).log.refusals, [.notAuthorised])
        let invite = community.roomChain.make(try community.roomChain.invite(secret: TrustCommunity.secret()), by: community.ann)
        XCTAssertEqual(community.room([invite]).log.refusals, [.notAuthorised])
        let add = community.roomChain.make(.add(account: 5, handle: "cor", identity: community.cor.bundle, role: .member), by: community.ann)
        XCTAssertEqual(community.room([add]).log.refusals, [.notAuthorised])
    }

    func testAJoinWithAForgedInviteProofIsIgnored() throws {
        try withMembers()
        // cor never saw the code: he signs the proof with a key of his own.
        let guess = try community.roomChain.join(community.cor, secret: TrustCommunity.secret())
        guard case var .join(join) = guess else { return XCTFail("a join body") }
        join.inviteKey = try InviteKey(secret: secret).publicKey
        let entry = community.roomChain.make(.join(join), by: community.cor)
        XCTAssertEqual(community.room([entry]).log.refusals, [.badProof])
        // A join through an invite this log never created.
        let unknown = community.roomChain.make(try community.roomChain.join(community.cor, secret: TrustCommunity.secret()), by: community.cor)
        XCTAssertEqual(community.room([unknown]).log.refusals, [.inviteUnknown])
    }

    func testAfterRemovalTheOldInviteIsRefusedAndANewOneWorks() throws {
        try withMembers()
        community.roomChain.append(.remove(account: community.ann.account), by: community.fien)
        let again = community.roomChain.make(try community.roomChain.join(community.ann, secret: secret), by: community.ann)
        let refused = community.room([again])
        XCTAssertEqual(refused.log.refusals, [.banned])
        XCTAssertFalse(refused.memberIDs.contains(community.ann.account))
        // bea, who was not removed, could still use it (leave, then rejoin) — only the removed account is banned.
        let newSecret = TrustCommunity.secret()
        community.roomChain.append(try community.roomChain.invite(secret: newSecret, uses: 1), by: community.fien)
        community.roomChain.append(try community.roomChain.join(community.ann, secret: newSecret), by: community.ann)
        let readmitted = community.room()
        XCTAssertTrue(readmitted.memberIDs.contains(community.ann.account), "a new code made on purpose lets ann back in")
        XCTAssertEqual(readmitted.log.warnings, [])
    }

    func testAFacilitatorMayAddARemovedMemberBackOnPurpose() throws {
        try withMembers()
        community.roomChain.append(.remove(account: community.ann.account), by: community.fien)
        community.roomChain.append(.add(account: community.ann.account, handle: "ann", identity: community.ann.bundle, role: .member), by: community.fien)
        let room = community.room()
        XCTAssertTrue(room.memberIDs.contains(community.ann.account))
        XCTAssertEqual(room.log.warnings, [])
        // Her handle was free again after the removal, and is taken again now.
        let copycat = community.roomChain.make(try community.roomChain.join(community.cor, secret: secret, handle: "Ann"), by: community.cor)
        XCTAssertEqual(community.room([copycat]).log.refusals, [.handleTaken])
    }

    func testALeaverMayComeBackThroughTheSameInvite() throws {
        try withMembers()
        community.roomChain.append(.leave, by: community.bea)
        community.roomChain.append(try community.roomChain.join(community.bea, secret: secret), by: community.bea)
        XCTAssertTrue(community.room().memberIDs.contains(community.bea.account))
    }

    func testUsesCannotBeExceeded() throws {
        let one = TrustCommunity.secret()
        community.roomChain.append(try community.roomChain.invite(secret: one, uses: 1), by: community.fien)
        community.roomChain.append(try community.roomChain.join(community.ann, secret: one), by: community.ann)
        let second = community.roomChain.make(try community.roomChain.join(community.bea, secret: one), by: community.bea)
        XCTAssertEqual(community.room([second]).log.refusals, [.inviteUsedUp])
    }

    func testAnExpiredOrRevokedInviteIsRefused() throws {
        community.roomChain.append(try community.roomChain.invite(secret: secret, expires: 1_800_000_000), by: community.fien)
        let late = community.roomChain.make(try community.roomChain.join(community.ann, secret: secret), by: community.ann, time: 1_800_000_001)
        XCTAssertEqual(community.room([late]).log.refusals, [.inviteExpired])
        community.roomChain.append(.revoke(inviteKey: try InviteKey(secret: secret).publicKey), by: community.fien)
        let revoked = community.roomChain.make(try community.roomChain.join(community.ann, secret: secret), by: community.ann)
        XCTAssertEqual(community.room([revoked]).log.refusals, [.inviteUnknown])
    }

    func testAJoinReplayedIntoAnotherRoomIsRefused() throws {
        try withMembers()
        // Room 11, also fien's, with an invite made from the same secret (the worst case).
        var other = ChainWriter(scope: 11)
        other.append(.genesis(handle: "fien", identity: community.fien.bundle), by: community.fien)
        other.append(try other.invite(secret: secret), by: community.fien)
        let proofFor10 = try other.join(community.cor, secret: secret, provenFor: TrustCommunity.roomID)
        var room11 = RoomMembership(room: 11)
        for entry in other.entries + [other.make(proofFor10, by: community.cor)] { room11.apply(entry, roster: community.roster) }
        XCTAssertEqual(room11.log.refusals, [.badProof])
        // ann's own join entry of room 10, offered to room 11 as it is.
        room11.apply(community.roomChain.entries[2], roster: community.roster)
        XCTAssertEqual(room11.log.refusals.last, .wrongScope)
        XCTAssertEqual(room11.memberIDs, [community.fien.account])
    }

    func testDroppedReorderedAndDuplicatedEntriesAreReported() throws {
        try withMembers()
        let entries = community.roomChain.entries
        var dropped = RoomMembership(room: TrustCommunity.roomID)
        for entry in [entries[0], entries[1], entries[3]] { dropped.apply(entry, roster: community.roster) }
        XCTAssertEqual(dropped.log.refusals, [.gap])
        XCTAssertEqual(dropped.memberIDs, [community.fien.account], "bea's join names ann's, which was withheld")
        var duplicated = RoomMembership(room: TrustCommunity.roomID)
        for entry in entries + [entries[2]] { duplicated.apply(entry, roster: community.roster) }
        XCTAssertEqual(duplicated.log.refusals, [.duplicate])
        XCTAssertEqual(duplicated.log.invites.first?.value.usesLeft, 3, "a duplicate spends no use")
        XCTAssertEqual(duplicated.log.warnings.first?.position, 4)
    }

    func testAForkKeepsTheFirstContinuationAndWarns() throws {
        try withMembers()
        let base = community.roomChain
        let first = base.make(.remove(account: community.ann.account), by: community.fien)
        let second = base.make(.remove(account: community.bea.account), by: community.fien)
        let room = community.room([first, second])
        XCTAssertEqual(room.log.refusals, [.fork])
        XCTAssertEqual(room.memberIDs, [community.fien.account, community.bea.account])
    }

    func testARemovedMemberCannotWriteAnymore() throws {
        try withMembers()
        community.roomChain.append(.remove(account: community.ann.account), by: community.fien)
        let afterwards = community.roomChain.make(.remove(account: community.bea.account), by: community.ann)
        XCTAssertEqual(community.room([afterwards]).log.refusals, [.notAMember])
    }

    func testAHandleAlreadyInTheRoomIsRefused() throws {
        try withMembers()
        let copycat = community.roomChain.make(try community.roomChain.join(community.cor, secret: secret, handle: "ANN"), by: community.cor)
        XCTAssertEqual(community.room([copycat]).log.refusals, [.handleTaken])
    }

    /// Property: for any delivery order of one writer's valid appends, the state is the state of some prefix of
    /// the chain, and when it is not the whole chain a gap was reported.
    func testEveryDeliveryOrderYieldsTheSameStateOrAReportedGap() throws {
        try withMembers()
        community.roomChain.append(.remove(account: community.ann.account), by: community.fien)
        community.roomChain.append(.leave, by: community.bea)
        let entries = community.roomChain.entries, roster = community.roster
        let prefixes = (0...entries.count).map { n in
            var room = RoomMembership(room: TrustCommunity.roomID)
            for entry in entries.prefix(n) { room.apply(entry, roster: roster) }
            return room.log
        }
        var generator = SeededGenerator(seed: 16)
        for _ in 0..<300 {
            var room = RoomMembership(room: TrustCommunity.roomID)
            for entry in entries.shuffled(using: &generator) { room.apply(entry, roster: roster) }
            let prefix = prefixes[room.log.length]
            XCTAssertEqual(room.log.members, prefix.members)
            XCTAssertEqual(room.log.invites, prefix.invites)
            XCTAssertEqual(room.log.bans, prefix.bans)
            XCTAssertEqual(room.log.head, prefix.head)
            if room.log.length < entries.count {
                XCTAssertTrue(room.log.refusals.contains(.gap), "a shorter state must say something is missing")
            } else {
                XCTAssertEqual(room.log.warnings, [])
            }
        }
    }
}
