import KlankbordCrypto
import KlankbordStorage

/// The sealed backup file `klankbordd backup` writes: the server key and the database image, locked
/// with a passphrase (Argon2id, then libsodium's XChaCha20-Poly1305 secretstream in 1 MiB chunks).
/// docs/OPERATIONS.md describes the bytes.
///
/// Header (65 bytes): `"KBBACKUP" | u8 version (1) | u32 Argon2id operations | u32 Argon2id memory bytes |
/// 16-byte salt | u64 content length P | 24-byte secretstream header`, integers big-endian. Then the content
/// in chunks of `chunkLength` bytes (the last one shorter), each sealed (+17 bytes), the first with the
/// header as associated data, the last tagged final. Content: `i64 created at (Unix seconds) |
/// 32-byte server key | database image`.
///
/// Chunks keep memory flat: the image is sealed from and opened into one buffer, never copied whole.
/// - Warning: A file holds everything the server holds; it is only as safe as its passphrase.
public enum BackupFile {
    /// The first eight bytes of every backup file.
    public static let magic: [UInt8] = Array("KBBACKUP".utf8)
    /// The only format version this build writes and reads.
    public static let version: UInt8 = 1
    /// Bytes before the first sealed chunk.
    public static let headerLength = 8 + 1 + 4 + 4 + 16 + 8 + 24
    /// Content bytes per sealed chunk (the last chunk may be shorter).
    public static let chunkLength = 1 << 20
    /// Content bytes before the database image: the time and the server key.
    static let prefixLength = 8 + 32
    /// Argon2id cost for new backups: libsodium's "moderate" limits (256 MiB), since a backup may leave the machine.
    public static let cost = Argon2id.Cost.moderate

    /// What a backup holds once opened.
    public struct Content {
        /// When the backup was made (Unix seconds).
        public let createdAt: Int64
        /// The server's X25519 private key.
        public let serverKey: SecretBytes
        /// The bytes of the database file (bytes 18–19 set to "rollback journal", ready for `Database.inMemory`).
        public let image: DatabaseImage
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
        /// The file opened but its content is not whole (extra bytes, a changed chunk, a failed check).
        case damaged
        /// There is not enough memory for the database image.
        case tooLarge
    }

    /// The whole file's length for `contentLength` bytes of content.
    static func fileLength(contentLength: UInt64) -> UInt64 {
        let chunks = max(1, (contentLength + UInt64(chunkLength) - 1) / UInt64(chunkLength))
        return UInt64(headerLength) + contentLength + chunks * UInt64(SecretStream.overhead)
    }

    /// The key a new backup is sealed with: Argon2id of the passphrase under a fresh salt.
    public struct SealingKey {
        let salt: [UInt8]
        let cost: Argon2id.Cost
        let key: SecretBytes

