// Ledger events as end-to-end payloads (docs/LEDGER.md, "On the wire"):
//
//   "ledger.created" "ledger.approved" "ledger.paid" "ledger.rejected" "ledger.receipt" "ledger.reversal"
//   "ledger.budget"   body = the whole signed `LedgerEvent` of that kind
//
// They travel as `.unsupported` content, so clients without the ledger keep and pass them on unchanged.

import KlankbordE2E

extension LedgerEventKind {
    /// The `PayloadEvent` type name that carries an event of this kind.
    public var payloadType: String {
        switch self {
        case .created: "ledger.created"
        case .approved: "ledger.approved"
        case .paid: "ledger.paid"
        case .rejected: "ledger.rejected"
        case .receipt: "ledger.receipt"
        case .reversal: "ledger.reversal"
        case .budget: "ledger.budget"
        case .handover: "ledger.handover"
        }
    }
}

extension LedgerEvent {
    /// This event as an end-to-end payload of type `ledger.<kind>` whose body is the signed event.
    public var payload: PayloadEvent {
        PayloadEvent(content: .unsupported(type: kind.payloadType, raw: bytes))
    }

    /// The ledger event a `ledger.*` payload carries; `nil` for any other type, or a body whose kind differs.
    public init?(payload: PayloadEvent) {
        guard case let .unsupported(type, raw) = payload.content,
              let event = try? LedgerEvent(decoding: raw), event.kind.payloadType == type else { return nil }
        self = event
    }
}
