import XCTest
import Klankbord
@testable import KlankbordFuzzing

/// Every input kept in `Tests/Fuzz/Corpus` (seeds, inputs libFuzzer found interesting, and
/// every crash found, kept as a regression) goes through the same `FuzzEntry` code the fuzz
/// targets run, so `make test` replays the corpus without a fuzz build.
final class CorpusReplayTests: XCTestCase {
    static let packageRoot = FuzzEntry.packageRoot(ofSourceFile: #filePath, depth: 4)

    func testFrameDecoderCorpusReplaysCleanly() { replay(.frameDecoder) }
    func testHandshakeCorpusReplaysCleanly() { replay(.handshake) }
    func testWireMessageCorpusReplaysCleanly() { replay(.wireMessage) }
    func testE2ECorpusReplaysCleanly() { replay(.e2e) }
    func testConfigCorpusReplaysCleanly() { replay(.config) }
    func testInviteCodeCorpusReplaysCleanly() { replay(.inviteCode) }

    func testEveryTargetHasATestHere() {
        XCTAssertEqual(FuzzEntry.Target.allCases.count, 6, "add a replay test for the new target")
    }

    private func replay(_ target: FuzzEntry.Target, file: StaticString = #filePath, line: UInt = #line) {
        let folder = FuzzEntry.corpusFolder(target, packageRoot: Self.packageRoot)
        let files = FuzzEntry.inputFiles(at: folder)
        XCTAssertFalse(files.isEmpty, "no corpus in \(folder)", file: file, line: line)
        for path in files {
            do {
                try FuzzEntry.run(target, FuzzEntry.readFile(path))
            } catch {
                XCTFail("\(path): \(error)", file: file, line: line)
            }
        }
    }
}
