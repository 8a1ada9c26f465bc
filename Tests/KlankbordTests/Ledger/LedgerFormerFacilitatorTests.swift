import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordLedger

/// A facilitator who signed steps and then lost the role (demoted, left, account deleted): their steps keep
/// verifying, but nothing they sign afterwards gets into the chain unless a facilitator of now stands behind it
/// (docs/LEDGER.md, "Former facilitators").
final class LedgerFormerFacilitatorTests: XCTestCase {
    let fixture = LedgerFixture()

    /// Account 1 (facilitator A) was a facilitator and is not any more; account 2 (B) is.
    var afterDemotion: LedgerSigners {
        LedgerSigners(former: [1: [fixture.facilitatorA.verifyingKey], 2: [fixture.facilitatorB.verifyingKey]], current: [2])
    }

    /// A writes entries and hands the chain to B: budget, created, approved, paid, handover (5 steps, all by A).
    func chainByA() -> [LedgerEvent] {
        var chain: [LedgerEvent] = []
        fixture.append(&chain, .budget(year: 2027, purpose: .meeting, cents: 100_000))
        fixture.append(&chain, .created(fixture.draft(1)))
        fixture.append(&chain, .approved(fixture.id(1), overBudget: false, overAllowance: false))
        fixture.append(&chain, .paid(fixture.id(1)))
        fixture.append(&chain, .handover(to: 2))
        return chain
    }

    private func verify(_ chain: [LedgerEvent], head: LedgerHead?) throws(LedgerChainFailure) -> [LedgerEvent] {
        try LedgerChain.verify(chain.map(\.bytes), signers: afterDemotion, identities: fixture.identities, head: head)
    }

    func testStepsSignedBeforeTheDemotionStillVerifyAndReplayWithTheHeadThisDeviceVerified() throws {
        let chain = chainByA()
        let verified = try verify(chain, head: LedgerChain.head(of: chain))
        XCTAssertEqual(verified, chain)
        let state = try LedgerState.replay(verified, facilitators: afterDemotion.everyone)
        XCTAssertEqual(state.entries[fixture.id(1)]?.state, .paid)
        XCTAssertEqual(state.handovers.map(\.to), [2])
        XCTAssertEqual(state.budget(year: 2027)[.meeting]?.paid, 5_000)
    }

    func testAStepOfACurrentFacilitatorVouchesForTheFormerOnesBeforeIt() throws {
        var chain = chainByA()
        fixture.append(&chain, .created(fixture.draft(2)), signer: 2)
        // A device that never verified A's steps believes them because B's step links to them.
        XCTAssertEqual(try verify(chain, head: nil).count, 6)
    }

    func testAFormerFacilitatorsStepsAtTheEndNeedTheHeadOrALaterCurrentStep() {
        let chain = chainByA()
        XCTAssertThrowsError(try verify(chain, head: nil)) { error in
            XCTAssertEqual(error as? LedgerChainFailure, LedgerChainFailure(index: 0, reason: .notFacilitator))
        }
        // Verified up to the approval before the demotion: the payment and the handover after it stand alone.
        XCTAssertThrowsError(try verify(chain, head: LedgerChain.head(of: Array(chain.prefix(3))))) { error in
            XCTAssertEqual(error as? LedgerChainFailure, LedgerChainFailure(index: 3, reason: .notFacilitator))
        }
    }

