import Foundation
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordSystem
import XCTest

/// The daemon speaks standard Noise: an independent implementation (Python `noiseprotocol`) talks to it.
final class InteropTests: XCTestCase {
    func testPythonNoiseClientCompletesHandshakeAndRequests() throws {
        let python = Products.packageRoot.appendingPathComponent(".venv/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw XCTSkip("no .venv: run `make test`, which creates it with noiseprotocol")
        }
        let data = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let daemon = try DaemonProcess(dataDirectory: data)
        let serverKey = try X25519.PrivateKey(secret: KeyFile.load(path: data.path + "/server.key", length: 32))

        let process = Process()
        process.executableURL = python
        process.arguments = [Products.packageRoot.appendingPathComponent("Tests/IntegrationTests/Interop/noise_client.py").path,
                             "127.0.0.1", String(daemon.port), Hex.encode(serverKey.publicKey.bytes)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertEqual(text.trimmingCharacters(in: .whitespacesAndNewlines), "OK")
    }
}
