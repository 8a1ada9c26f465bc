/// A catalog key kept for later, for example a wire error code's sentence chosen before the
/// language is known. Write it as `L10nKey("invite.expired")` so the catalog tests can find it.
public struct L10nKey: Hashable, Sendable, CustomStringConvertible {
    /// The dotted key, such as `invite.expired`.
    public let rawValue: String

    /// A key for the catalog.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The key itself; never a translated text.
    public var description: String { rawValue }
}