    func testAStepTheDemotedFacilitatorSignsLaterIsLeftOutAndTheCurrentFacilitatorContinuesWithoutIt() throws {
        let chain = chainByA()
        let head = LedgerChain.head(of: chain)
        // After the demotion A signs a new entry for themself and hands it over privately: nobody stands behind it.
        let rogue = fixture.next(after: chain, .created(fixture.draft(9, recipient: 1, cents: 90_000)), signer: 1)
        let assembled = LedgerChain.assemble(chain.map(\.bytes) + [rogue.bytes], current: [2], head: head)
        XCTAssertEqual(assembled.leftOut, 1)
        XCTAssertEqual(assembled.chain, chain.map(\.bytes))
        let state = try LedgerState.replay(try verify(chain, head: head), facilitators: afterDemotion.everyone)
        XCTAssertNil(state.entries[fixture.id(9)])

        // B's next step takes the same position; with the rogue copy held first, B's still wins and verifies.
        let next = fixture.next(after: chain, .created(fixture.draft(2)), signer: 2)
        let continued = LedgerChain.assemble([rogue.bytes] + chain.map(\.bytes) + [next.bytes], current: [2], head: head)
        XCTAssertEqual(continued.leftOut, 1)
        XCTAssertEqual(continued.chain, (chain + [next]).map(\.bytes))
        XCTAssertNoThrow(try LedgerChain.verify(continued.chain, signers: afterDemotion, identities: fixture.identities, head: head))

        // Even a current facilitator's step cannot vouch for a step of a member who was never a facilitator.
        let byMember = fixture.next(after: chain, .approved(fixture.id(1), overBudget: true, overAllowance: true), signer: 10)
        let afterMember = fixture.next(after: chain + [byMember], .paid(fixture.id(1)), signer: 2)
        let forged = LedgerChain.assemble((chain + [byMember, afterMember]).map(\.bytes), current: [2], head: head)
        XCTAssertThrowsError(try LedgerChain.verify(forged.chain, signers: afterDemotion, identities: fixture.identities, head: head)) { error in
            XCTAssertEqual(error as? LedgerChainFailure, LedgerChainFailure(index: 5, reason: .notFacilitator))
        }
    }

    func testOnlyAFacilitatorOfNowMakesANewStepOrReceivesAHandover() throws {
        let chain = chainByA()
        let state = try LedgerState.replay(chain, facilitators: afterDemotion.everyone)
        let byA = fixture.next(after: chain, .created(fixture.draft(2)), signer: 1)
        XCTAssertThrowsError(try state.appending(byA, current: afterDemotion.current)) { XCTAssertEqual($0 as? LedgerError, .notFacilitator) }
        XCTAssertNoThrow(try state.applying(byA), "a replay of A's step (vouched for elsewhere) counts it")
        let backToA = fixture.next(after: chain, .handover(to: 1), signer: 2)
        XCTAssertThrowsError(try state.appending(backToA, current: afterDemotion.current)) { XCTAssertEqual($0 as? LedgerError, .notFacilitator) }
        let byB = fixture.next(after: chain, .created(fixture.draft(2)), signer: 2)
        XCTAssertNoThrow(try state.appending(byB, current: afterDemotion.current))
    }

    func testOnlyTheKeyTheRoleWasHeldWithCounts() {
        var chain = chainByA()
        // A's account with a new identity key that the roster never made a facilitator.
        let newKey = Ed25519.SigningKey()
        chain.append(LedgerEvent(index: 5, prev: chain[4].hash, time: 0, signer: 1, body: .paid(fixture.id(1)), key: newKey))
        fixture.append(&chain, .created(fixture.draft(2)), signer: 2)
        XCTAssertThrowsError(try verify(chain, head: nil)) { error in
            XCTAssertEqual(error as? LedgerChainFailure, LedgerChainFailure(index: 5, reason: .badSignature))
        }
    }

    func testTrustingTheHeadStillCatchesAnyChangeAndAHistoryThatForks() throws {
        var chain = chainByA()
        fixture.append(&chain, .created(fixture.draft(2)), signer: 2)
        let head = LedgerChain.head(of: chain)
        XCTAssertEqual(try LedgerChain.verify(chain.map(\.bytes), signers: afterDemotion, identities: fixture.identities, head: head, trustingHead: true),
                       chain)
        for index in chain.indices {
            var stored = chain.map(\.bytes)
            stored[index][stored[index].count - 1] ^= 0x01
            XCTAssertThrowsError(try LedgerChain.verify(stored, signers: afterDemotion, identities: fixture.identities, head: head, trustingHead: true),
                                 "signature byte of step \(index)")
        }
        // A longer chain whose step at the head's place is another one: a different history from the one verified.
        var fork = Array(chain.prefix(5))
        fixture.append(&fork, .created(fixture.draft(3)), signer: 2)
        fixture.append(&fork, .created(fixture.draft(4)), signer: 2)
        XCTAssertThrowsError(try verify(fork, head: head)) { error in
            XCTAssertEqual(error as? LedgerChainFailure, LedgerChainFailure(index: 5, reason: .missingTail))
        }
    }
}
