import Foundation
import XCTest

/// Text a person reads must come from the catalog: this scan of `Sources/` fails when a sentence is
/// written straight into an output call.
final class HardCodedTextTests: XCTestCase {
    /// Output calls whose first argument is a literal with letters in it (outside interpolations).
    func testNoOutputCallIsGivenWordsWrittenInTheSource() throws {
        let call = try NSRegularExpression(pattern: #"\.(line|problem|prompt)\(\s*"((?:[^"\\]|\\.)*)""#)
        let interpolation = try NSRegularExpression(pattern: #"\\\([^)]*\)"#)
        var offenders: [String] = []
        for file in try SourceScanner.swiftFiles() where !file.path.hasPrefix("klankbord-bench/") && !file.path.hasPrefix("Fuzz") {
            for line in file.text.split(separator: "\n") {
                let code = String(line)
                for match in call.matches(in: code, range: NSRange(code.startIndex..., in: code)) {
                    guard let range = Range(match.range(at: 2), in: code) else { continue }
                    let literal = String(code[range])
                    let outside = interpolation.stringByReplacingMatches(in: literal, range: NSRange(literal.startIndex..., in: literal), withTemplate: "")
                    if outside.contains(where: \.isLetter) { offenders.append("\(file.path): \(code.trimmingCharacters(in: .whitespaces))") }
                }
            }
        }
        XCTAssertEqual(offenders, [], "write these through the catalog (Localizer)")
    }

    /// `print` bypasses both the catalog and the operator log.
    func testLibraryAndToolsNeverPrintDirectly() throws {
        let offenders = try SourceScanner.swiftFiles().filter { file in
            !file.path.hasPrefix("klankbord-bench/") && !file.path.hasPrefix("Fuzz")
                && file.text.split(separator: "\n").contains { line in
                    let code = line.trimmingCharacters(in: .whitespaces)
                    return !code.hasPrefix("//") && code.contains("print(")
                }
        }.map(\.path)
        XCTAssertEqual(offenders, [])
    }
}
