// `consultation.reminded` (version 1): a facilitator reminds one member who has not answered yet. It travels over the
// pairwise sessions to that member (and to the other facilitators, so they know the reminder went out), never the
// room. Body: consultation id(16) || recipient account u64, written with `WireWriter` (docs/CONSULTATIONS.md).

import KlankbordE2E
import KlankbordProtocol

/// A reminder to one member to answer a consultation. Kept apart from `ConsultationEvent`: it changes no count.
public struct ConsultationReminder: Hashable, Sendable {
    /// The payload type name.
    public static let type = "consultation.reminded"

    /// The consultation the member is reminded of.
    public let consultation: PayloadEvent.ID
    /// The account of the member who is reminded.
    public let recipient: UInt64

    /// A reminder of `consultation` for `recipient`.
    public init(consultation: PayloadEvent.ID, recipient: UInt64) {
        self.consultation = consultation
        self.recipient = recipient
    }

    /// The reminder as a payload event.
    public var payload: PayloadEvent {
        var writer = WireWriter()
        writer.fixed(consultation.bytes)
        writer.u64(recipient)
        return PayloadEvent(content: .unsupported(type: Self.type, raw: writer.bytes))
    }

    /// The reminder a payload event carries; nil when it is no (well-formed) reminder.
    public init?(_ event: PayloadEvent) {
        guard case .unsupported(let type, let raw) = event.content, type == Self.type else { return nil }
        var reader = WireReader(raw)
        guard let bytes = try? reader.fixed(PayloadEvent.ID.length), let id = try? PayloadEvent.ID(bytes),
              let recipient = try? reader.u64(), (try? reader.finish()) != nil else { return nil }
        self.init(consultation: id, recipient: recipient)
    }
}

extension PayloadEvent.ID {
    /// The whole id in lower-case hex.
    var hex: String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
    }

    /// The short code a person types for a consultation or an answer: the first four bytes in lower-case hex.
    public var code: String { String(hex.prefix(8)) }

    /// Whether `typed` (at least 4 characters, any case) is the start of this id's hex form.
    public func matches(code typed: String) -> Bool {
        typed.count >= 4 && hex.hasPrefix(typed.lowercased())
    }
}
