import Foundation
import XCTest

/// The test vectors in docs/vectors agree with an independent implementation written from
/// docs/PROTOCOL.md alone (Tests/IntegrationTests/Interop/e2e_vectors.py, PyNaCl in the venv).
final class VectorInteropTests: XCTestCase {
    func testPythonImplementationOfTheDocumentReproducesEveryVector() throws {
        let python = Products.packageRoot.appendingPathComponent(".venv/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw XCTSkip("no .venv: run `make test`, which creates it with PyNaCl")
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [Products.packageRoot.appendingPathComponent("Tests/IntegrationTests/Interop/e2e_vectors.py").path,
                             Products.packageRoot.appendingPathComponent("docs/vectors").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 77 {
            throw XCTSkip("the .venv predates PyNaCl: `make venv` (or `make test`) adds it")
        }
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertTrue(text.hasPrefix("OK "), text)
    }
}
