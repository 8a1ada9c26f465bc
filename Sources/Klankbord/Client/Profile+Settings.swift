extension Profile {
    func setting(_ key: String) -> [UInt8]? {
        try? database.queryOne("SELECT value FROM settings WHERE key = ?", [.text(key)]) { $0.blob(0) }
    }

    func text(_ key: String) -> String? {
        setting(key).flatMap { String(validating: $0, as: UTF8.self) }
    }

    func set(_ key: String, _ value: [UInt8]) throws(Failure) {
        do {
            try database.run("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [.text(key), .blob(value)])
        } catch {
            throw .unusable
        }
    }

    func set(_ key: String, text: String) throws(Failure) { try set(key, Array(text.utf8)) }

    /// The language stored with `klankbord lang`, if any.
    public var language: String? { text("lang") }

    public func setLanguage(_ language: Language) throws(Failure) { try set("lang", text: language.rawValue) }

    /// The account this profile belongs to; nil until an invite was redeemed.
    public var account: Account? {
        guard let host = text("server_host"), let port = text("server_port").flatMap(UInt16.init),
              let keyBytes = setting("server_key"), let key = try? X25519.PublicKey(keyBytes),
              let id = text("account_id").flatMap(UInt64.init), let handle = text("handle"),
              let role = text("role").flatMap(Role.init(name:)) else { return nil }
        return Account(server: ServerAddress(host: host, port: port), serverKey: key, id: id, handle: handle, role: role)
    }

    /// Remembers the account after a successful redeem.
    public func save(_ account: Account) throws(Failure) {
        try set("server_host", text: account.server.host)
        try set("server_port", text: String(account.server.port))
        try set("server_key", account.serverKey.bytes)
        try set("account_id", text: String(account.id))
        try set("handle", text: account.handle)
        try set("role", text: account.role.name)
    }
}
