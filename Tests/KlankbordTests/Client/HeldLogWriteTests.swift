import XCTest
import Klankbord
@testable import KlankbordClient
@testable import KlankbordProtocol
@testable import KlankbordTrust

/// Writing a log entry: checked against the state first, signed on the head, and signed again after
/// `log_conflict`, so two writers never both take the same place and nobody sends what clients would refuse.
final class HeldLogWriteTests: XCTestCase {
    typealias Scene = HeldLogTests.Scene

    /// The relay as a `LogServer` for `client`; `beforeAppend` runs once, just before the first append.
    func server(_ scene: Scene, _ client: TestClient, beforeAppend: (() throws -> Void)? = nil) -> LogServer<any Error> {
        var pending = beforeAppend
        return LogServer(fetch: { scope, after in try scene.fetcher(client)(scope, after) },
                         append: { scope, index, entry in
                             if let hook = pending {
                                 pending = nil
                                 try hook()
                             }
                             switch scene.relay.request(client, .logAppend(scope: scope, index: index, entry: entry)) {
                             case .success: return true
                             case .failure(.logConflict): return false
                             case let .failure(code): throw code
                             }
                         })
    }

    func roster(_ scene: Scene) throws -> Roster {
        var log = HeldLog(scope: 0, key: nil)
        _ = try log.sync(scene.fetcher(scene.c.member))
        return log.roster()
    }

    func testAWriterWhoLosesTheRaceSignsAgainOnTheNewHead() throws {
        let scene = try Scene()
        let roster = try self.roster(scene)
        var fien = HeldLog(scope: scene.c.room, key: scene.key)
        var ana = HeldLog(scope: scene.c.room, key: scene.key)
        let cor = LogPerson(account: scene.c.outsider.id, handle: scene.c.outsider.handle)
        // Between ana's sync and her append, fien adds cor: ana's first attempt is refused with log_conflict.
        let race = server(scene, scene.c.member) {
            let outcome = try fien.write(.add(account: cor.account, handle: cor.handle, identity: cor.bundle, role: .member), author: scene.fien.account,
                                         signer: scene.fien.identity.signingKey, time: 1_750_000_100, roster: roster, through: self.server(scene, scene.c.facilitator))
            XCTAssertEqual(outcome, .written(index: 3))
        }
        let outcome = try ana.write(.leave, author: scene.ana.account, signer: scene.ana.identity.signingKey, time: 1_750_000_101, roster: roster, through: race)
        XCTAssertEqual(outcome, .written(index: 4))
        var reader = HeldLog(scope: scene.c.room, key: scene.key)
        XCTAssertTrue(try reader.sync(scene.fetcher(scene.c.trusted)))
        let state = reader.membership(roster: roster)
        XCTAssertEqual(state.memberIDs, [scene.fien.account, cor.account])
        XCTAssertEqual(state.log.warnings, [], "the second entry names the first as its prev: no fork")
        XCTAssertEqual(ana.entries, reader.entries)
    }

    func testAnEntryClientsWouldRefuseIsNeverSent() throws {
        let scene = try Scene()
        let roster = try self.roster(scene)
        var ana = HeldLog(scope: scene.c.room, key: scene.key)
        let outcome = try ana.write(.remove(account: scene.fien.account), author: scene.ana.account, signer: scene.ana.identity.signingKey,
                                    time: 1_750_000_100, roster: roster, through: server(scene, scene.c.member))
        XCTAssertEqual(outcome, .refused(.notAuthorised))
        XCTAssertEqual(try scene.relay.count("SELECT count(*) FROM log_entries WHERE scope = ?", [.id(scene.c.room)]), 3)
    }

    func testARosterEntryIsWrittenInTheClear() throws {
        let scene = try Scene()
        var log = HeldLog(scope: 0, key: nil)
        let trusted = LogPerson(account: scene.c.trusted.id, handle: scene.c.trusted.handle)
        let outcome = try log.write(.add(account: trusted.account, handle: trusted.handle, identity: trusted.bundle, role: .trusted), author: scene.fien.account,
                                    signer: scene.fien.identity.signingKey, time: 1_750_000_100, roster: Roster(), through: server(scene, scene.c.facilitator))
        XCTAssertEqual(outcome, .written(index: 2))
        XCTAssertEqual(log.roster().role(of: trusted.account), .trusted)
        let stored = try scene.relay.database.queryOne("SELECT entry FROM log_entries WHERE scope = 0 AND idx = 2") { $0.blob(0) }
        XCTAssertEqual(stored, log.entries.last)
    }

    func testAWriterGivesUpWhenOthersKeepWritingFirst() throws {
        let scene = try Scene()
        var log = HeldLog(scope: scene.c.room, key: scene.key)
        var fetches = 0
        let crowded = LogServer<any Error>(fetch: { scope, after in
            fetches += 1
            return try scene.fetcher(scene.c.member)(scope, after)
        }, append: { _, _, _ in false })
        let outcome = try log.write(.leave, author: scene.ana.account, signer: scene.ana.identity.signingKey, time: 1, roster: try roster(scene), through: crowded)
        XCTAssertEqual(outcome, .busy)
        XCTAssertGreaterThanOrEqual(fetches, HeldLog.writeAttempts, "it synced before every attempt")
    }

    func testNothingIsWrittenOnTopOfAServerThatSkipsAnIndex() throws {
        let scene = try Scene()
        var log = HeldLog(scope: scene.c.room, key: scene.key)
        var appended = false
        let skipping = LogServer<any Error>(fetch: { _, _ in ([LogRecord(index: 1, entry: [1])], false) }, append: { _, _, _ in
            appended = true
            return true
        })
        XCTAssertEqual(try log.write(.leave, author: scene.ana.account, signer: scene.ana.identity.signingKey, time: 1, roster: Roster(), through: skipping), .gap)
        XCTAssertFalse(appended)
    }
}
