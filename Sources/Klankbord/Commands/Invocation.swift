import FoundationEssentials
import KlankbordClient
import KlankbordCrypto
import KlankbordLocalization
import KlankbordProtocol
import KlankbordSystem

/// One run of the CLI: its arguments, the chosen language, and the profile and server it works with.
final class Invocation {
    let arguments: Arguments
    let t: Localizer
    let terminal: Terminal
    let profileDirectory: String
    let environment: [String: String]
    private(set) var openedProfile: Profile?
    private var openedMessenger: Messenger?
    /// The keys of the handles this person blocked, read once per command (hidden when messages are shown).
    private(set) lazy var blockedKeys: Set<String> = (try? profile().blockedHandles()) ?? []

    /// The command loaded the meetings of every group room (`MeetingFinder.rooms` without `--room`).
    var loadedEveryRoomsMeetings = false
    /// The command showed the meeting reminders of every group room itself (`agenda` does): the pass after the
    /// command (`MeetingReminders.afterCommand`) need not read every room again.
    var remindedOfMeetings = false

    /// Shows blocked people's messages for the rest of this command (the person asked for one by its number).
    func unhideAll() { blockedKeys = [] }

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
        // A person at the terminal may mistype: three tries. A script's KLANKBORD_PASSPHRASE gets one.
        let attempts = environment["KLANKBORD_PASSPHRASE"] == nil && terminal.isInteractive ? 3 : 1
        var attempt = 1
        while true {
            do {
                let profile = try Profile(openingAt: profileDirectory) { askPassphrase(L10nKey("cli.passphrase.ask")) }
                openedProfile = profile
                return profile
            } catch .missing {
                throw .message(L10nKey("cli.profile.missing"), ["folder": profileDirectory], exitCode: 4)
            } catch .wrongPassphrase where attempt < attempts {
                terminal.problem(t("cli.passphrase.try_again"))
                attempt += 1
            } catch {
                throw .profile(error)
            }
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
        guard let account = try profile().account else { throw .message(L10nKey("cli.profile.missing"), ["folder": profileDirectory], exitCode: 4) }
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
        let connection: ClientConnection
        do {
            connection = try ClientConnection(address: account.server, serverKey: account.serverKey, deviceKey: key)
        } catch {
            throw .client(error, server: account.server)
        }
        try checkServer(over: connection, profile)
        return connection
    }

    /// Called instead of printing when the server went back to a backup (the chat shows it above its input line).
    var onServerRestored: (() -> Void)?

    /// Asks the server about itself before anything else: after a restore, the profile goes back to where the
    /// backup ended, so no new message hides behind a number this device saw before, and the person is told once.
    /// After a key change (`klankbordd rotate-key`) the profile keeps the new key for the next connections.
    private func checkServer(over connection: ClientConnection, _ profile: Profile) throws(CommandFailure) {
        guard case let .serverInfo(info) = try call(connection, .serverInfo) else { throw .client(.protocolViolation, server: nil) }
        let restored: Bool
        do {
            restored = try profile.adopt(info)
            try profile.adoptServerKey(info.serverKey)
        } catch {
            throw .profile(error)
        }
        guard restored else { return }
        if let onServerRestored {
            onServerRestored()
        } else {
            // Standard error, so the output of --json stays one JSON document.
            terminal.problem(t("cli.server.restored"))
        }
    }

