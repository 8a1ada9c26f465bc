import FoundationEssentials

extension Date {
    /// The instant `seconds` after 1970-01-01 00:00 UTC, as the server stores times.
    init(secondsSince1970 seconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(seconds))
    }
}
