import FoundationEssentials
import KlankbordLedger
import KlankbordLocalization

/// Purposes, states and dates of ledger entries as a person reads them, in their language.
enum LedgerWords {
    static func purpose(_ purpose: LedgerPurpose, _ t: Localizer) -> String {
        switch purpose {
        case .consultation: t("ledger.purpose.consultation")
        case .meeting: t("ledger.purpose.meeting")
        case .travel: t("ledger.purpose.travel")
        case .other: t("ledger.purpose.misc")
        }
    }

    /// The state, with "confirmed" for a paid entry its recipient confirmed.
    static func state(_ entry: LedgerEntry, _ t: Localizer) -> String {
        state(entry.state, confirmed: entry.confirmed != nil, t)
    }

    static func state(_ state: LedgerEntryState, confirmed: Bool, _ t: Localizer) -> String {
        switch state {
        case .proposed: t("ledger.state.proposed")
        case .approved: t("ledger.state.approved")
        case .paid: confirmed ? t("ledger.state.confirmed") : t("ledger.state.paid")
        case .rejected: t("ledger.state.rejected")
        }
    }
}

/// Dates typed as `YYYY-MM-DD` (the Amsterdam calendar date) and shown as the person's language writes them.
enum LedgerDates {
    /// UTC seconds of noon in Amsterdam on the typed date (today when none is typed), so every view puts the entry on
    /// that date whatever the summer time.
    static func seconds(_ typed: String?, _ run: Invocation) throws(CommandFailure) -> Int64 {
        guard let typed else { return Int64(Date().timeIntervalSince1970) }
        let date = try parse(typed, run)
        return CivilCalendar.days(year: date.year, month: date.month, day: date.day) * 86_400 + 11 * 3_600
    }

    /// A typed `YYYY-MM-DD`, or the bad-date sentence.
    static func parse(_ typed: String, _ run: Invocation) throws(CommandFailure) -> LedgerDate {
        let parts = typed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day), year >= 2000, year <= 2200 else {
            throw .message(L10nKey("ledger.cli.bad_date"), ["date": TerminalText.inline(typed)], exitCode: 1)
        }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        let back = CivilCalendar.date(fromDays: days)
        guard back.month == month, back.day == day else { throw .message(L10nKey("ledger.cli.bad_date"), ["date": TerminalText.inline(typed)], exitCode: 1) }
        return LedgerDate(year: year, month: month, day: day)
    }

    /// A ledger date as the person's language writes it, such as "12 Jan 2027" (the month's name from the catalog).
    static func shown(_ date: LedgerDate, _ t: Localizer) -> String {
        t("ledger.cli.date", ["day": String(date.day), "month": t("date.month.\(date.month)"), "year": String(date.year)])
    }
}
