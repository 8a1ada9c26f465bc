import KlankbordCrypto

/// Appends fields in the one binary encoding of the package: big-endian integers, length-prefixed
/// text and bytes. The wire messages, the membership log, the ledger and the end-to-end formats all
/// use it.
///
/// The layout of every message is listed in docs/PROTOCOL.md; this type and `WireReader` are its only encoder and decoder.
public struct WireWriter: Sendable {
    /// The encoded bytes so far.
    public private(set) var bytes: [UInt8]

    /// An empty writer with room for `capacity` bytes.
    public init(capacity: Int = 64) {
        self.init(prefix: [], capacity: capacity)
    }

    /// A writer whose output starts with `prefix`: a format's version byte, or the domain-separation
    /// string of data that gets signed.
    public init(prefix: [UInt8], capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(prefix.count + capacity)
        bytes.append(contentsOf: prefix)
    }

    public mutating func u8(_ value: UInt8) { bytes.append(value) }

    public mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    public mutating func u32(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    public mutating func u64(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// A signed 64-bit integer in two's complement (times are seconds since 1970, UTC).
    public mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

    public mutating func bool(_ value: Bool) { u8(value ? 1 : 0) }

    /// UTF-8 text with a 2-byte length; longer text is cut at the last whole character that fits.
    public mutating func string(_ value: String) {
        var utf8 = Array(value.utf8)
        if utf8.count > Int(UInt16.max) {
            utf8 = Array(utf8.prefix(Int(UInt16.max)))
            while let last = utf8.last, last & 0xC0 == 0x80 { utf8.removeLast() }
            if let last = utf8.last, last >= 0xC0 { utf8.removeLast() }
        }
        u16(UInt16(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// Bytes with a 4-byte length.
    public mutating func data(_ value: [UInt8]) {
        u32(UInt32(truncatingIfNeeded: value.count))
        bytes.append(contentsOf: value)
    }

    /// Bytes of a length both sides know (keys, secrets, identifiers), without a length prefix.
    public mutating func fixed(_ value: [UInt8]) { bytes.append(contentsOf: value) }

    /// Secret bytes of a length both sides know, without a length prefix.
    ///
    /// - Warning: the output array then holds the secret in the clear and is not wiped; callers
    ///   store such output only in sealed storage.
    public mutating func secret(_ value: SecretBytes) {
        value.withPointer { base, count in bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: count)) }
    }

    /// A presence byte, then the value when present.
    public mutating func optional<T>(_ value: T?, _ write: (inout WireWriter, T) -> Void) {
        guard let value else { return u8(0) }
        u8(1)
        write(&self, value)
    }

    /// A 2-byte count, then each element.
    public mutating func list<T>(_ values: [T], _ write: (inout WireWriter, T) -> Void) {
        u16(UInt16(truncatingIfNeeded: min(values.count, Int(UInt16.max))))
        for value in values.prefix(Int(UInt16.max)) { write(&self, value) }
    }
}
