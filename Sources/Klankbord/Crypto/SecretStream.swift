import CSodium

/// libsodium's `crypto_secretstream_xchacha20poly1305`: a sequence of chunks sealed under one key, in
/// order, the last one marked final, so a reordered, repeated, dropped or cut-off chunk is noticed.
///
/// One owner: the state changes with every chunk and is wiped when the stream is dropped.
/// - Warning: Never push two streams under one key with the same header; `pushing` makes a fresh random one.
package final class SecretStream {
    package static let keyLength = Int(crypto_secretstream_xchacha20poly1305_keybytes())
    static let headerLength = Int(crypto_secretstream_xchacha20poly1305_headerbytes())
    /// Bytes each chunk grows by when sealed.
    package static let overhead = Int(crypto_secretstream_xchacha20poly1305_abytes())

    private var state = crypto_secretstream_xchacha20poly1305_state()

    private init() {
        Sodium.ready()
    }

    deinit {
        withUnsafeMutableBytes(of: &state) { raw in
            if let base = raw.baseAddress { sodium_memzero(base, raw.count) }
        }
    }

    /// A stream to seal chunks with, and the header the reader needs.
    package static func pushing(key: SecretBytes) throws(CryptoError) -> (stream: SecretStream, header: [UInt8]) {
        try requireLength(key, keyLength)
        let stream = SecretStream()
        var status: Int32 = 0
        let header = [UInt8].filled(count: headerLength) { out, _ in
            status = key.withPointer { k, _ in crypto_secretstream_xchacha20poly1305_init_push(&stream.state, out, k) }
        }
        guard status == 0 else { throw .keyDerivationFailed }
        return (stream, header)
    }

    /// A stream to open the chunks of the stream that began with `header`.
    package static func pulling(key: SecretBytes, header: [UInt8]) throws(CryptoError) -> SecretStream {
        try requireLength(key, keyLength)
        try requireLength(header, headerLength)
        let stream = SecretStream()
        let status = key.withPointer { k, _ in
            header.withPointer { h, _ in crypto_secretstream_xchacha20poly1305_init_pull(&stream.state, h, k) }
        }
        guard status == 0 else { throw .authenticationFailed }
        return stream
    }

    /// Seals the next chunk; `final` marks the end of the stream.
    package func push(_ chunk: [UInt8], associatedData: [UInt8] = [], final: Bool) -> [UInt8] {
        let tag = final ? crypto_secretstream_xchacha20poly1305_tag_final() : crypto_secretstream_xchacha20poly1305_tag_message()
        return .filled(count: chunk.count + Self.overhead) { out, _ in
            chunk.withPointer { m, mlen in
                associatedData.withPointer { a, alen in
                    _ = crypto_secretstream_xchacha20poly1305_push(&state, out, nil, m, UInt64(mlen), alen == 0 ? nil : a, UInt64(alen), tag)
                }
            }
        }
    }

    /// Opens the next chunk; throws `authenticationFailed` for any change, and says whether it was the final one.
    package func pull(_ sealed: [UInt8], associatedData: [UInt8] = []) throws(CryptoError) -> (chunk: [UInt8], final: Bool) {
        guard sealed.count >= Self.overhead else { throw .authenticationFailed }
        var tag: UInt8 = 0
        var status: Int32 = 0
        let chunk = [UInt8].filled(count: sealed.count - Self.overhead) { out, _ in
            status = sealed.withPointer { c, clen in
                associatedData.withPointer { a, alen in
                    crypto_secretstream_xchacha20poly1305_pull(&state, out, nil, &tag, c, UInt64(clen), alen == 0 ? nil : a, UInt64(alen))
                }
            }
        }
        guard status == 0 else { throw .authenticationFailed }
        return (chunk, tag == crypto_secretstream_xchacha20poly1305_tag_final())
    }
}
