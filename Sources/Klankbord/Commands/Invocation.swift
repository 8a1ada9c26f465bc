/// One run of the CLI: its arguments, the chosen language, and the profile and server it works with.
final class Invocation {
    let arguments: Arguments
    let t: Localizer
    let terminal: Terminal
    let profileDirectory: String
    let environment: [String: String]
    private var openedProfile: Profile?
    private var openedMessenger: Messenger?

    init(arguments: Arguments, t: Localizer, terminal: Terminal, profileDirectory: String, environment: [String: String]) {
        self.arguments = arguments
        self.t = t
        self.terminal = terminal
        self.profileDirectory = profileDirectory
        self.environment = environment
    }

    var json: Bool { arguments.has("json") }

    /// The positional word at `index` (after the command words), or a usage failure naming `what`.
    func word(_ index: Int, _ what: L10nKey, command: String) throws(CommandFailure) -> String {
        guard index < arguments.positional.count else { throw .usage(L10nKey("cli.usage.missing"), ["what": t(what)], command: command) }
        return arguments.positional[index]
    }

    /// The existing profile; a missing one tells the person to join first.
    func profile() throws(CommandFailure) -> Profile {
        if let openedProfile { return openedProfile }
        do {
            let profile = try Profile(openingAt: profileDirectory) { askPassphrase(L10nKey("cli.passphrase.ask")) }
            openedProfile = profile
            return profile
        } catch .missing {
            throw .message(L10nKey("cli.profile.missing"), exitCode: 4)
        } catch {
            throw .profile(error)
        }
    }

    /// Uses `profile` (just created) for the rest of this command, so it is not unlocked twice.
    func adopt(_ profile: Profile) {
        openedProfile = profile
    }

    /// The passphrase from `KLANKBORD_PASSPHRASE`, or typed (hidden) when a person is at the terminal.
    func askPassphrase(_ question: L10nKey) -> SecretBytes? {
        if let given = environment["KLANKBORD_PASSPHRASE"] { return given.isEmpty ? nil : SecretBytes(copying: Array(given.utf8)) }
        guard terminal.isInteractive else { return nil }
        terminal.prompt(t(question) + " ")
        guard let typed = terminal.readSecretLine(), typed.count > 0 else { return nil }
        return typed
    }

    /// The account of the profile; a profile without one tells the person to join first.
    func account() throws(CommandFailure) -> Profile.Account {
        guard let account = try profile().account else { throw .message(L10nKey("cli.profile.missing"), exitCode: 4) }
        return account
    }

    /// A connection to the profile's server, logged in with the device key.
    func connect() throws(CommandFailure) -> ClientConnection {
        if let openedMessenger { return openedMessenger.connection }
        let account = try account()
        let profile = try profile()
        let key: X25519.PrivateKey
        do {
            key = try profile.deviceKey()
        } catch {
            throw .profile(error)
        }
        do {
            return try ClientConnection(address: account.server, serverKey: account.serverKey, deviceKey: key)
        } catch {
            throw .client(error, server: account.server)
        }
    }

    /// The connection and end-to-end encryption for this command, made once.
    func messenger() throws(CommandFailure) -> Messenger {
        if let openedMessenger { return openedMessenger }
        let messenger = Messenger(profile: try profile(), connection: try connect(), account: try account())
        openedMessenger = messenger
        return messenger
    }

    /// Runs end-to-end work, turning each kind of failure into what the person is told.
    @discardableResult
    func secure<T>(_ body: () throws -> T) throws(CommandFailure) -> T {
        do {
            return try body()
        } catch let error as CommandFailure {
            throw error
        } catch let error as ClientError {
            throw .client(error, server: try? account().server)
        } catch let error as Profile.Failure {
            throw .profile(error)
        } catch let error as IdentityRefusal {
            throw Invocation.failure(for: error)
        } catch {
            throw .message(L10nKey("cli.e2e.failed"), exitCode: 2)
        }
    }

    /// Prints what the end-to-end layer noticed (a new session, a changed security code).
    @discardableResult
    func showNotices(_ messenger: Messenger) -> [Messenger.Notice] {
        let notices = messenger.takeNotices()
        for notice in notices {
            switch notice {
            case let .sessionReset(handle): terminal.line(t("cli.e2e.session_reset", ["handle": handle]))
            case let .identityChanged(handle): terminal.line(t("cli.e2e.identity_changed", ["handle": handle]))
            case let .roomKeyWithheld(handle): terminal.line(t("cli.e2e.room_key_withheld", ["handle": handle]))
            }
        }
        return notices
    }

    /// Warns about every person whose new security code is held, except those `showNotices` just named:
    /// their messages stay closed, and nothing goes to them, until the person checks the code.
    func warnAboutHeldIdentities(after notices: [Messenger.Notice]) {
        guard let profile = try? profile() else { return }
        for pin in profile.pins() where pin.held != nil && !notices.contains(.identityChanged(handle: pin.handle)) {
            terminal.line(t("cli.e2e.identity_changed", ["handle": pin.handle]))
        }
    }

    /// What a person is told when the client refused to send to, or open from, someone.
    static func failure(for refusal: IdentityRefusal) -> CommandFailure {
        switch refusal {
        case let .changeHeld(handle), let .held(handle): .message(L10nKey("cli.e2e.change_held"), ["handle": handle], exitCode: 2)
        case let .serverOffersOther(handle): .message(L10nKey("cli.e2e.server_offers_other"), ["handle": handle], exitCode: 2)
        }
    }

    /// Sends a request, turning a refusal or a network failure into a `CommandFailure`.
    func call(_ connection: ClientConnection, _ request: Request) throws(CommandFailure) -> Response {
        do {
            return try connection.call(request)
        } catch {
            throw .client(error, server: try? account().server)
        }
    }

    /// Finds one of your rooms by name, by the other person's handle (one-to-one), or by `#id`.
    func room(named reference: String, over connection: ClientConnection) throws(CommandFailure) -> RoomSummary {
        guard case let .rooms(rooms) = try call(connection, .rooms) else { throw .client(.protocolViolation, server: nil) }
        try? profile().remember(rooms)
        let wanted = reference.hasPrefix("#") ? String(reference.dropFirst()) : reference
        if let id = UInt64(wanted), let room = rooms.first(where: { $0.id == id }) { return room }
        let matches = rooms.filter { $0.name.lowercased() == wanted.lowercased() }
        if let group = matches.first(where: { $0.kind == .group }) { return group }
        if let direct = matches.first { return direct }
        throw .message(L10nKey("cli.room.unknown"), ["room": reference], exitCode: 2)
    }
}
