import FoundationEssentials
import KlankbordLedger
import KlankbordLocalization
import KlankbordMeetings

/// What a person types for meetings, read into checked values: slots as `<date> <from>-<to>` pairs, a deadline
/// as `<date> <time>`, a fee in euros, answers as `1=yes 2=no` (in any of the three languages).
enum MeetingInput {
    /// Slots from words in pairs: `2027-01-12 19:00-21:00 2027-01-19 19:00-21:00 …`.
    static func slots(_ words: [String]) throws(CommandFailure) -> [MeetingEvent.Slot] {
        guard words.count % 2 == 0 else {
            throw .message(L10nKey("cli.meeting.slot_format"), ["text": TerminalText.inline(words.last ?? "")], exitCode: 1)
        }
        var slots: [MeetingEvent.Slot] = []
        for index in stride(from: 0, to: words.count, by: 2) {
            slots.append(try slot(date: words[index], times: words[index + 1], number: index / 2 + 1))
        }
        return slots
    }

    /// One slot on `date` over `times` ("19:00-21:00").
    static func slot(date: String, times: String, number: Int = 1) throws(CommandFailure) -> MeetingEvent.Slot {
        try checked { () throws(MeetingError) -> MeetingEvent.Slot in
            let (from, to) = try QuarterlySeries.timeRange(times)
            return try MeetingValidation.slot(date: date, from: from, to: to, number: number)
        }
    }

    /// A deadline typed as `2027-01-05 18:00` (one word with a space, or `2027-01-05T18:00`); a date alone means
    /// the end of that day (23:59) on the Amsterdam clock.
    static func deadline(_ text: String) throws(CommandFailure) -> Date {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
        return try checked { () throws(MeetingError) -> Date in
            try AmsterdamWallClock(date: parts.first ?? text, time: parts.count > 1 ? parts[1] : "23:59").instant()
        }
    }

    /// A fee in whole cents from "25", "25.50" or "25,50"; none given is no fee.
    static func fee(_ text: String?) throws(CommandFailure) -> Int64 {
        guard let text, text != "0" else { return 0 }
        do {
            return try LedgerAmount.cents(from: text)
        } catch {
            throw .message(L10nKey("cli.meeting.fee_format"), ["text": TerminalText.inline(text)], exitCode: 1)
        }
    }

    /// An answer word (yes / maybe / no) in English, Dutch or Spanish.
    static func answer(_ word: String) -> MeetingEvent.Answer? {
        let wanted = word.lowercased()
        for language in Language.allCases {
            let t = Localizer(language)
            for answer in MeetingEvent.Answer.allCases where t(answerKey(answer)).lowercased() == wanted { return answer }
        }
        return nil
    }

    /// The catalog word for `answer`.
    static func answerKey(_ answer: MeetingEvent.Answer) -> L10nKey {
        switch answer {
        case .yes: L10nKey("cli.meeting.answer.yes")
        case .maybe: L10nKey("cli.meeting.answer.maybe")
        case .no: L10nKey("cli.meeting.answer.no")
        }
    }

    /// Answers per slot number from `1=yes 2=maybe 3=no`.
    static func answers(_ words: [String]) throws(CommandFailure) -> [Int: MeetingEvent.Answer] {
        var answers: [Int: MeetingEvent.Answer] = [:]
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let number = Int(parts[0]), let answer = answer(parts[1]) else {
                throw .message(L10nKey("cli.meeting.answer_format"), ["text": TerminalText.inline(word)], exitCode: 1)
            }
            answers[number] = answer
        }
        guard !answers.isEmpty else { throw .message(L10nKey("cli.meeting.answer_format"), ["text": ""], exitCode: 1) }
        return answers
    }

    /// Runs `body`, turning a `MeetingError` into its translated sentence.
    static func checked<T>(_ body: () throws(MeetingError) -> T) throws(CommandFailure) -> T {
        do {
            return try body()
        } catch {
            throw .message(error.key, error.arguments.mapValues(TerminalText.inline), exitCode: 1)
        }
    }
}
