import KlankbordLocalization

/// What a setting's value must look like; turned into words for error messages.
enum ConfigExpectation: Equatable, Sendable {
    /// Digits only, within the range.
    case wholeNumber(ClosedRange<Int>)
    /// Digits with an optional `.fraction`, within the range; bounds kept as written.
    case number(min: String, max: String)
    /// An IP address and port to listen on: `127.0.0.1:7447` or `[::1]:7447`.
    case listen
    /// A loopback IP address and port (`127.0.0.1:9464` or `[::1]:9464`), or nothing.
    case loopback
    /// A host name or IP address and port that clients can reach, or nothing.
    case address
    /// One of a few fixed words.
    case choice([String])
    /// A non-empty folder path.
    case path

    /// The description in the localizer's language, such as "a whole number from 1024 to 65535".
    func text(_ t: Localizer) -> String {
        switch self {
        case .wholeNumber(let range):
            return t("config.expected.whole_number", ["min": String(range.lowerBound), "max": String(range.upperBound)])
        case .number(let min, let max):
            return t("config.expected.number", ["min": min, "max": max])
        case .listen:
            return t("config.expected.listen")
        case .address:
            return t("config.expected.address")
        case .loopback:
            return t("config.expected.loopback")
        case .choice(let words):
            return t("config.expected.choice", ["choices": words.joined(separator: ", ")])
        case .path:
            return t("config.expected.path")
        }
    }

    /// The short English description carried by `ConfigError.invalidValue`.
    var english: String { text(Localizer(.en)) }
}
