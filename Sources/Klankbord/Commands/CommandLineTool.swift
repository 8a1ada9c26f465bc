import Glibc
import KlankbordClient
import KlankbordLocalization
import KlankbordSystem

/// The `klankbord` command: reads the words, picks the language, runs one command and returns its exit code.
public enum CommandLineTool {
    /// The groups of the top-level help, in order.
    enum Section: CaseIterable {
        case start, rooms, messages, invites, safety
        case meetings
        case consultations

        var title: L10nKey {
            switch self {
            case .start: L10nKey("help.section.start")
            case .rooms: L10nKey("help.section.rooms")
            case .messages: L10nKey("help.section.messages")
            case .invites: L10nKey("help.section.invites")
            case .safety: L10nKey("help.section.safety")
            case .meetings: L10nKey("help.section.meetings")
            case .consultations: L10nKey("help.section.consultations")
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
        Command(name: "room rules", section: .rooms, summary: L10nKey("help.room_rules.summary"), usage: L10nKey("help.room_rules.usage"),
                text: L10nKey("help.room_rules.text"), run: RoomRulesCommands.rules),
        Command(name: "announce", section: .rooms, summary: L10nKey("help.announce.summary"), usage: L10nKey("help.announce.usage"),
                text: L10nKey("help.announce.text"), run: AnnouncementCommands.announce),
        Command(name: "seen", section: .rooms, summary: L10nKey("help.seen.summary"), usage: L10nKey("help.seen.usage"),
                text: L10nKey("help.seen.text"), run: AnnouncementCommands.seen),
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
        Command(name: "report", section: .safety, summary: L10nKey("help.report.summary"), usage: L10nKey("help.report.usage"),
                text: L10nKey("help.report.text"), run: ReportCommands.report),
        Command(name: "reports", section: .safety, summary: L10nKey("help.reports.summary"), usage: L10nKey("help.reports.usage"),
                text: L10nKey("help.reports.text"), run: ReportCommands.list),
        Command(name: "block", section: .safety, summary: L10nKey("help.block.summary"), usage: L10nKey("help.block.usage"),
                text: L10nKey("help.block.text"), run: BlockCommands.block),
        Command(name: "unblock", section: .safety, summary: L10nKey("help.unblock.summary"), usage: L10nKey("help.unblock.usage"),
                text: L10nKey("help.unblock.text"), run: BlockCommands.unblock),
        Command(name: "blocked", section: .safety, summary: L10nKey("help.blocked.summary"), usage: L10nKey("help.blocked.usage"),
                text: L10nKey("help.blocked.text"), run: BlockCommands.list),
        Command(name: "panic", section: .safety, summary: L10nKey("help.panic.summary"), usage: L10nKey("help.panic.usage"),
                text: L10nKey("help.panic.text"), run: AccountCommands.panic),
        Command(name: "meeting poll", section: .meetings, summary: L10nKey("help.meeting_poll.summary"), usage: L10nKey("help.meeting_poll.usage"),
                text: L10nKey("help.meeting_poll.text"), run: MeetingCommands.poll),
        Command(name: "meeting vote", section: .meetings, summary: L10nKey("help.meeting_vote.summary"), usage: L10nKey("help.meeting_vote.usage"),
                text: L10nKey("help.meeting_vote.text"), run: MeetingCommands.vote),
        Command(name: "meeting tally", section: .meetings, summary: L10nKey("help.meeting_tally.summary"), usage: L10nKey("help.meeting_tally.usage"),
                text: L10nKey("help.meeting_tally.text"), run: MeetingCommands.tally),
        Command(name: "meeting fix", section: .meetings, summary: L10nKey("help.meeting_fix.summary"), usage: L10nKey("help.meeting_fix.usage"),
                text: L10nKey("help.meeting_fix.text"), run: MeetingCommands.fix),
        Command(name: "meeting create", section: .meetings, summary: L10nKey("help.meeting_create.summary"), usage: L10nKey("help.meeting_create.usage"),
                text: L10nKey("help.meeting_create.text"), run: MeetingCommands.create),
        Command(name: "meeting move", section: .meetings, summary: L10nKey("help.meeting_move.summary"), usage: L10nKey("help.meeting_move.usage"),
                text: L10nKey("help.meeting_move.text"), run: MeetingCommands.move),
        Command(name: "meeting cancel", section: .meetings, summary: L10nKey("help.meeting_cancel.summary"), usage: L10nKey("help.meeting_cancel.usage"),
                text: L10nKey("help.meeting_cancel.text"), run: MeetingCommands.cancel),
        Command(name: "meeting rsvp", section: .meetings, summary: L10nKey("help.meeting_rsvp.summary"), usage: L10nKey("help.meeting_rsvp.usage"),
                text: L10nKey("help.meeting_rsvp.text"), run: MeetingCommands.rsvp),
        Command(name: "meeting attend", section: .meetings, summary: L10nKey("help.meeting_attend.summary"), usage: L10nKey("help.meeting_attend.usage"),
                text: L10nKey("help.meeting_attend.text"), run: MeetingCommands.attend),
        Command(name: "meeting fees", section: .meetings, summary: L10nKey("help.meeting_fees.summary"), usage: L10nKey("help.meeting_fees.usage"),
                text: L10nKey("help.meeting_fees.text"), run: MeetingCommands.fees),
        Command(name: "meeting series", section: .meetings, summary: L10nKey("help.meeting_series.summary"), usage: L10nKey("help.meeting_series.usage"),
                text: L10nKey("help.meeting_series.text"), run: MeetingCommands.series),
        Command(name: "meeting ics", section: .meetings, summary: L10nKey("help.meeting_ics.summary"), usage: L10nKey("help.meeting_ics.usage"),
                text: L10nKey("help.meeting_ics.text"), run: MeetingCommands.ics),
        Command(name: "meeting list", section: .meetings, summary: L10nKey("help.meeting_list.summary"), usage: L10nKey("help.meeting_list.usage"),
                text: L10nKey("help.meeting_list.text"), run: MeetingCommands.list),
        Command(name: "agenda", section: .meetings, summary: L10nKey("help.agenda.summary"), usage: L10nKey("help.agenda.usage"),
                text: L10nKey("help.agenda.text"), run: MeetingCommands.agenda),
        Command(name: "consult pose", section: .consultations, summary: L10nKey("help.consult_pose.summary"),
                usage: L10nKey("help.consult_pose.usage"), text: L10nKey("help.consult_pose.text"), run: ConsultCommands.pose),
        Command(name: "consult list", section: .consultations, summary: L10nKey("help.consult_list.summary"),
                usage: L10nKey("help.consult_list.usage"), text: L10nKey("help.consult_list.text"), run: ConsultCommands.list),
        Command(name: "consult answer", section: .consultations, summary: L10nKey("help.consult_answer.summary"),
                usage: L10nKey("help.consult_answer.usage"), text: L10nKey("help.consult_answer.text"), run: ConsultCommands.answer),
        Command(name: "consult change", section: .consultations, summary: L10nKey("help.consult_change.summary"),
                usage: L10nKey("help.consult_change.usage"), text: L10nKey("help.consult_change.text"), run: ConsultCommands.change),
        Command(name: "consult withdraw", section: .consultations, summary: L10nKey("help.consult_withdraw.summary"),
                usage: L10nKey("help.consult_withdraw.usage"), text: L10nKey("help.consult_withdraw.text"), run: ConsultCommands.withdraw),
        Command(name: "consult answers", section: .consultations, summary: L10nKey("help.consult_answers.summary"),
                usage: L10nKey("help.consult_answers.usage"), text: L10nKey("help.consult_answers.text"), run: ConsultCommands.answers),
        Command(name: "consult followup", section: .consultations, summary: L10nKey("help.consult_followup.summary"),
                usage: L10nKey("help.consult_followup.usage"), text: L10nKey("help.consult_followup.text"), run: ConsultCommands.followUp),
        Command(name: "consult remind", section: .consultations, summary: L10nKey("help.consult_remind.summary"),
                usage: L10nKey("help.consult_remind.usage"), text: L10nKey("help.consult_remind.text"), run: ConsultCommands.remind),
        Command(name: "consult close", section: .consultations, summary: L10nKey("help.consult_close.summary"),
                usage: L10nKey("help.consult_close.usage"), text: L10nKey("help.consult_close.text"), run: ConsultCommands.close),
        Command(name: "consult report", section: .consultations, summary: L10nKey("help.consult_report.summary"),
                usage: L10nKey("help.consult_report.usage"), text: L10nKey("help.consult_report.text"), run: ConsultCommands.report),
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
            let first = arguments.positional.first.flatMap(CommandWords.command)
            // `help send` (or `ayuda enviar`) is the help of that command.
            if first == "help", let (command, _) = find(Array(arguments.positional.dropFirst())) {
                terminal.line(Help.command(command, t))
                return 0
            }
            // `room --help` (or just `room`): the commands of the group, each with its usage.
            if let first, Help.isGroup(first) {
                terminal.line(Help.group(first, t))
                return arguments.has("help") ? 0 : 1
            }
            if arguments.positional.isEmpty || arguments.has("help") || first == "help" {
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
            let run = Invocation(arguments: rest, t: t, terminal: terminal, profileDirectory: profileDirectory, environment: environment)
            try command.run(run)
            // Not after the profile was wiped or locked: then nothing of it is shown any more.
            if !["panic", "lock"].contains(command.name) { MeetingReminders.afterCommand(run) }
            return 0
        } catch {
            report(error, command: command.name, invocation)
            return error.exitCode
        }
    }

    /// The command named by the first one or two words, and how many words name it.
    /// The words may be English, Dutch or Spanish (`CommandWords`).
    static func find(_ words: [String]) -> (Command, Int)? {
        guard let first = words.first.flatMap(CommandWords.command) else { return nil }
        if words.count >= 2, let second = CommandWords.subcommand(words[1], of: first),
           let command = commands.first(where: { $0.name == first + " " + second }) { return (command, 2) }
        if let command = commands.first(where: { $0.name == first }) { return (command, 1) }
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
