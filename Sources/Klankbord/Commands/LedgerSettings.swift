import KlankbordClient
import KlankbordLedger

/// The volunteer-allowance limits this device uses: the built-in 2025 default (docs/LEDGER.md, "Budget and volunteer
/// allowance"), plus the years set with `klankbord ledger allowance`. Every facilitator must set the same limits: an
/// approval is checked against them again when the chain is replayed.
enum LedgerSettings {
    /// The schedule from the profile, with the 2025 default when a year is not set.
    static func schedule(_ profile: Profile) -> AllowanceSchedule {
        var byYear: [Int: AllowanceLimits] = [AllowanceLimits.dutchVolunteerAllowance2025.year: .dutchVolunteerAllowance2025]
        for limits in parse(profile.ledgerAllowance ?? "") { byYear[limits.year] = limits }
        return AllowanceSchedule(byYear.values.sorted { $0.year < $1.year })
    }

    /// Reads `year:monthly cents:yearly cents` items separated by commas; skips anything else.
    static func parse(_ text: String) -> [AllowanceLimits] {
        text.split(separator: ",").compactMap { item in
            let parts = item.split(separator: ":")
            guard parts.count == 3, let year = Int(parts[0]), let month = Int64(parts[1]), let yearly = Int64(parts[2]) else { return nil }
            return AllowanceLimits(year: year, monthlyCents: month, yearlyCents: yearly)
        }
    }

    /// Writes limits back in the stored form.
    static func text(_ limits: [AllowanceLimits]) -> String {
        limits.sorted { $0.year < $1.year }.map { "\($0.year):\($0.monthlyCents):\($0.yearlyCents)" }.joined(separator: ",")
    }
}
