import Glibc
import KlankbordClient
import KlankbordLocalization
import KlankbordSystem

/// The `klankbord` command: reads the words, picks the language, runs one command and returns its exit code.
public enum CommandLineTool {
    /// The groups of the top-level help, in order.
    enum Section: CaseIterable {
        case start, rooms, messages, invites, safety

        var title: L10nKey {
            switch self {
            case .start: L10nKey("help.section.start")
            case .rooms: L10nKey("help.section.rooms")
            case .messages: L10nKey("help.section.messages")
            case .invites: L10nKey("help.section.invites")
            case .safety: L10nKey("help.section.safety")
            }
        }
    }

    /// A command: the words that name it, its help texts, and what it does.
    struct Command: Sendable {
        let name: String
        let section: Section
        let summary: L10nKey
        let usage: L10nKey
        let text: L10nKey
        let run: @Sendable (Invocation) throws(CommandFailure) -> Void
    }

    static let commands: [Command] = [
        Command(name: "join", section: .start, summary: L10nKey("help.join.summary"), usage: L10nKey("help.join.usage"),
                text: L10nKey("help.join.text"), run: AccountCommands.join),
        Command(name: "whoami", section: .start, summary: L10nKey("help.whoami.summary"), usage: L10nKey("help.whoami.usage"),
                text: L10nKey("help.whoami.text"), run: AccountCommands.whoami),
        Command(name: "lang", section: .start, summary: L10nKey("help.lang.summary"), usage: L10nKey("help.lang.usage"),
                text: L10nKey("help.lang.text"), run: AccountCommands.language),
        Command(name: "rooms", section: .rooms, summary: L10nKey("help.rooms.summary"), usage: L10nKey("help.rooms.usage"),
                text: L10nKey("help.rooms.text"), run: RoomCommands.list),
        Command(name: "members", section: .rooms, summary: L10nKey("help.members.summary"), usage: L10nKey("help.members.usage"),
                text: L10nKey("help.members.text"), run: RoomCommands.members),
        Command(name: "room create", section: .rooms, summary: L10nKey("help.room_create.summary"), usage: L10nKey("help.room_create.usage"),
                text: L10nKey("help.room_create.text"), run: RoomCommands.create),
        Command(name: "room invite", section: .rooms, summary: L10nKey("help.room_invite.summary"), usage: L10nKey("help.room_invite.usage"),
                text: L10nKey("help.room_invite.text"), run: RoomCommands.invite),
        Command(name: "room leave", section: .rooms, summary: L10nKey("help.room_leave.summary"), usage: L10nKey("help.room_leave.usage"),
                text: L10nKey("help.room_leave.text"), run: RoomCommands.leave),
        Command(name: "room remove", section: .rooms, summary: L10nKey("help.room_remove.summary"), usage: L10nKey("help.room_remove.usage"),
                text: L10nKey("help.room_remove.text"), run: RoomCommands.remove),
        Command(name: "send", section: .messages, summary: L10nKey("help.send.summary"), usage: L10nKey("help.send.usage"),
                text: L10nKey("help.send.text"), run: MessageCommands.send),
        Command(name: "read", section: .messages, summary: L10nKey("help.read.summary"), usage: L10nKey("help.read.usage"),
                text: L10nKey("help.read.text"), run: MessageCommands.read),
        Command(name: "chat", section: .messages, summary: L10nKey("help.chat.summary"), usage: L10nKey("help.chat.usage"),
                text: L10nKey("help.chat.text"), run: MessageCommands.chat),
        Command(name: "dm", section: .messages, summary: L10nKey("help.dm.summary"), usage: L10nKey("help.dm.usage"),
                text: L10nKey("help.dm.text"), run: DirectCommands.open),
        Command(name: "contact", section: .messages, summary: L10nKey("help.contact.summary"), usage: L10nKey("help.contact.usage"),
                text: L10nKey("help.contact.text"), run: DirectCommands.contactCode),
        Command(name: "ledger", section: .messages, summary: L10nKey("help.ledger.summary"), usage: L10nKey("help.ledger.usage"),
                text: L10nKey("help.ledger.text"), run: LedgerCommands.run),
        Command(name: "invite create", section: .invites, summary: L10nKey("help.invite_create.summary"), usage: L10nKey("help.invite_create.usage"),
                text: L10nKey("help.invite_create.text"), run: InviteCommands.create),
        Command(name: "invite list", section: .invites, summary: L10nKey("help.invite_list.summary"), usage: L10nKey("help.invite_list.usage"),
                text: L10nKey("help.invite_list.text"), run: InviteCommands.list),
        Command(name: "invite revoke", section: .invites, summary: L10nKey("help.invite_revoke.summary"), usage: L10nKey("help.invite_revoke.usage"),
                text: L10nKey("help.invite_revoke.text"), run: InviteCommands.revoke),
        Command(name: "verify", section: .safety, summary: L10nKey("help.verify.summary"), usage: L10nKey("help.verify.usage"),
                text: L10nKey("help.verify.text"), run: VerifyCommand.run),
        Command(name: "unlock", section: .safety, summary: L10nKey("help.unlock.summary"), usage: L10nKey("help.unlock.usage"),
                text: L10nKey("help.unlock.text"), run: UnlockCommands.unlock),
        Command(name: "lock", section: .safety, summary: L10nKey("help.lock.summary"), usage: L10nKey("help.lock.usage"),
                text: L10nKey("help.lock.text"), run: UnlockCommands.lock),
        Command(name: "panic", section: .safety, summary: L10nKey("help.panic.summary"), usage: L10nKey("help.panic.usage"),
                text: L10nKey("help.panic.text"), run: AccountCommands.panic),
    ]

