import Foundation
import Klankbord
@testable import KlankbordLocalization
@testable import KlankbordMeetings
import XCTest

/// Bad input gets a typed error with a clear sentence in every language; good input becomes UTC.
final class MeetingValidationTests: XCTestCase {
    typealias F = MeetingFixtures

    func testAWinterEveningInAmsterdamIsOneHourAfterUTC() throws {
        let slot = try MeetingValidation.slot(date: "2027-01-12", from: "19:00", to: "21:00")
        XCTAssertEqual(slot.start, Date(timeIntervalSince1970: 1_799_776_800)) // 2027-01-12 18:00 UTC
        XCTAssertEqual(slot.end.timeIntervalSince(slot.start), 7200)
        XCTAssertEqual(try MeetingValidation.slot(date: "12-01-2027", from: "19:00", to: "21:00"), slot)
    }

    func testASummerEveningIsTwoHoursAfterUTC() throws {
        let start = try AmsterdamWallClock(date: "2027-07-13", time: "19:00").instant()
        XCTAssertEqual(start, Date(timeIntervalSince1970: 1_815_498_000)) // 2027-07-13 17:00 UTC
    }

    func testTheSkippedHourInMarchIsRefused() {
        // 2027-03-28 is the last Sunday of March.
        XCTAssertThrowsError(try AmsterdamWallClock(date: "2027-03-28", time: "02:30").instant()) { error in
            XCTAssertEqual(error as? MeetingError, .timeDoesNotExist(date: "2027-03-28", time: "02:30"))
        }
        XCTAssertNoThrow(try AmsterdamWallClock(date: "2027-03-28", time: "03:00").instant())
        XCTAssertNoThrow(try AmsterdamWallClock(date: "2027-03-21", time: "02:30").instant())
    }

    func testTheDoubleHourInOctoberIsRefused() {
        // 2027-10-31 is the last Sunday of October.
        XCTAssertThrowsError(try AmsterdamWallClock(date: "31-10-2027", time: "02:30").instant()) { error in
            XCTAssertEqual(error as? MeetingError, .timeExistsTwice(date: "2027-10-31", time: "02:30"))
        }
        XCTAssertNoThrow(try AmsterdamWallClock(date: "2027-10-31", time: "03:00").instant())
        XCTAssertNoThrow(try AmsterdamWallClock(date: "2027-10-31", time: "01:59").instant())
    }

    func testDatesAndTimesInUnknownFormatsAreRefused() {
        for text in ["12 januari", "2027-13-01", "2027-02-29", "27-01-12", "2027-1", "", "٢٠٢٧-٠١-١٢"] {
            XCTAssertThrowsError(try AmsterdamWallClock(date: text, time: "19:00")) { error in
                XCTAssertEqual(error as? MeetingError, .unknownDateFormat(text))
            }
        }
        XCTAssertNoThrow(try AmsterdamWallClock(date: "2028-02-29", time: "19:00"))
        for text in ["7pm", "24:00", "19:60", "19", "19:0", "19.00"] {
            XCTAssertThrowsError(try AmsterdamWallClock(date: "2027-01-12", time: text)) { error in
                XCTAssertEqual(error as? MeetingError, .unknownTimeFormat(text))
            }
        }
    }

    func testASlotEndingBeforeItStartsNamesTheSlot() {
        XCTAssertThrowsError(try MeetingValidation.slot(date: "2027-01-12", from: "21:00", to: "19:00", number: 3)) { error in
            XCTAssertEqual(error as? MeetingError, .slotEndsBeforeStart(slot: 3))
        }
    }

    func testPollsNeedTwoToTenSlotsAndAFutureDeadline() {
        let slots = (0..<11).map { F.slot(startHours: Double(100 + $0 * 24)) }
        XCTAssertNoThrow(try MeetingValidation.poll(slots: Array(slots.prefix(10)), deadline: F.at(hours: 1), now: F.t0))
        XCTAssertThrowsError(try MeetingValidation.poll(slots: slots, deadline: F.at(hours: 1), now: F.t0)) {
            XCTAssertEqual($0 as? MeetingError, .tooManySlots(count: 11))
        }
        XCTAssertThrowsError(try MeetingValidation.poll(slots: [slots[0]], deadline: F.at(hours: 1), now: F.t0)) {
            XCTAssertEqual($0 as? MeetingError, .tooFewSlots(count: 1))
        }
        XCTAssertThrowsError(try MeetingValidation.poll(slots: Array(slots.prefix(2)), deadline: F.t0, now: F.t0)) {
            XCTAssertEqual($0 as? MeetingError, .deadlineInPast)
        }
    }

