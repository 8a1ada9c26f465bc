#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlankbordE2E
import KlankbordProtocol

// Bodies of the `meeting.*` payload types (each starts with its own version byte, = 1). Integers
// big-endian, `string` = u16 length + UTF-8, `time` = i64 seconds since 1970 UTC, `id` = 16 bytes,
// `slot` = time start · time end, `answer` = u8 (1 yes, 2 maybe, 3 no), `list` = u16 count + items.
//
//   meeting.poll       version · string title · string place · time deadline · bool anonymous · list<slot> (2...10)
//   meeting.vote       version · id poll · list<u8 slot index · answer>
//   meeting.tally      version · id poll · list<u8 slot index · u16 yes · u16 maybe · u16 no>
//   meeting.fixed      version · u8 origin (0 direct, 1 poll) · [id poll · u8 slot index if 1] ·
//                      string title · string place · slot · i64 fee in euro cents
//   meeting.moved      version · id meeting · slot · optional<string place>
//   meeting.cancelled  version · id meeting
//   meeting.rsvp       version · id meeting · answer
//   meeting.attended   version · id meeting · list<u64 account id>
//   meeting.handover   version · list<u64 author · time · string type · id event · data body (u32 length)>
//                      (inner types: poll, tally, fixed, moved, cancelled; never a handover)

extension MeetingEvent {
    /// The body version this code writes and reads.
    public static let bodyVersion: UInt8 = 1

    /// This event as a payload event (`.unsupported` content: the envelope does not know `meeting.*`).
    public var payload: PayloadEvent {
        PayloadEvent(id: id, content: .unsupported(type: body.type, raw: body.serialized()))
    }

    /// The meeting event inside `payload`, `nil` when it is not a `meeting.*` type this version
    /// knows; `malformed` when it is one but its body is bad.
    public init?(payload: PayloadEvent) throws(E2EError) {
        guard case .unsupported(let type, let raw) = payload.content, Body.types.contains(type) else { return nil }
        do {
            self.init(id: payload.id, body: try Body(type: type, bytes: raw))
        } catch {
            throw .malformed
        }
    }
}

extension MeetingEvent.Body {
    /// Every type name this version knows.
    static let types: Set<String> = [
        "meeting.poll", "meeting.vote", "meeting.tally", "meeting.fixed",
        "meeting.moved", "meeting.cancelled", "meeting.rsvp", "meeting.attended", "meeting.handover",
    ]

    /// The types a handover may carry: what a later member needs to see coming meetings and open polls.
    static let handedTypes: Set<String> = ["meeting.poll", "meeting.tally", "meeting.fixed", "meeting.moved", "meeting.cancelled"]

    /// The body bytes (layouts above).
    func serialized() -> [UInt8] {
        var w = WireWriter()
        w.u8(MeetingEvent.bodyVersion)
        switch self {
        case .pollProposed(let title, let place, let slots, let deadline, let anonymous):
            w.string(title)
            w.string(place)
            w.i64(Self.seconds(deadline))
            w.bool(anonymous)
            w.list(slots) { $0.slot($1) }
        case .vote(let poll, let answers):
            w.fixed(poll.bytes)
            w.list(answers.sorted { $0.key < $1.key }) { w, pair in
                w.u8(UInt8(truncatingIfNeeded: pair.key))
                w.u8(pair.value.rawValue)
            }
        case .tallyPublished(let poll, let tallies):
            w.fixed(poll.bytes)
            w.list(tallies) { w, tally in
                w.u8(UInt8(truncatingIfNeeded: tally.slot))
                for count in [tally.yes, tally.maybe, tally.no] { w.u16(UInt16(clamping: count)) }
            }
        case .fixed(let origin, let title, let place, let slot, let fee):
            switch origin {
            case .direct: w.u8(0)
            case .poll(let poll, let index):
                w.u8(1)
                w.fixed(poll.bytes)
                w.u8(UInt8(truncatingIfNeeded: index))
            }
            w.string(title)
            w.string(place)
            w.slot(slot)
            w.i64(fee)
        case .rescheduled(let meeting, let slot, let place):
            w.fixed(meeting.bytes)
            w.slot(slot)
            w.optional(place) { $0.string($1) }
        case .cancelled(let meeting):
            w.fixed(meeting.bytes)
        case .rsvp(let meeting, let answer):
            w.fixed(meeting.bytes)
            w.u8(answer.rawValue)
        case .attendance(let meeting, let attendees):
            w.fixed(meeting.bytes)
            w.list(attendees.sorted()) { $0.u64($1) }
        case .handover(let handed):
            w.list(handed) { w, item in
                w.u64(item.author)
                w.i64(Self.seconds(item.time))
                w.string(item.event.body.type)
                w.fixed(item.event.id.bytes)
                w.data(item.event.body.serialized())
            }
        }
        return w.bytes
    }

