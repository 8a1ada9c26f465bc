import XCTest
import Klankbord
@testable import KlankbordTrust

/// Entries whose signatures this device already checked (by entry hash) are not checked again when a log is reduced
/// anew, which keeps a year of log affordable for every command; anything else is checked in full.
final class CheckedEntriesTests: XCTestCase {
    var community = TrustCommunity()

    /// A room in which ann and bea joined with an invite (two signatures each: the entry's and the invite proof).
    private func roomWithJoins() throws -> Roster {
        let secret = TrustCommunity.secret()
        community.roomChain.append(try community.roomChain.invite(secret: secret), by: community.fien)
        community.roomChain.append(try community.roomChain.join(community.ann, secret: secret), by: community.ann)
        community.roomChain.append(try community.roomChain.join(community.bea, secret: secret), by: community.bea)
        return community.roster
    }

    private func reduce(_ entries: [[UInt8]], roster: Roster, checked: Set<[UInt8]>) -> RoomMembership {
        var room = RoomMembership(room: TrustCommunity.roomID, checkedBefore: CheckedEntries(checked))
        for entry in entries { room.apply(entry, roster: roster) }
        return room
    }

    func testCheckedEntriesGiveTheSameStateAsCheckingEverySignature() throws {
        let roster = try roomWithJoins()
        let full = community.room()
        let again = reduce(community.roomChain.entries, roster: roster, checked: Set(full.log.chain))
        XCTAssertEqual(again.memberIDs, [community.fien.account, community.ann.account, community.bea.account])
        XCTAssertEqual(again.log.head, full.log.head)
        XCTAssertEqual(again.log.warnings, [])
        let rosterAgain = Roster(entries: community.rosterChain.entries, checkedBefore: CheckedEntries(Set(roster.log.chain)))
        XCTAssertEqual(rosterAgain.log.members, roster.log.members)
        XCTAssertEqual(rosterAgain, roster)
    }

    func testAnEntryWithOtherBytesIsCheckedInFull() throws {
        let roster = try roomWithJoins()
        let checked = Set(community.room().log.chain)
        // bea's join with one byte of its signature changed: another hash, so its signature is checked, and fails.
        var entries = community.roomChain.entries
        entries[entries.count - 1][entries[entries.count - 1].count - 1] ^= 0x01
        let room = reduce(entries, roster: roster, checked: checked)
        XCTAssertEqual(room.log.refusals, [.badSignature])
        XCTAssertFalse(room.memberIDs.contains(community.bea.account))
    }

    func testOnlyTheSignaturesOfCheckedEntriesAreSkipped() throws {
        let roster = try roomWithJoins()
        var entries = community.roomChain.entries
        entries[entries.count - 1][entries[entries.count - 1].count - 1] ^= 0x01
        let broken = try LogEntry(decoding: entries[entries.count - 1])
        // What this device's own sealed record says was checked is believed; the other rules still run for it.
        let room = reduce(entries, roster: roster, checked: [broken.hash])
        XCTAssertEqual(room.log.refusals, [])
        XCTAssertTrue(room.memberIDs.contains(community.bea.account))
        let twice = reduce(entries + [entries[entries.count - 1]], roster: roster, checked: [broken.hash])
        XCTAssertEqual(twice.log.refusals, [.duplicate])
    }
}
