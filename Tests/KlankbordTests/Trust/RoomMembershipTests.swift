import XCTest
import Klankbord
@testable import KlankbordTrust

/// A room's member set comes from its signed log, managed by facilitators the roster names.
final class RoomMembershipTests: XCTestCase {
    var community = TrustCommunity()

    func testAMemberJoinsWithTheCodeWhileTheFacilitatorIsOffline() throws {
        let secret = TrustCommunity.secret()
        community.roomChain.append(try community.roomChain.invite(secret: secret), by: community.fien)
        // Only ann signs from here on: fien is not needed.
        community.roomChain.append(try community.roomChain.join(community.ann, secret: secret), by: community.ann)
        let room = community.room()
        XCTAssertEqual(room.memberIDs, [community.fien.account, community.ann.account])
        XCTAssertEqual(room.log.members[community.ann.account]?.handle, "ann")
        XCTAssertEqual(room.facilitators(roster: community.roster).map(\.account), [community.fien.account])
        XCTAssertEqual(room.log.warnings, [])
    }

    func testOnlyAFacilitatorCanCreateARoomLog() {
        var chain = ChainWriter(scope: 11)
        let byMember = chain.append(.genesis(handle: "ann", identity: community.ann.bundle), by: community.ann)
        var room = RoomMembership(room: 11)
        room.apply(byMember, roster: community.roster)
        XCTAssertEqual(room.log.refusals, [.notAuthorised])
        XCTAssertTrue(room.memberIDs.isEmpty)
    }

    func testAFacilitatorAddsAndRemovesDirectlyAndMembersLeave() {
        let chain = \TrustCommunity.roomChain
        community[keyPath: chain].append(.add(account: 3, handle: "ann", identity: community.ann.bundle, role: .member), by: community.fien)
        community[keyPath: chain].append(.add(account: 4, handle: "bea", identity: community.bea.bundle, role: .member), by: community.fien)
        community[keyPath: chain].append(.remove(account: 3), by: community.fien)
        community[keyPath: chain].append(.leave, by: community.bea)
        let room = community.room()
        XCTAssertEqual(room.memberIDs, [community.fien.account])
        XCTAssertEqual(room.log.bans, [3: 3])
        XCTAssertEqual(room.log.warnings, [])
    }

    func testAnIdentityOtherThanTheRostersIsRefused() {
        community.rosterChain.append(.add(account: 3, handle: "ann", identity: community.ann.bundle, role: .member), by: community.fien)
        let impostor = community.roomChain.make(.add(account: 3, handle: "ann", identity: community.bea.bundle, role: .member), by: community.fien)
        XCTAssertEqual(community.room([impostor]).log.refusals, [.identityMismatch])
    }

    func testADemotionKeepsTheRoomLogValidAndRemovalFromTheRoomEndsManagement() throws {
        let secret = TrustCommunity.secret()
        community.roomChain.append(try community.roomChain.invite(secret: secret), by: community.fien)
        community.roomChain.append(try community.roomChain.join(community.ann, secret: secret), by: community.ann)
        // A second facilitator, in the roster and in the room; then the operator demotes fien.
        let gea = LogPerson(account: 6, handle: "gea")
        community.rosterChain.append(.add(account: gea.account, handle: gea.handle, identity: gea.bundle, role: .facilitator), by: community.op)
        community.roomChain.append(.add(account: gea.account, handle: gea.handle, identity: gea.bundle, role: .member), by: community.fien)
        community.rosterChain.append(.remove(account: community.fien.account), by: community.op)
        let rebuilt = community.room()
        XCTAssertEqual(rebuilt.log.warnings, [], "a rebuild after the demotion gives the same room")
        XCTAssertEqual(rebuilt.memberIDs, [community.fien.account, community.ann.account, gea.account])
        XCTAssertEqual(rebuilt.facilitators(roster: community.roster).map(\.account), [gea.account], "fien is no facilitator any more")
        // gea removes fien from the room; from then on fien manages nothing there.
        community.roomChain.append(.remove(account: community.fien.account), by: gea)
        let late = community.roomChain.make(.remove(account: community.ann.account), by: community.fien)
        XCTAssertEqual(community.room([late]).log.refusals, [.notAMember])
        // Someone who never was a facilitator never manages a room.
        let byAnn = community.roomChain.make(.remove(account: gea.account), by: community.ann)
        XCTAssertEqual(community.room([byAnn]).log.refusals, [.notAuthorised])
    }

    func testSealedEntriesApplyOnlyAtTheirIndex() throws {
        let key = RoomLogKey()
        let stored = try community.roomChain.entries.enumerated().map { try key.seal(entry: $1, room: TrustCommunity.roomID, index: UInt32($0)) }
        var room = RoomMembership(room: TrustCommunity.roomID)
        room.apply(stored: stored[0], index: 0, key: key, roster: community.roster)
        XCTAssertEqual(room.memberIDs, [community.fien.account])
        var moved = RoomMembership(room: TrustCommunity.roomID)
        moved.apply(stored: stored[0], index: 1, key: key, roster: community.roster)
        XCTAssertEqual(moved.log.refusals, [.unreadable])
        XCTAssertTrue(moved.memberIDs.isEmpty)
    }
}
