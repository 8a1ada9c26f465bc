// A recipient's confirmation on its way to a facilitator (docs/LEDGER.md, "Receipts"):
//
//   "ledger.confirmation"   body = entry id (16) · confirmed i64 · recipient signature (64)
//
// It travels privately, in the recipient's 1:1 thread with the facilitator who paid; that facilitator checks the
// signature against the entry's recipient and appends it to the chain as a `receipt` event.

import KlankbordCrypto
import KlankbordE2E
import KlankbordProtocol

extension LedgerReceipt {
    /// The payload type of a confirmation sent by a recipient.
    public static let confirmationType = "ledger.confirmation"

    /// This receipt as the payload a recipient sends to the facilitator.
    public var confirmationPayload: PayloadEvent {
        var w = WireWriter(capacity: 88)
        w.fixed(entry.bytes)
        w.i64(confirmed)
        w.fixed(signature)
        return PayloadEvent(content: .unsupported(type: Self.confirmationType, raw: w.bytes))
    }

    /// The receipt a confirmation payload carries; nil for anything else.
    public init?(confirmation payload: PayloadEvent) {
        guard case let .unsupported(type, raw) = payload.content, type == Self.confirmationType else { return nil }
        var r = WireReader(raw)
        guard let bytes = try? r.fixed(LedgerEntryID.length), let entry = LedgerEntryID(bytes), let confirmed = try? r.i64(),
              let signature = try? r.fixed(Ed25519.signatureLength), (try? r.finish()) != nil else { return nil }
        self.init(entry: entry, confirmed: confirmed, signature: signature)
    }
}
