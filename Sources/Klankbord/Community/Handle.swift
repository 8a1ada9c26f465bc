/// A pseudonymous handle chosen by its owner: 3–32 characters, letters (Latin script), digits,
/// `_`, `-` and `.`, starting with a letter or digit. Unique without regard to case.
public struct Handle: Hashable, Sendable, CustomStringConvertible {
    public static let lengthRange = 3...32

    /// The handle as its owner wrote it.
    public let text: String
    /// The lower-cased form that uniqueness is checked against.
    public let key: String

    /// Checks `text`; returns nil when it is not a valid handle.
    public init?(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        guard Handle.lengthRange.contains(scalars.count),
              let first = scalars.first, Handle.isLetterOrDigit(first),
              scalars.allSatisfy({ Handle.isLetterOrDigit($0) || "_-.".unicodeScalars.contains($0) })
        else { return nil }
        self.text = text
        self.key = text.lowercased()
    }

    public var description: String { text }

    // Latin script only, so that a handle cannot imitate another with look-alike letters from other scripts.
    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0xC0...0x24F: return scalar.properties.isAlphabetic && scalar.value != 0xD7 && scalar.value != 0xF7
        default: return false
        }
    }
}