    /// The connection and end-to-end encryption for this command, made once.
    func messenger() throws(CommandFailure) -> Messenger {
        if let openedMessenger { return openedMessenger }
        let profile = try profile()
        let messenger = Messenger(profile: profile, connection: try connect(), account: try account())
        openedMessenger = messenger
        // Disappearing messages go whenever the person uses klankbord, not only when they read that room.
        _ = try? profile.forgetExpiredMessages(now: Int64(Date().timeIntervalSince1970))
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
        } catch let error as ReportRefusal {
            throw ReportCommands.failure(for: error)
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
            case let .sessionReset(handle): terminal.line(t("cli.e2e.session_reset", ["handle": TerminalText.inline(handle)]))
            case let .identityChanged(handle): terminal.line(t("cli.e2e.identity_changed", ["handle": TerminalText.inline(handle)]))
            case let .roomKeyWithheld(handle): terminal.line(t("cli.e2e.room_key_withheld", ["handle": TerminalText.inline(handle)]))
            case let .notInRoomLog(handle): terminal.line(t("cli.log.ghost", ["handle": TerminalText.inline(handle)]))
            case let .notListedByServer(handle): terminal.line(t("cli.log.missing", ["handle": TerminalText.inline(handle)]))
            }
        }
        return notices
    }

    /// Warns about every person whose new security code is held, except those `showNotices` just named:
    /// their messages stay closed, and nothing goes to them, until the person checks the code.
    func warnAboutHeldIdentities(after notices: [Messenger.Notice]) {
        guard let profile = try? profile() else { return }
        for pin in profile.pins() where pin.held != nil && !notices.contains(.identityChanged(handle: pin.handle)) {
            terminal.line(t("cli.e2e.identity_changed", ["handle": TerminalText.inline(pin.handle)]))
        }
    }

    /// What a person is told when the client refused to send to, or open from, someone.
    static func failure(for refusal: IdentityRefusal) -> CommandFailure {
        switch refusal {
        case let .changeHeld(handle), let .held(handle): .message(L10nKey("cli.e2e.change_held"), ["handle": TerminalText.inline(handle)], exitCode: 2)
        case let .serverOffersOther(handle): .message(L10nKey("cli.e2e.server_offers_other"), ["handle": TerminalText.inline(handle)], exitCode: 2)
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

    /// Finds one of your rooms from what the person typed (`RoomReference`: `#room`, `@person`, a bare name, `id:12`).
    /// With `opening`, `@name` without a thread yet opens one, as `dm` does. A bare name that is both one of your
    /// group rooms and the handle of a person you share a room with is refused, so a message meant for one person
    /// never goes to a whole group.
    func room(named reference: String, over connection: ClientConnection, opening: Bool = false) throws(CommandFailure) -> RoomSummary {
        guard case let .rooms(rooms) = try call(connection, .rooms) else { throw .client(.protocolViolation, server: nil) }
        try? profile().remember(rooms)
        let wanted = RoomReference(reference)
        let shown = TerminalText.inline(wanted.name)
        switch wanted.match(in: rooms) {
        case let .room(room):
            if wanted.isBare, room.kind == .group, try isHandle(wanted.name, ofSomeoneIn: rooms, over: connection) {
                throw .message(L10nKey("cli.reference.ambiguous"), ["name": shown], exitCode: 1)
            }
            return room
        case .ambiguous:
            throw .message(L10nKey("cli.reference.ambiguous"), ["name": shown], exitCode: 1)
        case let .sameName(ids):
            throw .message(L10nKey("cli.reference.same_name"), ["room": shown, "ids": ids.map { RoomReference.idPrefix + String($0) }.joined(separator: ", ")],
                           exitCode: 1)
        case .noThread where opening:
            let handle = Handle(wanted.name)?.text ?? wanted.name
            guard case let .room(id, peer) = try call(connection, .directOpen(handle: handle)) else { throw .client(.protocolViolation, server: nil) }
            return RoomSummary(id: id, kind: .direct, name: peer, lastSeq: 0, memberCount: 2)
        case .unknown where wanted.isBare:
            throw .message(L10nKey("cli.reference.unknown"), ["name": shown], exitCode: 2)
        case .noThread, .unknown:
            throw .message(L10nKey("cli.room.unknown"), ["room": TerminalText.inline(reference)], exitCode: 2)
        }
    }

    /// Whether someone other than you in one of your group rooms has the handle `name`.
    private func isHandle(_ name: String, ofSomeoneIn rooms: [RoomSummary], over connection: ClientConnection) throws(CommandFailure) -> Bool {
        let key = RoomReference.key(name)
        let me = try account().id
        for room in rooms where room.kind == .group {
            guard case let .members(members) = try call(connection, .members(room: room.id)) else { throw .client(.protocolViolation, server: nil) }
            if members.contains(where: { $0.accountID != me && RoomReference.key($0.handle) == key }) { return true }
        }
        return false
    }
}
