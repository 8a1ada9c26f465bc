import Foundation
import Klankbord
@testable import KlankbordLocalization
@testable import KlankbordMeetings
import XCTest

/// The series rule reads the same in three languages and yields four meetings, each on its own.
final class QuarterlySeriesTests: XCTestCase {
    typealias F = MeetingFixtures

    func testTheSameRuleReadsInDutchEnglishAndSpanish() throws {
        let expected = SeriesRule(ordinal: .second, weekday: 2, monthOfQuarter: 1)
        XCTAssertEqual(try SeriesRule(parsing: "second Tuesday of the quarter's first month"), expected)
        XCTAssertEqual(try SeriesRule(parsing: "Tweede  dinsdag van de eerste maand van het kwartaal"), expected)
        XCTAssertEqual(try SeriesRule(parsing: "segundo martes del primer mes del trimestre"), expected)
        XCTAssertEqual(try SeriesRule(parsing: "Second tuesday of the quarter’s first month"), expected)
        XCTAssertEqual(try SeriesRule(parsing: "último viernes del ultimo mes del trimestre"),
                       SeriesRule(ordinal: .last, weekday: 5, monthOfQuarter: 3))
    }

    func testTheRuleIsWrittenBackInEachLanguage() {
        let rule = SeriesRule(ordinal: .second, weekday: 2, monthOfQuarter: 1)
        XCTAssertEqual(rule.text(Localizer(.en)), "second Tuesday of the quarter's first month")
        XCTAssertEqual(rule.text(Localizer(.nl)), "tweede dinsdag van de eerste maand van het kwartaal")
        XCTAssertEqual(rule.text(Localizer(.es)), "segundo martes del primer mes del trimestre")
    }

    func testAnUnknownRuleIsRefusedWithItsText() {
        for text in ["every second Tuesday", "fifth Tuesday of the quarter's first month", "tweede dinsdag", ""] {
            XCTAssertThrowsError(try SeriesRule(parsing: text)) { XCTAssertEqual($0 as? MeetingError, .unknownRule(text)) }
        }
    }

    func testSecondTuesdayOf2027GivesFourEveningsInAmsterdam() throws {
        let rule = try SeriesRule(parsing: "second Tuesday of the quarter's first month")
        let events = try QuarterlySeries.meetings(year: 2027, rule: rule, time: "19:00-21:00", title: "Klankbord", place: "Xenia",
                                                  feeCents: 2500)
        let starts = events.compactMap { event -> String? in
            guard case .fixed(_, _, _, let slot, _) = event.body else { return nil }
            let local = AmsterdamTime(slot.start)
            return "\(local.year)-\(local.month)-\(local.day) \(local.hour):\(local.minute) wd\(local.weekday)"
        }
        XCTAssertEqual(starts, ["2027-1-12 19:0 wd2", "2027-4-13 19:0 wd2", "2027-7-13 19:0 wd2", "2027-10-12 19:0 wd2"])
        XCTAssertEqual(Set(events.map(\.id)).count, 4)
    }

    func testTheLastWeekdayCanBeTheFifth() {
        let days = SeriesRule(ordinal: .last, weekday: 5, monthOfQuarter: 3).days(in: 2028).map { "\($0.month)-\($0.day)" }
        XCTAssertEqual(days, ["3-31", "6-30", "9-29", "12-29"])
        let fourth = SeriesRule(ordinal: .fourth, weekday: 5, monthOfQuarter: 3).days(in: 2028).map { "\($0.month)-\($0.day)" }
        XCTAssertEqual(fourth, ["3-24", "6-23", "9-22", "12-22"])
    }

    func testEachMeetingOfASeriesMovesAndCancelsOnItsOwn() throws {
        let rule = SeriesRule(ordinal: .first, weekday: 1, monthOfQuarter: 2)
        let events = try QuarterlySeries.meetings(year: 2027, rule: rule, time: "10:00-12:00", title: "t", place: "p", feeCents: 0)
        var book = MeetingBook()
        for event in events { book.apply(event, from: F.facilitator, at: F.t0, facilitators: F.facilitators) }
        book.apply(MeetingEvent(body: .cancelled(meeting: events[1].id)), from: F.facilitator, at: F.at(hours: 1), facilitators: F.facilitators)
        book.apply(MeetingEvent(body: .rescheduled(meeting: events[2].id, slot: F.slot(startHours: 5000), place: nil)),
                   from: F.facilitator, at: F.at(hours: 1), facilitators: F.facilitators)
        XCTAssertEqual(book.meeting(events[0].id)?.sequence, 0)
        XCTAssertEqual(book.meeting(events[1].id)?.status, .cancelled)
        XCTAssertEqual(book.meeting(events[2].id)?.slot, F.slot(startHours: 5000))
        XCTAssertEqual(book.meeting(events[3].id)?.status, .confirmed)
        XCTAssertEqual(book.meeting(events[3].id)?.sequence, 0)
    }

    func testABadTimeRangeOrFeeIsRefused() {
        let rule = SeriesRule(ordinal: .first, weekday: 1, monthOfQuarter: 1)
        XCTAssertThrowsError(try QuarterlySeries.meetings(year: 2027, rule: rule, time: "19:00", title: "t", place: "p", feeCents: 0)) {
            XCTAssertEqual($0 as? MeetingError, .unknownTimeFormat("19:00"))
        }
        XCTAssertThrowsError(try QuarterlySeries.meetings(year: 2027, rule: rule, time: "21:00-19:00", title: "t", place: "p", feeCents: 0)) {
            XCTAssertEqual($0 as? MeetingError, .slotEndsBeforeStart(slot: 1))
        }
        XCTAssertThrowsError(try QuarterlySeries.meetings(year: 2027, rule: rule, time: "19:00-21:00", title: "t", place: "p", feeCents: -1)) {
            XCTAssertEqual($0 as? MeetingError, .negativeFee)
        }
    }
}
