/// The volunteer-allowance limits per recipient for one calendar year, in euro cents.
///
/// Default: the Dutch tax-free volunteer allowance (vrijwilligersvergoeding) for 2025, € 210 per month and
/// € 2,100 per year (Belastingdienst; source in docs/LEDGER.md). Above it, a payment can become taxable
/// income and can cut a benefit, so approving past a limit needs an explicit choice.
public struct AllowanceLimits: Sendable, Equatable {
    /// The calendar year the limits hold for.
    public var year: Int
    /// The most per recipient in one calendar month.
    public var monthlyCents: Int64
    /// The most per recipient in one calendar year.
    public var yearlyCents: Int64

    /// Limits from their parts.
    public init(year: Int, monthlyCents: Int64, yearlyCents: Int64) {
        self.year = year
        self.monthlyCents = monthlyCents
        self.yearlyCents = yearlyCents
    }

    /// The Dutch vrijwilligersvergoeding for 2025: € 210 per month, € 2,100 per year.
    public static let dutchVolunteerAllowance2025 = AllowanceLimits(year: 2025, monthlyCents: 21_000, yearlyCents: 210_000)
}

/// The configured limits for each year. A year with none uses the latest earlier year's, so a missed
/// update keeps warning with the last known limits instead of not at all.
public struct AllowanceSchedule: Sendable, Equatable {
    /// The limits, one per year.
    public var limits: [AllowanceLimits]

    /// A schedule from per-year limits.
    public init(_ limits: [AllowanceLimits] = [.dutchVolunteerAllowance2025]) {
        self.limits = limits
    }

    /// The limits that hold for `year`: that year's, or the latest earlier year's, or the earliest known.
    public func limits(for year: Int) -> AllowanceLimits? {
        let sorted = limits.sorted { $0.year < $1.year }
        return sorted.last { $0.year <= year } ?? sorted.first
    }
}

/// How much of a recipient's allowance approved and paid entries use in one year.
public struct AllowanceUse: Sendable, Equatable {
    /// The recipient's account id.
    public let recipient: UInt64
    /// The calendar year.
    public let year: Int
    /// The limits that hold for the year (nil when none are configured).
    public let limits: AllowanceLimits?
    /// Cents used per month, index 0 = January.
    public let monthCents: [Int64]

    /// Cents used in the whole year.
    public var yearCents: Int64 { monthCents.reduce(0, +) }

    /// What is left of the yearly limit (negative when over it).
    public var yearRemaining: Int64? { limits.map { $0.yearlyCents - yearCents } }
}
