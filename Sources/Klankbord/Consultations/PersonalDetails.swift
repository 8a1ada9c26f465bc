import Foundation
import KlankbordLocalization

/// Finds what could identify a person in an answer: a handle of the group, a phone number, an e-mail address, or a
/// Dutch street address ("Straatnaam 12") or postcode ("1234 AB"). It errs on the side of flagging; the facilitator
/// decides. Handles are also what the report removes.
public struct PersonalDetails: Sendable {
    /// A kind of personal detail an answer may mention.
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        /// A handle of the group, with or without @.
        case handle
        /// A phone number (9 digits or more).
        case phone
        /// An e-mail address.
        case email
        /// A street and number, or a Dutch postcode.
        case address

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }

        /// What the facilitator reads next to a flagged answer, in `t`'s language.
        public func label(_ t: Localizer) -> String {
            switch self {
            case .handle: t("consult.flag.handle")
            case .phone: t("consult.flag.phone")
            case .email: t("consult.flag.email")
            case .address: t("consult.flag.address")
            }
        }
    }

    /// What replaces a handle in a report.
    public static let removedHandle = "[…]"

    private let handles: NSRegularExpression?
    private static let patterns: [(Kind, NSRegularExpression)] = [
        (.phone, #"(?<![\d+])(?:\+|00)?\d(?:[ .\-]?\d){8,13}(?!\d)"#),
        (.email, #"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.\p{L}{2,}"#),
        (.address, #"(?<![\p{L}\p{N}])[1-9]\d{3}(?: ?[A-Z]{2}|[a-z]{2})(?![\p{L}\p{N}])"#),
        (.address, #"(?<![\p{L}\p{N}])\p{Lu}[\p{L}'\-]{2,}(?: [\p{L}'\-]+)? \d{1,4}(?: ?[a-zA-Z])?(?![\p{L}\p{N}])"#),
    ].compactMap { kind, pattern in (try? NSRegularExpression(pattern: pattern)).map { (kind, $0) } }

    /// A finder for the given group handles (any case, with or without a leading @).
    public init(handles: [String]) {
        let names = handles.filter { !$0.isEmpty }.sorted { $0.count > $1.count }.map(NSRegularExpression.escapedPattern(for:))
        self.handles = names.isEmpty ? nil : try? NSRegularExpression(
            pattern: #"(?<![\p{L}\p{N}_\-.@])@?(?:"# + names.joined(separator: "|") + #")(?![\p{L}\p{N}_\-])"#,
            options: .caseInsensitive)
    }

    /// The kinds of personal detail `text` mentions.
    public func kinds(in text: String) -> Set<Kind> {
        let range = NSRange(text.startIndex..., in: text)
        var found = Set<Kind>()
        if let handles, handles.firstMatch(in: text, range: range) != nil { found.insert(.handle) }
        for (kind, pattern) in Self.patterns where pattern.firstMatch(in: text, range: range) != nil { found.insert(kind) }
        return found
    }

    /// `text` with every group handle replaced by `removedHandle`.
    public func removingHandles(_ text: String) -> String {
        guard let handles else { return text }
        return handles.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                                withTemplate: NSRegularExpression.escapedTemplate(for: Self.removedHandle))
    }
}