        /// Derives the key; done before the database is copied, so that Argon2id's memory and the
        /// copy are never needed at the same time.
        public init(passphrase: SecretBytes, cost: Argon2id.Cost = BackupFile.cost) throws(CryptoError) {
            salt = Random.bytes(Argon2id.saltLength)
            self.cost = cost
            key = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, length: SecretStream.keyLength, cost: cost)
        }
    }

    /// Seals the server key and `image` under `sealingKey`, handing the file's bytes to `write`
    /// piece by piece; false when `write` failed. Use each `SealingKey` for one file only.
    public static func seal(createdAt: Int64, serverKey: SecretBytes, image: UnsafeRawBufferPointer, sealingKey: SealingKey,
                            write: ([UInt8]) -> Bool) throws(CryptoError) -> Bool {
        let salt = sealingKey.salt, cost = sealingKey.cost
        let (stream, streamHeader) = try SecretStream.pushing(key: sealingKey.key)
        let contentLength = prefixLength + image.count
        let header = magic + [version] + bigEndian(UInt64(cost.operations), bytes: 4) + bigEndian(UInt64(cost.memoryBytes), bytes: 4)
            + salt + bigEndian(UInt64(contentLength), bytes: 8) + streamHeader
        guard write(header) else { return false }
        let prefix = bigEndian(UInt64(bitPattern: createdAt), bytes: 8) + serverKey.unprotectedBytes
        var start = 0
        repeat {
            let end = min(start + chunkLength, contentLength)
            var chunk: [UInt8] = []
            chunk.reserveCapacity(end - start)
            if start < prefixLength { chunk += prefix[start..<min(end, prefixLength)] }
            let imageStart = max(start, prefixLength) - prefixLength, imageEnd = end - prefixLength
            if imageEnd > imageStart { chunk += UnsafeRawBufferPointer(rebasing: image[imageStart..<imageEnd]) }
            markRollbackJournal(&chunk, chunkStart: start)
            let sealed = stream.push(chunk, associatedData: start == 0 ? header : [], final: end == contentLength)
            wipe(&chunk)
            guard write(sealed) else { return false }
            start = end
        } while start < contentLength
        return true
    }

    /// Checks the magic, the version, the length and the stated costs from the header and the file's
    /// size, without the passphrase: an interrupted copy is told apart from a wrong passphrase.
    public static func checkLayout(header: [UInt8], fileLength: Int) throws(Failure) {
        guard header.count >= magic.count, Array(header[0..<magic.count]) == magic else {
            throw !header.isEmpty && header.count < magic.count && magic.starts(with: header) ? .truncated : .notABackup
        }
        guard header.count > magic.count else { throw .truncated }
        guard header[8] <= version else { throw .newerFormat }
        guard header[8] == version else { throw .notABackup }
        guard header.count >= headerLength else { throw .truncated }
        let contentLength = readBigEndian(header, at: 33, count: 8)
        // A changed header could ask for absurd costs or sizes: accept only what a real backup can hold.
        let operations = readBigEndian(header, at: 9, count: 4), memory = readBigEndian(header, at: 13, count: 4)
        guard (1...16).contains(operations), (8192...(1 << 30)).contains(memory),
              contentLength > UInt64(prefixLength), contentLength < (1 << 48) else { throw .wrongPassphrase }
        let expected = BackupFile.fileLength(contentLength: contentLength)
        guard UInt64(fileLength) >= expected else { throw .truncated }
        guard UInt64(fileLength) == expected else { throw .damaged }
    }

    /// Checks the layout, derives the key, and opens the content chunk by chunk; `read(n)` gives the
    /// next n bytes of the file (nil when it cannot).
    public static func open(fileLength: Int, passphrase: SecretBytes, read: (Int) -> [UInt8]?) throws(Failure) -> Content {
        guard let header = read(min(headerLength, fileLength)) else { throw .truncated }
        try checkLayout(header: header, fileLength: fileLength)
        let operations = readBigEndian(header, at: 9, count: 4), memory = readBigEndian(header, at: 13, count: 4)
        let contentLength = Int(readBigEndian(header, at: 33, count: 8))
        let stream: SecretStream
        do {
            let key = try Argon2id.deriveKey(passphrase: passphrase, salt: Array(header[17..<33]), length: SecretStream.keyLength,
                                             cost: .init(operations: operations, memoryBytes: Int(memory)))
            stream = try SecretStream.pulling(key: key, header: Array(header[41..<headerLength]))
        } catch {
            throw .wrongPassphrase
        }
        guard let image = DatabaseImage(count: contentLength - prefixLength) else { throw .tooLarge }
        var prefix: [UInt8] = []
        defer { wipe(&prefix) }
        var start = 0
        repeat {
            let end = min(start + chunkLength, contentLength)
            guard let sealed = read(end - start + SecretStream.overhead) else { throw .truncated }
            var opened: (chunk: [UInt8], final: Bool)
            do {
                opened = try stream.pull(sealed, associatedData: start == 0 ? header : [])
            } catch {
                throw start == 0 ? .wrongPassphrase : .damaged
            }
            guard opened.final == (end == contentLength), opened.chunk.count == end - start else { throw .damaged }
            markRollbackJournal(&opened.chunk, chunkStart: start)
            // The first bytes of the content are the prefix; the rest goes to its place in the image.
            let split = max(0, min(end, prefixLength) - start)
            prefix += opened.chunk[0..<split]
            let imageStart = start + split - prefixLength, rest = opened.chunk.count - split
            if rest > 0 {
                image.withMutableBytes { out in
                    opened.chunk.withUnsafeBytes { source in
                        UnsafeMutableRawBufferPointer(rebasing: out[imageStart..<(imageStart + rest)])
                            .copyMemory(from: UnsafeRawBufferPointer(rebasing: source[split..<(split + rest)]))
                    }
                }
            }
            wipe(&opened.chunk)
            start = end
        } while start < contentLength
        let createdAt = Int64(bitPattern: readBigEndian(prefix, at: 0, count: 8))
        return Content(createdAt: createdAt, serverKey: SecretBytes(copying: prefix[8..<prefixLength]), image: image)
    }

    /// Sets the database header's file-format bytes (image offsets 18 and 19) from WAL (2) to rollback
    /// journal (1) where they fall in this chunk: SQLite refuses an in-memory image that says WAL, and a
    /// restored file switches itself back to WAL when the daemon opens it.
    private static func markRollbackJournal(_ chunk: inout [UInt8], chunkStart: Int) {
        for imageOffset in [18, 19] {
            let index = prefixLength + imageOffset - chunkStart
            if chunk.indices.contains(index), chunk[index] == 2 { chunk[index] = 1 }
        }
    }

    private static func bigEndian(_ value: UInt64, bytes: Int) -> [UInt8] {
        (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * (bytes - 1 - $0))) }
    }

    private static func readBigEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> UInt64 {
        bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | UInt64($1) }
    }
}
