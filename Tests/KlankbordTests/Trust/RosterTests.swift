import XCTest
import Klankbord
@testable import KlankbordTrust

/// The community roster: roles rooted in the operator's genesis, granted only by who may grant them.
final class RosterTests: XCTestCase {
    var community = TrustCommunity()

    func testOperatorGenesisAndAddedFacilitatorAreInTheRoster() {
        let roster = community.roster
        XCTAssertEqual(roster.role(of: community.op.account), .operator)
        XCTAssertEqual(roster.role(of: community.fien.account), .facilitator)
        XCTAssertEqual(roster.identity(of: community.fien.account), community.fien.bundle)
        XCTAssertTrue(roster.isFacilitator(community.fien.account, identity: community.fien.bundle))
        XCTAssertFalse(roster.isFacilitator(community.fien.account, identity: community.ann.bundle), "another identity is not fien")
        XCTAssertEqual(roster.log.length, 2)
        XCTAssertEqual(roster.log.head, community.rosterChain.head)
        XCTAssertEqual(roster.log.warnings, [])
    }

    func testFacilitatorInvitesATrustedPersonWhoJoinsWithTheCode() throws {
        let secret = TrustCommunity.secret()
        community.rosterChain.append(try community.rosterChain.invite(secret: secret, role: .trusted, uses: 1), by: community.fien)
        community.rosterChain.append(try community.rosterChain.join(community.ann, secret: secret), by: community.ann)
        let roster = community.roster
        XCTAssertEqual(roster.role(of: community.ann.account), .trusted)
        XCTAssertEqual(roster.log.invites[try InviteKey(secret: secret).publicKey.bytes]?.usesLeft, 0)
        XCTAssertEqual(roster.log.warnings, [])
    }

    func testAFacilitatorCannotMakeAnOperatorAndAMemberCannotGrantAnything() throws {
        let chain = community.rosterChain
        let asFacilitator = chain.make(.add(account: 9, handle: "baas", identity: community.ann.bundle, role: .operator), by: community.fien)
        XCTAssertEqual(Roster(entries: chain.entries + [asFacilitator]).log.refusals, [.notAuthorised])
        community.rosterChain.append(.add(account: community.ann.account, handle: "ann", identity: community.ann.bundle, role: .member), by: community.fien)
        let asMember = community.rosterChain.make(try community.rosterChain.invite(secret: TrustCommunity.secret(), role: .member), by: community.ann)
        XCTAssertEqual(Roster(entries: community.rosterChain.entries + [asMember]).log.refusals, [.notAuthorised])
    }

    func testTheOperatorRevokesAFacilitatorRole() {
        community.rosterChain.append(.remove(account: community.fien.account), by: community.op)
        let roster = community.roster
        XCTAssertNil(roster.role(of: community.fien.account))
        XCTAssertEqual(roster.log.bans[community.fien.account], 2)
    }

    func testTheLastOperatorCannotLeave() {
        let leave = community.rosterChain.make(.leave, by: community.op)
        XCTAssertEqual(Roster(entries: community.rosterChain.entries + [leave]).log.refusals, [.lastOperator])
    }

    func testOnlyTheFirstEntryMayBeAGenesis() {
        let second = community.rosterChain.make(.genesis(handle: "baas", identity: community.ann.bundle), by: community.ann)
        XCTAssertEqual(Roster(entries: community.rosterChain.entries + [second]).log.refusals, [.misplacedGenesis])
        var empty = ChainWriter(scope: LogEntry.rosterScope)
        let noGenesis = empty.append(.leave, by: community.op)
        XCTAssertEqual(Roster(entries: [noGenesis]).log.refusals, [.misplacedGenesis])
    }
}
