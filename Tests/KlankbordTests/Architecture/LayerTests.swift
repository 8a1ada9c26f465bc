import Foundation
import XCTest

/// The layers of docs/ARCHITECTURE.md, read from the package manifest itself (`swift package
/// dump-package`): the server and the client never reach each other, lower layers never reach up,
/// and every folder of the library belongs to exactly one layer.
final class LayerTests: XCTestCase {
    private struct Manifest {
        let dependencies: [String: [String]]
        let sources: [String: [String]]

        /// Every target `name` depends on, directly or through others.
        func reach(_ name: String) -> Set<String> {
            var seen: Set<String> = []
            var queue = dependencies[name] ?? []
            while let next = queue.popLast() {
                guard seen.insert(next).inserted else { continue }
                queue += dependencies[next] ?? []
            }
            return seen
        }
    }

    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func manifest() throws -> Manifest {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("klankbord-manifest").path
        process.arguments = ["swift", "package", "--package-path", Self.root.path, "--scratch-path", scratch, "dump-package"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "swift package dump-package failed")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let targets = try XCTUnwrap(json["targets"] as? [[String: Any]])
        var dependencies: [String: [String]] = [:]
        var sources: [String: [String]] = [:]
        for target in targets {
            let name = try XCTUnwrap(target["name"] as? String)
            let listed = target["dependencies"] as? [[String: [Any]]] ?? []
            dependencies[name] = listed.compactMap { $0.values.first?.first as? String }
            if target["path"] as? String == "Sources/Klankbord" { sources[name] = target["sources"] as? [String] ?? [] }
        }
        return Manifest(dependencies: dependencies, sources: sources)
    }

    func testTheServerAndTheClientNeverReachEachOther() throws {
        let manifest = try manifest()
        XCTAssertFalse(manifest.reach("KlankbordServer").contains("KlankbordClient"))
        XCTAssertFalse(manifest.reach("KlankbordClient").contains("KlankbordServer"))
        for end in ["KlankbordServer", "KlankbordClient"] {
            XCTAssertTrue(manifest.reach(end).isDisjoint(with: ["KlankbordCommands", "KlankbordMeetings",
                "KlankbordConsultations", "KlankbordLedger", "Klankbord", "KlankbordFuzzing"]), end)
        }
    }

    func testLowerLayersNeverReachUp() throws {
        let manifest = try manifest()
        let above: [String: Set<String>] = [
            "KlankbordCrypto": ["KlankbordSystem", "KlankbordProtocol", "KlankbordStorage", "KlankbordE2E"],
            "KlankbordLocalization": ["KlankbordCrypto", "KlankbordProtocol", "KlankbordStorage"],
            "KlankbordProtocol": ["KlankbordE2E", "KlankbordTrust", "KlankbordStorage", "KlankbordServer", "KlankbordClient"],
            "KlankbordE2E": ["KlankbordTrust", "KlankbordStorage", "KlankbordServer", "KlankbordClient"],
            "KlankbordStorage": ["KlankbordServer", "KlankbordClient", "KlankbordE2E", "KlankbordTrust"],
            "KlankbordMeetings": ["KlankbordServer", "KlankbordClient", "KlankbordStorage", "KlankbordCommands"],
            "KlankbordConsultations": ["KlankbordServer", "KlankbordClient", "KlankbordStorage", "KlankbordCommands"],
            "KlankbordLedger": ["KlankbordServer", "KlankbordClient", "KlankbordStorage", "KlankbordCommands"],
        ]
        for (layer, forbidden) in above {
            XCTAssertTrue(manifest.reach(layer).isDisjoint(with: forbidden), "\(layer) reaches \(manifest.reach(layer).intersection(forbidden))")
        }
        XCTAssertFalse(manifest.reach("Klankbord").contains("KlankbordFuzzing"), "the fuzzing entries ship in the library")
    }

    func testEveryFolderBelongsToExactlyOneLayer() throws {
        let manifest = try manifest()
        let owned = manifest.sources.values.flatMap { $0 }
        XCTAssertEqual(owned.count, Set(owned).count, "a folder is in two layers: \(owned.sorted())")
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources/Klankbord").path)
        XCTAssertEqual(Set(folders), Set(owned))
    }
}
