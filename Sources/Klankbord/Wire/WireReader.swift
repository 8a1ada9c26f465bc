import KlankbordCrypto

/// The error a format's decoder throws when a field is short, too long or out of range. The wire
/// protocol keeps the exact `WireError`; the end-to-end formats fold every such case into their own
/// `malformed` (see `E2EError`), so one reader serves both.
public protocol FieldFailure: Error {
    static func field(_ error: WireError) -> Self
}

extension WireError: FieldFailure {
    public static func field(_ error: WireError) -> WireError { error }
}

/// The reader of the wire protocol.
public typealias WireReader = FieldReader<WireError>

/// Reads fields written by `WireWriter`: big-endian integers, length-prefixed text and bytes. It is
/// the one binary decoder of the package, for the wire messages, the membership log, the ledger and
/// the end-to-end formats. Every read checks the remaining length first and throws instead of
/// trapping, so no input can crash a decoder.
public struct FieldReader<Failure: FieldFailure> {
    @usableFromInline let bytes: [UInt8]
    @usableFromInline var offset: Int

    @inlinable
    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// How many bytes are left.
    @inlinable
    public var remaining: Int { bytes.count - offset }

    @inlinable
    mutating func take(_ count: Int) throws(Failure) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else { throw .field(.truncated) }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    @inlinable
    public mutating func u8() throws(Failure) -> UInt8 {
        guard remaining >= 1 else { throw .field(.truncated) }
        defer { offset += 1 }
        return bytes[offset]
    }

    @inlinable
    public mutating func u16() throws(Failure) -> UInt16 {
        try take(2).reduce(0) { $0 << 8 | UInt16($1) }
    }

    @inlinable
    public mutating func u32() throws(Failure) -> UInt32 {
        try take(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    @inlinable
    public mutating func u64() throws(Failure) -> UInt64 {
        try take(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    @inlinable
    public mutating func i64() throws(Failure) -> Int64 { Int64(bitPattern: try u64()) }

    /// One byte that must be 0 or 1.
    @inlinable
    public mutating func bool() throws(Failure) -> Bool {
        switch try u8() {
        case 0: false
        case 1: true
        default: throw .field(.invalidValue)
        }
    }

    public mutating func string() throws(Failure) -> String {
        let length = Int(try u16())
        let slice = try take(length)
        guard let text = String(validating: slice, as: UTF8.self) else { throw .field(.invalidText) }
        return text
    }

    /// Length-prefixed bytes (a 4-byte length), refused when longer than `limit`.
    @inlinable
    public mutating func data(limit: Int = Int(UInt16.max)) throws(Failure) -> [UInt8] {
        let length = Int(try u32())
        guard length <= limit else { throw .field(.fieldTooLong) }
        return Array(try take(length))
    }

    /// Exactly `count` bytes, with no length prefix.
    @inlinable
    public mutating func fixed(_ count: Int) throws(Failure) -> [UInt8] { Array(try take(count)) }

    /// Exactly `count` bytes copied straight into a secret buffer.
    public mutating func secret(_ count: Int) throws(Failure) -> SecretBytes {
        guard count >= 0, remaining >= count else { throw .field(.truncated) }
        let start = offset
        offset += count
        return SecretBytes(count: count) { out, n in
            bytes.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { out.update(from: base + start, count: n) }
            }
        }
    }

    public mutating func optional<T>(_ read: (inout FieldReader) throws(Failure) -> T) throws(Failure) -> T? {
        try bool() ? try read(&self) : nil
    }

    public mutating func list<T>(_ read: (inout FieldReader) throws(Failure) -> T) throws(Failure) -> [T] {
        let count = Int(try u16())
        var values: [T] = []
        values.reserveCapacity(min(count, remaining))
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    /// Throws unless every byte was read.
    @inlinable
    public func finish() throws(Failure) {
        guard remaining == 0 else { throw .field(.trailingBytes) }
    }
}