    /// Decodes a body of `type`; throws on a bad version, bad value, or trailing bytes.
    init(type: String, bytes: [UInt8]) throws {
        var r = WireReader(bytes)
        guard try r.u8() == MeetingEvent.bodyVersion else { throw WireError.invalidValue }
        switch type {
        case "meeting.poll":
            let title = try r.string(), place = try r.string(), deadline = Self.date(try r.i64()), anonymous = try r.bool()
            self = .pollProposed(title: title, place: place, slots: try r.list { (r: inout WireReader) throws(WireError) in try r.slot() }, deadline: deadline, anonymous: anonymous)
        case "meeting.vote":
            let poll = try r.id()
            var answers: [Int: MeetingEvent.Answer] = [:]
            for (slot, answer) in try r.list({ r throws(WireError) in (Int(try r.u8()), try r.answer()) }) {
                guard answers.updateValue(answer, forKey: slot) == nil else { throw WireError.invalidValue }
            }
            self = .vote(poll: poll, answers: answers)
        case "meeting.tally":
            let poll = try r.id()
            self = .tallyPublished(poll: poll, tallies: try r.list { r throws(WireError) in
                MeetingEvent.SlotTally(slot: Int(try r.u8()), yes: Int(try r.u16()), maybe: Int(try r.u16()), no: Int(try r.u16()))
            })
        case "meeting.fixed":
            let origin: MeetingEvent.Origin
            switch try r.u8() {
            case 0: origin = .direct
            case 1: origin = .poll(try r.id(), slot: Int(try r.u8()))
            default: throw WireError.invalidValue
            }
            let title = try r.string(), place = try r.string(), slot = try r.slot()
            self = .fixed(origin: origin, title: title, place: place, slot: slot, feeCents: try r.i64())
        case "meeting.moved":
            let meeting = try r.id(), slot = try r.slot()
            self = .rescheduled(meeting: meeting, slot: slot, place: try r.optional { (r: inout WireReader) throws(WireError) in try r.string() })
        case "meeting.cancelled":
            self = .cancelled(meeting: try r.id())
        case "meeting.rsvp":
            let meeting = try r.id()
            self = .rsvp(meeting: meeting, answer: try r.answer())
        case "meeting.attended":
            let meeting = try r.id()
            self = .attendance(meeting: meeting, attendees: Set(try r.list { (r: inout WireReader) throws(WireError) in try r.u64() }))
        case "meeting.handover":
            var handed: [MeetingEvent.Handed] = []
            for _ in 0..<Int(try r.u16()) {
                let author = try r.u64(), time = Self.date(try r.i64()), type = try r.string(), id = try r.id()
                let body = try r.data(limit: E2ELimits.maxMessageLength)
                guard Self.handedTypes.contains(type) else { throw WireError.invalidValue }
                handed.append(MeetingEvent.Handed(event: MeetingEvent(id: id, body: try Self(type: type, bytes: body)), author: author, time: time))
            }
            self = .handover(handed)
        default:
            throw WireError.invalidValue
        }
        try r.finish()
    }

    static func seconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }

    static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

extension WireWriter {
    fileprivate mutating func slot(_ slot: MeetingEvent.Slot) {
        i64(MeetingEvent.Body.seconds(slot.start))
        i64(MeetingEvent.Body.seconds(slot.end))
    }
}

extension WireReader {
    fileprivate mutating func id() throws(WireError) -> PayloadEvent.ID {
        do {
            return try PayloadEvent.ID(try fixed(PayloadEvent.ID.length))
        } catch {
            throw .invalidValue
        }
    }

    fileprivate mutating func answer() throws(WireError) -> MeetingEvent.Answer {
        guard let answer = MeetingEvent.Answer(rawValue: try u8()) else { throw .invalidValue }
        return answer
    }

    fileprivate mutating func slot() throws(WireError) -> MeetingEvent.Slot {
        let start = MeetingEvent.Body.date(try i64())
        return MeetingEvent.Slot(start: start, end: MeetingEvent.Body.date(try i64()))
    }
}
