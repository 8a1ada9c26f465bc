import Foundation

/// A pseudonymous handle chosen by its owner: 3–32 characters, letters (Latin script), digits,
/// `_`, `-` and `.`, starting with a letter or digit. Stored in Unicode NFC; unique without regard to case,
/// and no two handles may share a `skeleton` (they would look alike on screen).
public struct Handle: Hashable, Sendable, CustomStringConvertible {
    public static let lengthRange = 3...32

    /// The handle as its owner wrote it, in NFC (so `é` typed as `e` + accent is the same handle as `é`).
    public let text: String
    /// The lower-cased form that uniqueness is checked against.
    public let key: String

    /// Checks `text` (after NFC normalisation); returns nil when it is not a valid handle.
    public init?(_ text: String) {
        // ASCII is already in NFC: the fast path skips Foundation's normalisation, which cost a tenth of `read` in a
        // room whose log has 2,000 entries (each join checks its handle three times).
        let normalized = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
        let scalars = Array(normalized.unicodeScalars)
        guard Handle.lengthRange.contains(scalars.count),
              let first = scalars.first, Handle.isLetterOrDigit(first),
              scalars.allSatisfy({ Handle.isLetterOrDigit($0) || "_-.".unicodeScalars.contains($0) })
        else { return nil }
        self.text = normalized
        self.key = normalized.lowercased()
    }

    public var description: String { text }

    /// What the handle looks like, whatever its case: two handles with the same skeleton can be mistaken for
    /// each other (`Hulplijn`, `HuIplijn`, `Hulplıjn`, `HulpǀIjn`), so the server refuses the second one.
    public var skeleton: String { Handle.skeleton(of: text) }

    /// The UTS #39 skeleton of `text`, made case-blind: NFD, lower case, NFD again, a dot above a letter that
    /// already has a dot (`i` + U+0307, from `İ`) dropped, then each scalar replaced by the shape its look-alikes
    /// and its other case share (`HandleConfusables.swift`, generated from Unicode's confusables.txt).
    public static func skeleton(of text: String) -> String {
        let lowered = text.decomposedStringWithCanonicalMapping.lowercased().decomposedStringWithCanonicalMapping
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in lowered.unicodeScalars {
            defer { previous = scalar }
            if scalar.value == 0x307, previous?.properties.isSoftDotted == true { continue }
            if let shape = confusablePrototypes[scalar.value] {
                result.append(contentsOf: shape.compactMap(Unicode.Scalar.init))
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    // Latin script only, so that a handle cannot imitate another with look-alike letters from other scripts.
    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0xC0...0x24F: return scalar.properties.isAlphabetic && scalar.value != 0xD7 && scalar.value != 0xF7
        default: return false
        }
    }
}
