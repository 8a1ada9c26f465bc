// Layout of a ledger backup file (docs/LEDGER.md, "Backup"), all integers big-endian:
//
//   magic "KBLEDGER" (8) · version u8 = 1 · salt (16) · operations u64 · memory u64 · nonce (24) · sealed
//
// key    = Argon2id(passphrase, salt, operations, memory), 32 bytes
// sealed = XChaCha20-Poly1305(key, nonce, plaintext, associated data = every byte before `nonce`)
// plaintext = event count u32 · each event as data (u32 length · bytes)

import KlankbordCrypto
import KlankbordLocalization
import KlankbordProtocol

/// The whole ledger chain sealed with a passphrase, for a facilitator to keep apart from any device.
public enum LedgerBackup {
    static let magic = Array("KBLEDGER".utf8)
    /// The version byte this code writes and reads.
    public static let version: UInt8 = 1
    /// The most memory a backup may ask Argon2id for (1 GiB), so a forged header cannot exhaust the machine.
    public static let maximumMemoryBytes: UInt64 = 1 << 30

    /// Seals `events` (a verified chain) under `passphrase`.
    public static func seal(_ events: [LedgerEvent], passphrase: SecretBytes, cost: Argon2id.Cost = .moderate) throws(LedgerBackupError) -> [UInt8] {
        let salt = Random.bytes(Argon2id.saltLength)
        var header = WireWriter(capacity: 64)
        header.fixed(magic)
        header.u8(version)
        header.fixed(salt)
        header.u64(cost.operations)
        header.u64(UInt64(cost.memoryBytes))
        var plaintext = WireWriter(capacity: events.reduce(4) { $0 + 4 + $1.bytes.count })
        plaintext.u32(UInt32(truncatingIfNeeded: events.count))
        for event in events { plaintext.data(event.bytes) }
        var clear = plaintext.bytes
        defer { wipe(&clear) }
        do {
            let key = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, cost: cost)
            return try header.bytes + AEAD.xChaCha20Poly1305.sealWithRandomNonce(clear, key: key, associatedData: header.bytes)
        } catch {
            throw .cannotSeal
        }
    }

    /// Opens a backup and verifies the chain in it with every signer taken as a facilitator of now.
    public static func restore(_ file: [UInt8], passphrase: SecretBytes, identities: [UInt64: Ed25519.VerifyingKey],
                               facilitators: Set<UInt64>) throws(LedgerBackupError) -> [LedgerEvent] {
        try restore(file, passphrase: passphrase, signers: LedgerSigners(current: identities.filter { facilitators.contains($0.key) }),
                    identities: identities, head: nil)
    }

    /// Opens a backup and verifies the chain in it against the roster's `signers` (former facilitators' steps count
    /// when vouched for, see `LedgerChain.verify`) and the recipients' `identities`; returns the events only when
    /// every one of them checks out. `head` is what this device verified; it vouches for a backup at least as long.
    public static func restore(_ file: [UInt8], passphrase: SecretBytes, signers: LedgerSigners, identities: [UInt64: Ed25519.VerifyingKey],
                               head: LedgerHead?) throws(LedgerBackupError) -> [LedgerEvent] {
        var r = WireReader(file)
        let header: [UInt8], cost: Argon2id.Cost, salt: [UInt8]
        do {
            guard try r.fixed(magic.count) == magic else { throw LedgerBackupError.notABackup }
            guard try r.u8() == version else { throw LedgerBackupError.notABackup }
            salt = try r.fixed(Argon2id.saltLength)
            let operations = try r.u64(), memory = try r.u64()
            guard operations >= 1, operations <= 64, memory >= 8_192, memory <= maximumMemoryBytes else { throw LedgerBackupError.notABackup }
            cost = Argon2id.Cost(operations: operations, memoryBytes: Int(memory))
            header = Array(file.prefix(file.count - r.remaining))
        } catch {
            throw .notABackup
        }
        var clear: [UInt8]
        do {
            let key = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, cost: cost)
            clear = try AEAD.xChaCha20Poly1305.openWithPrefixedNonce(Array(file.suffix(r.remaining)), key: key, associatedData: header)
        } catch {
            throw .wrongPassphraseOrDamaged
        }
        defer { wipe(&clear) }
        var stored: [[UInt8]] = []
        do {
            var plain = WireReader(clear)
            let count = try plain.u32()
            for _ in 0..<count { stored.append(try plain.data(limit: LedgerEvent.maxLength)) }
            try plain.finish()
        } catch {
            throw .wrongPassphraseOrDamaged
        }
        do {
            // A shorter backup is an older state of the chain; this device's head says nothing about its end.
            let through = head.flatMap { stored.count >= $0.count ? $0 : nil }
            return try LedgerChain.verify(stored, signers: signers, identities: identities, head: through)
        } catch {
            throw .brokenChain(error)
        }
    }
}

/// Why a backup could not be made or read back.
public enum LedgerBackupError: Error, Equatable, Sendable {
    /// The file is not a ledger backup of a version this code reads.
    case notABackup
    /// The passphrase is wrong, or the file was changed or cut short.
    case wrongPassphraseOrDamaged
    /// The file opened, but the chain in it does not verify.
    case brokenChain(LedgerChainFailure)
    /// The key could not be made (Argon2id could not get its memory).
    case cannotSeal

    /// The stable code.
    public var code: String {
        switch self {
        case .notABackup: "ledger_backup_unknown"
        case .wrongPassphraseOrDamaged: "ledger_backup_not_opened"
        case .brokenChain: "ledger_chain_broken"
        case .cannotSeal: "ledger_backup_not_sealed"
        }
    }

    /// The sentence in the person's language.
    public func text(_ t: Localizer) -> String {
        switch self {
        case .notABackup: t(L10nKey("ledger.error.backup_unknown"))
        case .wrongPassphraseOrDamaged: t(L10nKey("ledger.error.backup_not_opened"))
        case let .brokenChain(failure): t(L10nKey("ledger.error.chain_broken"), ["number": String(failure.index + 1)])
        case .cannotSeal: t(L10nKey("ledger.error.backup_not_sealed"))
        }
    }
}
