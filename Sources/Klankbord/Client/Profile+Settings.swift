import KlankbordCrypto
import KlankbordLocalization
import KlankbordProtocol
import KlankbordStorage

extension Profile {
    func setting(_ key: String) -> [UInt8]? {
        try? readOne("SELECT value FROM settings WHERE key = ?", [.text(key)]) { $0.blob(0) }
    }

    func text(_ key: String) -> String? {
        setting(key).flatMap { String(validating: $0, as: UTF8.self) }
    }

    func set(_ key: String, text: String) throws(Failure) {
        try write("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [.text(key), .blob(Array(text.utf8))])
    }

    /// The language stored with `klankbord lang`, if any (readable without unlocking, to ask for the passphrase in it).
    public var language: String? { text("lang") }

    public func setLanguage(_ language: Language) throws(Failure) { try set("lang", text: language.rawValue) }

    /// The language stored in the profile at `directory`, read without unlocking it.
    public static func storedLanguage(at directory: String) -> String? {
        guard exists(at: directory), let database = try? Database(.file(directory + "/client.db"), readOnly: true) else { return nil }
        let value = try? database.queryOne("SELECT value FROM settings WHERE key = 'lang'", []) { $0.blob(0) }
        return value.flatMap { $0 }.flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// The account this profile belongs to; nil until an invite was redeemed. Kept sealed: it names the server and the handle.
    public var account: Account? {
        guard let bytes = try? secret("account") else { return nil }
        var r = WireReader(bytes)
        guard let host = try? r.string(), let port = try? r.u16(), let key = try? X25519.PublicKey(r.fixed(32)),
              let id = try? r.u64(), let handle = try? r.string(), let role = (try? r.u8()).flatMap(Role.init(rawValue:)) else { return nil }
        return Account(server: ServerAddress(host: host, port: port), serverKey: key, id: id, handle: handle, role: role)
    }

    /// Remembers the account after a successful redeem.
    public func save(_ account: Account) throws(Failure) {
        var w = WireWriter()
        w.string(account.server.host)
        w.u16(account.server.port)
        w.fixed(account.serverKey.bytes)
        w.u64(account.id)
        w.string(account.handle)
        w.u8(account.role.rawValue)
        try setSecret("account", w.bytes)
    }
}
