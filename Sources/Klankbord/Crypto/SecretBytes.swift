import CSodium

/// Secret key material: zeroed with `sodium_memzero` when the last copy is dropped, compared in
/// constant time, and never printed.
///
/// - Warning: Pointers handed out by `withPointer` or `withUnsafeBytes` must not escape the closure.
public struct SecretBytes: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    // Written only inside `init`, then immutable, so sharing it between threads is safe.
    private final class Storage: @unchecked Sendable {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int

        init(count: Int) {
            capacity = Swift.max(count, 1)
            base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            base.initialize(repeating: 0, count: capacity)
        }

        deinit {
            sodium_memzero(base, capacity)
            base.deallocate()
        }
    }

    private let storage: Storage
    /// How many bytes the secret holds.
    public let count: Int

    /// A secret of `count` bytes filled in place by `fill`, so the bytes never live in an ordinary array.
    public init(count: Int, fill: (UnsafeMutablePointer<UInt8>, Int) throws -> Void) rethrows {
        Sodium.ready()
        storage = Storage(count: count)
        self.count = count
        try fill(storage.base, count)
    }

    /// A secret of `count` random bytes.
    public init(randomCount count: Int) {
        self.init(count: count) { base, count in randombytes_buf(base, count) }
    }

    /// A secret holding a copy of `bytes`. The caller stays responsible for wiping its own copy.
    public init<Bytes: Sequence>(copying bytes: Bytes) where Bytes.Element == UInt8 {
        let array = Array(bytes)
        self.init(count: array.count) { base, _ in
            for (index, byte) in array.enumerated() { base[index] = byte }
        }
    }

    /// Lends a pointer to the secret bytes (valid even when empty); it must not escape `body`.
    public func withPointer<Result>(_ body: (UnsafePointer<UInt8>, Int) throws -> Result) rethrows -> Result {
        try body(UnsafePointer(storage.base), count)
    }

    /// Lends the secret bytes as a raw buffer; they must not escape `body`.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: storage.base, count: count))
    }

    /// A plain copy of the bytes, for storage or the wire. The copy is not wiped: use sparingly.
    public var unprotectedBytes: [UInt8] { Array(UnsafeBufferPointer(start: storage.base, count: count)) }

    /// The first `length` bytes as a new secret.
    public func prefix(_ length: Int) -> SecretBytes {
        let n = Swift.min(length, count)
        return SecretBytes(count: n) { out, _ in out.update(from: storage.base, count: n) }
    }

    /// The bytes from `start` on, as a new secret.
    public func suffix(from start: Int) -> SecretBytes {
        let n = Swift.max(count - start, 0)
        return SecretBytes(count: n) { out, _ in out.update(from: storage.base + start, count: n) }
    }

    /// This secret followed by `other`, as a new secret.
    public func appending(_ other: SecretBytes) -> SecretBytes {
        SecretBytes(count: count + other.count) { out, _ in
            out.update(from: storage.base, count: count)
            other.withPointer { theirs, n in (out + count).update(from: theirs, count: n) }
        }
    }

    /// Compares in constant time.
    public static func == (lhs: SecretBytes, rhs: SecretBytes) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withPointer { l, n in rhs.withPointer { r, _ in sodium_memcmp(l, r, n) == 0 } }
    }

    public var description: String { "SecretBytes(\(count) bytes, redacted)" }
    public var debugDescription: String { description }
}
