/// Reads protocol fields written by `WireWriter`. Every read checks the remaining length first and
/// throws `WireError.truncated` instead of trapping, so no input can crash a decoder.
public struct WireReader {
    private let bytes: [UInt8]
    private var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// How many bytes are left.
    public var remaining: Int { bytes.count - offset }

    private mutating func take(_ count: Int) throws(WireError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else { throw .truncated }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    public mutating func u8() throws(WireError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func u16() throws(WireError) -> UInt16 {
        try take(2).reduce(0) { $0 << 8 | UInt16($1) }
    }

    public mutating func u32() throws(WireError) -> UInt32 {
        try take(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    public mutating func u64() throws(WireError) -> UInt64 {
        try take(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    public mutating func i64() throws(WireError) -> Int64 { Int64(bitPattern: try u64()) }

    public mutating func bool() throws(WireError) -> Bool {
        switch try u8() {
        case 0: false
        case 1: true
        default: throw .invalidValue
        }
    }

    public mutating func string() throws(WireError) -> String {
        let length = Int(try u16())
        let slice = try take(length)
        guard let text = String(validating: slice, as: UTF8.self) else { throw .invalidText }
        return text
    }

    /// Length-prefixed bytes, refused when longer than `limit`.
    public mutating func data(limit: Int = Int(UInt16.max)) throws(WireError) -> [UInt8] {
        let length = Int(try u32())
        guard length <= limit else { throw .fieldTooLong }
        return Array(try take(length))
    }

    public mutating func fixed(_ count: Int) throws(WireError) -> [UInt8] { Array(try take(count)) }

    public mutating func optional<T>(_ read: (inout WireReader) throws(WireError) -> T) throws(WireError) -> T? {
        try bool() ? try read(&self) : nil
    }

    public mutating func list<T>(_ read: (inout WireReader) throws(WireError) -> T) throws(WireError) -> [T] {
        let count = Int(try u16())
        var values: [T] = []
        values.reserveCapacity(min(count, remaining))
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    /// Throws unless every byte was read.
    public func finish() throws(WireError) {
        guard remaining == 0 else { throw .trailingBytes }
    }
}