    func testAVoteOnAClosedPollAndAChangeWithoutTheRoleAreRefused() throws {
        var book = MeetingBook()
        book.apply(F.poll(deadlineHours: 10), from: F.facilitator, at: F.t0, facilitators: F.facilitators)
        let poll = try XCTUnwrap(book.polls.first)
        XCTAssertNoThrow(try MeetingValidation.vote(on: poll, now: F.at(hours: 10)))
        XCTAssertThrowsError(try MeetingValidation.vote(on: poll, now: F.at(hours: 10.01))) {
            XCTAssertEqual($0 as? MeetingError, .pollClosed)
        }
        XCTAssertThrowsError(try MeetingValidation.facilitator(F.anna, in: F.facilitators)) {
            XCTAssertEqual($0 as? MeetingError, .notFacilitator)
        }
    }

    func testVotesAndFixingUseSlotNumbersAsPeopleCountThem() throws {
        var book = MeetingBook()
        book.apply(F.poll(deadlineHours: 10), from: F.facilitator, at: F.t0, facilitators: F.facilitators)
        let vote = try book.voting(on: F.pollID, answers: [1: .yes, 3: .no], now: F.at(hours: 1))
        XCTAssertEqual(vote.body, .vote(poll: F.pollID, answers: [0: .yes, 2: .no]))
        XCTAssertThrowsError(try book.voting(on: F.pollID, answers: [4: .yes], now: F.at(hours: 1))) {
            XCTAssertEqual($0 as? MeetingError, .unknownSlot(count: 3))
        }
        XCTAssertThrowsError(try book.voting(on: F.pollID, answers: [1: .yes], now: F.at(hours: 11))) {
            XCTAssertEqual($0 as? MeetingError, .pollClosed)
        }
        XCTAssertThrowsError(try book.voting(on: F.meetingID, answers: [1: .yes], now: F.at(hours: 1))) {
            XCTAssertEqual($0 as? MeetingError, .unknownPoll)
        }
        let fixed = try book.fixing(poll: F.pollID, slot: 2, feeCents: 2500)
        XCTAssertEqual(fixed.body, .fixed(origin: .poll(F.pollID, slot: 1), title: "Klankbord overleg", place: "Xenia, Leeuwarden",
                                          slot: F.slot(startHours: 124), feeCents: 2500))
        XCTAssertThrowsError(try book.fixing(poll: F.pollID, slot: 0, feeCents: 0)) {
            XCTAssertEqual($0 as? MeetingError, .unknownSlot(count: 3))
        }
    }

    func testEveryErrorHasAStableCodeAndASentenceInEachLanguage() {
        let errors: [MeetingError] = [
            .slotEndsBeforeStart(slot: 2), .deadlineInPast, .tooManySlots(count: 11), .tooFewSlots(count: 1),
            .unknownDateFormat("12 jan"), .unknownTimeFormat("7pm"), .timeDoesNotExist(date: "2027-03-28", time: "02:30"),
            .timeExistsTwice(date: "2027-10-31", time: "02:30"), .pollClosed, .notFacilitator, .unknownRule("elke week"),
            .negativeFee, .unknownPoll, .unknownSlot(count: 3),
        ]
        XCTAssertEqual(Set(errors.map(\.code)).count, errors.count, "codes must differ")
        for language in Language.allCases {
            let t = Localizer(language)
            for error in errors {
                let text = error.text(t)
                XCTAssertFalse(text.contains("{"), "\(language) \(error.code): \(text)")
                XCTAssertNotEqual(text, error.key.rawValue, "\(language) \(error.code) missing")
                for value in error.arguments.values { XCTAssertTrue(text.contains(value), "\(language) \(error.code) lacks \(value)") }
            }
        }
        XCTAssertEqual(MeetingError.timeDoesNotExist(date: "2027-03-28", time: "02:30").text(Localizer(.nl)),
                       "Op 2027-03-28 gaat de klok van 02:00 naar 03:00 voor de zomertijd. Daarom bestaat 02:30 die dag niet. Kies een andere tijd.")
    }
}
