import KlankbordProtocol

extension FuzzEntry {
    /// `WireMessage.decode` on the raw input. What decodes must decode equal after encoding, and
    /// what decodes under a 16-byte payload limit must decode the same as under the default.
    static func wireMessage(_ bytes: [UInt8]) throws(FuzzViolation) {
        guard let message = try? WireMessage.decode(bytes) else { return }
        guard let again = try? WireMessage.decode(message.encoded()), again == message else {
            throw .roundTripChanged(type: "WireMessage")
        }
        if let limited = try? WireMessage.decode(bytes, payloadLimit: 16), limited != message {
            throw .limitChangedResult
        }
    }
}
