/// Helpers for passing Swift byte arrays to C: an empty array has no base address, while
/// libsodium's non-null parameters still need a valid pointer.
extension Array where Element == UInt8 {
    /// Calls `body` with a pointer that is valid even when the array is empty.
    package func withPointer<Result>(_ body: (UnsafePointer<UInt8>, Int) throws -> Result) rethrows -> Result {
        try withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { return try body(base, buffer.count) }
            var zero: UInt8 = 0
            return try body(&zero, 0)
        }
    }

    /// Calls `body` with a mutable pointer that is valid even when the array is empty.
    package mutating func withMutablePointer<Result>(_ body: (UnsafeMutablePointer<UInt8>, Int) throws -> Result) rethrows -> Result {
        try withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { return try body(base, buffer.count) }
            var zero: UInt8 = 0
            return try body(&zero, 0)
        }
    }

    /// A new array of `count` bytes filled by `fill` through a pointer.
    static func filled(count: Int, _ fill: (UnsafeMutablePointer<UInt8>, Int) throws -> Void) rethrows -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        try out.withMutablePointer(fill)
        return out
    }
}

/// Checks that `bytes` has exactly `count` elements.
package func requireLength<C: Collection>(_ bytes: C, _ count: Int) throws(CryptoError) {
    guard bytes.count == count else { throw .invalidLength(expected: count, actual: bytes.count) }
}

/// Checks that `secret` has exactly `count` bytes.
package func requireLength(_ secret: SecretBytes, _ count: Int) throws(CryptoError) {
    guard secret.count == count else { throw .invalidLength(expected: count, actual: secret.count) }
}
