import Klankbord
@testable import KlankbordServer
import XCTest

final class LoopRoutingTests: XCTestCase {
    func testAFanOutIsSplitPerLoopAndKeepsItsBytes() {
        let a = LoopRouting.firstID(forLoop: 0), b = LoopRouting.firstID(forLoop: 1), c = LoopRouting.firstID(forLoop: 1) + 1
        let split = LoopRouting.split([.fanout([a, b, c], [7]), .send(b, [1]), .close(a)], loops: 2)
        XCTAssertEqual(split.count, 2)
        guard case let .fanout(first, bytes0) = split[0].first, case let .fanout(second, bytes1) = split[1].first else { return XCTFail("\(split)") }
        XCTAssertEqual(first, [a])
        XCTAssertEqual(second, [b, c])
        XCTAssertEqual(bytes0, [7])
        XCTAssertEqual(bytes1, [7])
        XCTAssertEqual(split[0].count, 2, "the close goes to loop 0")
        XCTAssertEqual(split[1].count, 2, "the send goes to loop 1")
    }

    func testOneLoopGetsEverythingUnchanged() {
        let split = LoopRouting.split([.send(LoopRouting.firstID(forLoop: 0), [1])], loops: 1)
        XCTAssertEqual(split.count, 1)
        XCTAssertEqual(split[0].count, 1)
    }

    func testTheConnectionBudgetIsSharedAndGivenBack() {
        let budget = ConnectionBudget(limit: 2)
        XCTAssertTrue(budget.take())
        XCTAssertTrue(budget.take())
        XCTAssertFalse(budget.take())
        budget.give()
        XCTAssertTrue(budget.take())
    }
}
