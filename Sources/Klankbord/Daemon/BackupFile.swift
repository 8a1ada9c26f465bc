/// The sealed backup file `klankbordd backup` writes: the database image and the server key, locked
/// with a passphrase (Argon2id, then XChaCha20-Poly1305 over the whole content). docs/OPERATIONS.md
/// describes the bytes.
///
/// Header (65 bytes, all of it authenticated as associated data):
/// `"KBBACKUP" | u8 version (1) | u32 Argon2id operations | u32 Argon2id memory bytes | 16-byte salt |
/// 24-byte nonce | u64 sealed length`, integers big-endian. Then `sealed length` bytes: the sealed
/// content and its 16-byte tag. Content: `i64 created at (Unix seconds) | 32-byte server key | database image`.
///
/// - Warning: A file holds everything the server holds; it is only as safe as its passphrase.
public enum BackupFile {
    /// The first eight bytes of every backup file.
    public static let magic: [UInt8] = Array("KBBACKUP".utf8)
    /// The only format version this build writes and reads.
    public static let version: UInt8 = 1
    /// Bytes before the sealed content.
    public static let headerLength = 8 + 1 + 4 + 4 + 16 + 24 + 8
    /// Argon2id cost for new backups: libsodium's "moderate" limits (256 MiB), since a backup may leave the machine.
    public static let cost = Argon2id.Cost.moderate

    /// What a backup holds once opened.
    public struct Content: Sendable {
        /// When the backup was made (Unix seconds).
        public let createdAt: Int64
        /// The server's X25519 private key.
        public let serverKey: SecretBytes
        /// The bytes of the database file.
        public let databaseImage: [UInt8]
    }

    /// Why a file could not be opened as a backup; each has its own sentence for the operator.
    public enum Failure: Error, Equatable, Sendable {
        /// The file does not start like a backup.
        case notABackup
        /// A newer version of klankbordd wrote it.
        case newerFormat
        /// The file ends before its stated length (an interrupted copy).
        case truncated
        /// The passphrase is wrong, or the header was changed.
        case wrongPassphrase
        /// The file opened but its content is not whole (extra bytes, a bad layout, a failed integrity check).
        case damaged
    }

    /// Seals `content` under `passphrase` with a fresh salt and nonce.
    public static func seal(_ content: Content, passphrase: SecretBytes, cost: Argon2id.Cost = cost) throws(CryptoError) -> [UInt8] {
        let salt = Random.bytes(Argon2id.saltLength)
        let nonce = Random.bytes(AEAD.xChaCha20Poly1305.nonceLength)
        var plain = bigEndian(UInt64(bitPattern: content.createdAt)) + content.serverKey.unprotectedBytes + content.databaseImage
        defer { wipe(&plain) }
        let sealedLength = UInt64(plain.count + AEAD.tagLength)
        let header = magic + [version] + bigEndian32(UInt32(cost.operations)) + bigEndian32(UInt32(cost.memoryBytes))
            + salt + nonce + bigEndian(sealedLength)
        let key = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, cost: cost)
        return try header + AEAD.xChaCha20Poly1305.seal(plain, key: key, nonce: nonce, associatedData: header)
    }

    /// Checks the magic, the version, the length and the stated costs, without the passphrase: an
    /// interrupted copy is told apart from a wrong passphrase.
    public static func checkLayout(_ file: [UInt8]) throws(Failure) {
        guard file.count >= magic.count, Array(file[0..<magic.count]) == magic else {
            throw file.count < magic.count && magic.starts(with: file) && !file.isEmpty ? .truncated : .notABackup
        }
        guard file.count > magic.count else { throw .truncated }
        guard file[8] <= version else { throw .newerFormat }
        guard file[8] == version else { throw .notABackup }
        guard file.count >= headerLength else { throw .truncated }
        let sealedLength = readBigEndian(file, at: 57, count: 8)
        let available = UInt64(file.count - headerLength)
        guard available >= sealedLength else { throw .truncated }
        guard available == sealedLength else { throw .damaged }
        // A changed header could ask for absurd costs: accept only what libsodium's presets span.
        let operations = readBigEndian(file, at: 9, count: 4), memory = readBigEndian(file, at: 13, count: 4)
        guard (1...16).contains(operations), (8192...(1 << 30)).contains(memory), sealedLength >= UInt64(AEAD.tagLength) else {
            throw .wrongPassphrase
        }
    }

    /// Checks the layout, then derives the key and opens the content.
    public static func open(_ file: [UInt8], passphrase: SecretBytes) throws(Failure) -> Content {
        try checkLayout(file)
        let operations = readBigEndian(file, at: 9, count: 4), memory = readBigEndian(file, at: 13, count: 4)
        let header = Array(file[0..<headerLength])
        let salt = Array(file[17..<33]), nonce = Array(file[33..<57])
        let plain: [UInt8]
        do {
            let key = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, cost: .init(operations: operations, memoryBytes: Int(memory)))
            plain = try AEAD.xChaCha20Poly1305.open(Array(file[headerLength...]), key: key, nonce: nonce, associatedData: header)
        } catch {
            throw .wrongPassphrase
        }
        let keyLength = X25519.keyLength
        guard plain.count > 8 + keyLength else { throw .damaged }
        let createdAt = Int64(bitPattern: readBigEndian(plain, at: 0, count: 8))
        let serverKey = SecretBytes(copying: plain[8..<(8 + keyLength)])
        return Content(createdAt: createdAt, serverKey: serverKey, databaseImage: Array(plain[(8 + keyLength)...]))
    }

    private static func bigEndian(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) } }
    private static func bigEndian32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
    private static func readBigEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> UInt64 {
        bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | UInt64($1) }
    }
}
