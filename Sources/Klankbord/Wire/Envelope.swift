/// The first byte of a payload on the server, saying how the rest is encrypted.
package enum Envelope: UInt8 {
    /// A room message under the sender's chain (sender keys).
    case senderKey = 0x01
    /// A message in a one-to-one session (Double Ratchet), in a direct room or in the inbox.
    case session = 0x02
}
