import Foundation
import Klankbord
@testable import KlankbordLocalization
@testable import KlankbordMeetings
import XCTest

/// The agenda lists what is coming in the person's language; reminders come once per change.
final class MeetingAgendaTests: XCTestCase {
    typealias F = MeetingFixtures

    /// A poll closing at +20 h, the fixture meeting at +124 h (moved later to +30 h), a cancelled
    /// meeting at +40 h, and a meeting that has ended.
    private func book() -> MeetingBook {
        var book = MeetingBook()
        func add(_ event: MeetingEvent, _ hours: Double) {
            book.apply(event, from: F.facilitator, at: F.at(hours: hours), facilitators: F.facilitators)
        }
        add(F.poll(deadlineHours: 20), 0)
        add(F.fixed(), 0)
        add(MeetingEvent(body: .rescheduled(meeting: F.meetingID, slot: F.slot(startHours: 30), place: nil)), 1)
        let off = MeetingEvent(body: .fixed(origin: .direct, title: "Peer group", place: "online", slot: F.slot(startHours: 40), feeCents: 0))
        add(off, 0)
        add(MeetingEvent(body: .cancelled(meeting: off.id)), 2)
        add(MeetingEvent(body: .fixed(origin: .direct, title: "Old", place: "p", slot: F.slot(startHours: -10), feeCents: 0)), -20)
        return book
    }

    func testTheAgendaListsWhatIsComingInEachLanguage() {
        let items = MeetingAgenda.items(in: book(), now: F.at(hours: 3))
        XCTAssertEqual(items.line(Localizer(.en)), [
            "Poll Klankbord overleg: give your answer before Sat 2 Jan 2027, 09:00.",
            "Sat 2 Jan 2027, 19:00 to 21:00: Klankbord overleg, at Xenia, Leeuwarden. This meeting was moved. It was on Wed 6 Jan 2027, 17:00.",
            "Sun 3 Jan 2027, 05:00: Peer group is cancelled.",
        ])
        XCTAssertEqual(items.line(Localizer(.nl))[1],
                       "za 2 jan 2027, 19:00 tot 21:00: Klankbord overleg, in Xenia, Leeuwarden. Deze afspraak is verplaatst. Eerst was het op wo 6 jan 2027, 17:00.")
        XCTAssertEqual(items.line(Localizer(.es))[0], "Encuesta Klankbord overleg: responde antes del sábado 2 ene 2027, 09:00.")
    }

    func testAClosedPollLeavesTheAgenda() {
        let items = MeetingAgenda.items(in: book(), now: F.at(hours: 21))
        XCTAssertFalse(items.contains { if case .poll = $0 { true } else { false } })
    }

    func testRemindersComeOnceAndAgainAfterAMove() {
        var book = book()
        let first = MeetingAgenda.reminders(in: book, now: F.at(hours: 3), shown: [])
        XCTAssertEqual(first.map { $0.line(Localizer(.en)) }, [
            "Soon: the poll Klankbord overleg closes on Sat 2 Jan 2027, 09:00. Give your answer before then.",
            "Soon: Klankbord overleg starts on Sat 2 Jan 2027, 19:00, at Xenia, Leeuwarden.",
        ])
        let shown = Set(first.map(\.key))
        XCTAssertEqual(MeetingAgenda.reminders(in: book, now: F.at(hours: 4), shown: shown), [])
        book.apply(MeetingEvent(body: .rescheduled(meeting: F.meetingID, slot: F.slot(startHours: 31), place: nil)),
                   from: F.facilitator, at: F.at(hours: 5), facilitators: F.facilitators)
        XCTAssertEqual(MeetingAgenda.reminders(in: book, now: F.at(hours: 6), shown: shown).count, 1)
    }

    func testNothingIsMentionedTooEarly() {
        // At -60 h the nearest meeting (the ended one, -10 h) is 50 h away and the poll closes in 80 h.
        XCTAssertEqual(MeetingAgenda.reminders(in: book(), now: F.at(hours: -60), shown: []).count, 0)
    }
}

extension [MeetingAgenda.Item] {
    func line(_ t: Localizer) -> [String] { map { $0.line(t) } }
}