    /// Runs the CLI with `words` (without the program name) and returns the exit code.
    public static func run(_ words: [String], environment: [String: String], terminal: Terminal = Terminal()) -> Int32 {
        let profileDirectory: String
        let arguments: Arguments
        var t = Localizer(Language.choose(flag: nil, profile: nil, environment: environment))
        do {
            arguments = try Arguments(words)
        } catch {
            switch error {
            case let .unknownOption(option): terminal.problem(t("cli.usage.unknown_option", ["option": TerminalText.inline(option)]))
            case let .missingValue(option): terminal.problem(t("cli.usage.missing_value", ["option": "--" + TerminalText.inline(option)]))
            }
            terminal.problem(t("cli.usage.see_help"))
            return 1
        }
        profileDirectory = arguments.value("profile") ?? Profile.defaultDirectory(environment: environment)
        let stored = Profile.storedLanguage(at: profileDirectory)
        if let flag = arguments.value("lang"), Language(code: flag) == nil {
            terminal.problem(t("cli.lang.unknown", ["lang": TerminalText.inline(flag)]))
            return 1
        }
        t = Localizer(Language.choose(flag: arguments.value("lang"), profile: stored, environment: environment))
        let invocation = Invocation(arguments: arguments, t: t, terminal: terminal, profileDirectory: profileDirectory, environment: environment)

        guard let (command, consumed) = find(arguments.positional) else {
            if arguments.positional.isEmpty || arguments.has("help") || arguments.positional.first == "help" {
                terminal.line(Help.overview(t))
                return arguments.positional.isEmpty && !arguments.has("help") ? 1 : 0
            }
            terminal.problem(t("cli.usage.unknown_command", ["command": TerminalText.inline(arguments.positional.joined(separator: " "))]))
            terminal.problem(t("cli.usage.see_help"))
            return 1
        }
        if arguments.has("help") {
            terminal.line(Help.command(command, t))
            return 0
        }
        var rest = arguments
        rest.positional.removeFirst(consumed)
        do {
            try command.run(Invocation(arguments: rest, t: t, terminal: terminal, profileDirectory: profileDirectory, environment: environment))
            return 0
        } catch {
            report(error, command: command.name, invocation)
            return error.exitCode
        }
    }

    /// The command named by the first one or two words, and how many words name it.
    static func find(_ words: [String]) -> (Command, Int)? {
        if words.count >= 2, let command = commands.first(where: { $0.name == words[0] + " " + words[1] }) { return (command, 2) }
        if let first = words.first, let command = commands.first(where: { $0.name == first }) { return (command, 1) }
        return nil
    }

    private static func report(_ failure: CommandFailure, command: String, _ invocation: Invocation) {
        let t = invocation.t
        let terminal = invocation.terminal
        switch failure {
        case let .usage(key, arguments, command):
            terminal.problem(t(key, arguments))
            if let usage = commands.first(where: { $0.name == command })?.usage { terminal.problem(t("cli.usage.usage", ["usage": t(usage)])) }
        case let .client(error, server):
            terminal.problem(ErrorText.sentence(for: error, server: server, t))
        case let .profile(error):
            terminal.problem(ErrorText.sentence(for: error, directory: invocation.profileDirectory, t))
        case let .message(key, arguments, _):
            terminal.problem(t(key, arguments))
        }
    }
}
