import XCTest
import Klankbord
@testable import KlankbordProtocol

/// Two handles that can be mistaken for each other on screen have the same skeleton, so the server refuses
/// the second one (UTS #39 confusables, merged across upper and lower case).
final class HandleSkeletonTests: XCTestCase {
    private func skeleton(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try XCTUnwrap(Handle(text), "not a valid handle: \(text)", file: file, line: line).skeleton
    }

    func testTheLookAlikesOfTheIssueShareTheSkeletonOfHulplijn() throws {
        let original = try skeleton("Hulplijn")
        for imitation in ["HuIplijn", "Hulplıjn", "Hulpǀijn", "HulpƖijn", "Hulplİjn", "HULPLIJN", "hulp1ijn", "HuIpIijn"] {
            XCTAssertEqual(try skeleton(imitation), original, imitation)
        }
    }

    func testOtherKnownLookAlikesMatch() throws {
        XCTAssertEqual(try skeleton("modder"), try skeleton("rnodder"), "m and rn")
        XCTAssertEqual(try skeleton("Bo0b"), try skeleton("Boob"), "0 and o")
        XCTAssertEqual(try skeleton("İris"), try skeleton("Iris"))
        XCTAssertEqual(try skeleton("ſanne"), try skeleton("fanne"), "long s looks like f")
    }

    func testNFCAndNFDFormsAreOneHandle() throws {
        let composed = try XCTUnwrap(Handle("Zoë"))
        let decomposed = try XCTUnwrap(Handle("Zoe\u{0308}"))
        XCTAssertEqual(decomposed.text, "Zoë", "stored in NFC")
        XCTAssertEqual(decomposed.key, composed.key)
        XCTAssertEqual(decomposed.skeleton, composed.skeleton)
        XCTAssertEqual(Handle("Sen\u{0303}ora")?.text, "Señora")
    }

    func testDifferentHandlesKeepDifferentSkeletons() throws {
        let handles = ["anna", "bea", "carla", "fien", "Hulplijn", "Hulplijst", "Zoë", "Zoe", "Señora_B", "Senora_B", "Dvořák", "Łukasz", "ana", "ama"]
        let skeletons = try handles.map { try skeleton($0) }
        XCTAssertEqual(Set(skeletons).count, handles.count, zip(handles, skeletons).map { "\($0)=\($1)" }.joined(separator: " "))
    }

    func testSkeletonIgnoresCase() throws {
        XCTAssertEqual(try skeleton("ANNA"), try skeleton("anna"))
        XCTAssertEqual(try skeleton("ÆRØ"), try skeleton("ærø"))
    }
}
