/// Builds the compact binary layouts of the E2E types: big-endian integers, fixed-size fields and
/// byte strings prefixed by their length as a 4-byte big-endian integer.
///
/// - Warning: When a secret is written, the output array holds it in the clear and is not wiped;
///   callers store such output only in sealed storage.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    /// A writer whose output starts with `version`.
    init(version: UInt8, capacity: Int = 64) {
        self.init(prefix: [version], capacity: capacity)
    }

    /// A writer whose output starts with `prefix` (a domain-separation string for signed data).
    init(prefix: [UInt8], capacity: Int = 64) {
        bytes.reserveCapacity(prefix.count + capacity)
        bytes.append(contentsOf: prefix)
    }

    mutating func writeUInt8(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func writeUInt32(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func writeUInt64(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// A boolean as one byte, 0 or 1.
    mutating func writeFlag(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    /// Fixed-size bytes, with no length prefix (the layout says how many).
    mutating func writeBytes(_ value: [UInt8]) {
        bytes.append(contentsOf: value)
    }

    /// Fixed-size secret bytes, with no length prefix.
    mutating func writeSecret(_ secret: SecretBytes) {
        secret.withPointer { base, count in bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: count)) }
    }

    /// A 4-byte big-endian length followed by the bytes.
    mutating func writeLengthPrefixed(_ value: [UInt8]) {
        writeUInt32(UInt32(truncatingIfNeeded: value.count))
        bytes.append(contentsOf: value)
    }
}
