import CSodium

/// URL-safe Base64 without padding (libsodium `sodium_bin2base64`), for codes people paste.
public enum Base64URL {
    /// The text form of `bytes`.
    public static func encode(_ bytes: [UInt8]) -> String {
        Sodium.ready()
        let variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING
        let length = sodium_base64_encoded_len(bytes.count, variant)
        var text = [CChar](repeating: 0, count: length)
        bytes.withPointer { b, n in _ = sodium_bin2base64(&text, length, b, n, variant) }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The bytes of `text`; throws `invalidEncoding` for anything that is not exactly Base64URL.
    public static func decode(_ text: String) throws(CryptoError) -> [UInt8] {
        Sodium.ready()
        let chars = Array(text.utf8)
        var out = [UInt8](repeating: 0, count: chars.count * 3 / 4 + 1)
        var written = 0
        // With no end pointer libsodium itself rejects any character left after the encoding,
        // so there is no pointer arithmetic across two separate borrows of `chars` here.
        let status = chars.withPointer { c, n in
            out.withMutablePointer { o, capacity in
                UnsafeRawPointer(c).withMemoryRebound(to: CChar.self, capacity: max(n, 1)) { cc in
                    sodium_base642bin(o, capacity, cc, n, nil, &written, nil, sodium_base64_VARIANT_URLSAFE_NO_PADDING)
                }
            }
        }
        guard status == 0, written <= out.count else { throw .invalidEncoding }
        return Array(out.prefix(written))
    }
}

/// Lower-case hexadecimal, for test vectors and diagnostics.
public enum Hex {
    public static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex text (either case); throws `invalidEncoding` on odd length or a non-hex character.
    public static func decode(_ text: String) throws(CryptoError) -> [UInt8] {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { throw .invalidEncoding }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        var index = 0
        while index < chars.count {
            guard let high = nibble(chars[index]), let low = nibble(chars[index + 1]) else { throw .invalidEncoding }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
