import XCTest
import Klankbord
@testable import KlankbordE2E

final class SafetyNumberTests: XCTestCase {
    func testBothSidesComputeTheSameNumber() {
        let alice = IdentityKeys().publicBundle, bob = IdentityKeys().publicBundle
        let fromAlice = SafetyNumber.compute(local: alice, localHandle: "anna", remote: bob, remoteHandle: "bea")
        let fromBob = SafetyNumber.compute(local: bob, localHandle: "bea", remote: alice, remoteHandle: "anna")
        XCTAssertEqual(fromAlice, fromBob)
    }

    func testFormatIsTwelveGroupsOfFiveDigits() {
        let number = SafetyNumber.compute(local: IdentityKeys().publicBundle, localHandle: "a",
                                          remote: IdentityKeys().publicBundle, remoteHandle: "b")
        let groups = number.split(separator: " ", omittingEmptySubsequences: false)
        XCTAssertEqual(groups.count, 12)
        XCTAssertTrue(groups.allSatisfy { $0.count == 5 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        XCTAssertEqual(number.count, 71)
    }

    func testNumberChangesWhenAKeyOrHandleChanges() {
        let alice = IdentityKeys().publicBundle, bob = IdentityKeys().publicBundle
        let original = SafetyNumber.compute(local: alice, localHandle: "anna", remote: bob, remoteHandle: "bea")
        XCTAssertNotEqual(original, SafetyNumber.compute(local: alice, localHandle: "anna", remote: IdentityKeys().publicBundle, remoteHandle: "bea"))
        XCTAssertNotEqual(original, SafetyNumber.compute(local: IdentityKeys().publicBundle, localHandle: "anna", remote: bob, remoteHandle: "bea"))
        XCTAssertNotEqual(original, SafetyNumber.compute(local: alice, localHandle: "anna", remote: bob, remoteHandle: "bee"))
    }

    func testHalvesAreSortedSoTheSmallerComesFirst() {
        let alice = IdentityKeys().publicBundle, bob = IdentityKeys().publicBundle
        let number = SafetyNumber.compute(local: alice, localHandle: "anna", remote: bob, remoteHandle: "bea")
        let halves = [SafetyNumber.half(alice, handle: "anna").joined(separator: " "), SafetyNumber.half(bob, handle: "bea").joined(separator: " ")]
        XCTAssertEqual(number, halves.sorted().joined(separator: " "))
    }
}
