import KlankbordLocalization

/// The help screens, built from the catalog.
enum Help {
    /// The top-level help: what Klankbord is, every command with one line, and the common options.
    static func overview(_ t: Localizer) -> String {
        var lines = [t("help.title"), "", t("help.usage"), ""]
        // The person's own words first, the English ones beside them: both work.
        let names = CommandLineTool.commands.map { name($0.name, t.language) }
        let width = max(16, (names.map(\.count).max() ?? 0) + 2)
        for section in CommandLineTool.Section.allCases {
            lines.append(t(section.title))
            for (command, name) in zip(CommandLineTool.commands, names) where command.section == section {
                lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + t(command.summary))
            }
            lines.append("")
        }
        lines.append(t("help.section.options"))
        lines.append(contentsOf: options(t))
        lines.append("")
        lines.append(t("help.more"))
        return lines.joined(separator: "\n")
    }

    /// The help of one command: its usage line, what it does, and the common options.
    static func command(_ command: CommandLineTool.Command, _ t: Localizer) -> String {
        var lines = [t("cli.usage.usage", ["usage": t(command.usage)]), "", t(command.text, HelpWords.arguments(command.name, t.language)), ""]
        if takesReference.contains(command.name) { lines += [t("help.references"), ""] }
        if !printsJSON.contains(command.name) { lines += [t("help.no_json"), ""] }
        lines.append(t("help.section.options"))
        lines.append(contentsOf: options(t))
        return lines.joined(separator: "\n")
    }

    /// A command as a person reading `language` types it, with the English words in brackets when they differ.
    static func name(_ english: String, _ language: Language) -> String {
        let local = CommandWords.written(english, in: language)
        return local == english ? english : local + " (" + english + ")"
    }

    /// Whether `word` (English) starts commands with subcommands, such as `room` and `invite`.
    static func isGroup(_ word: String) -> Bool {
        CommandWords.subcommands[word] != nil
    }

    /// The help of a group such as `room`: each of its commands with its usage line and what it does.
    static func group(_ word: String, _ t: Localizer) -> String {
        var lines = [t("help.group.title", ["command": "klankbord " + CommandWords.written(word, in: t.language)]), ""]
        for command in CommandLineTool.commands where command.name.hasPrefix(word + " ") {
            lines.append("  " + t(command.usage))
            lines.append("      " + t(command.summary))
        }
        lines.append("")
        lines.append(t("help.section.options"))
        lines.append(contentsOf: options(t))
        return lines.joined(separator: "\n")
    }

    /// The commands whose `--json` prints JSON objects, one a line (README, "For scripts"); the others print no data.
    static let printsJSON: Set<String> = ["join", "whoami", "lang", "rooms", "members", "room create", "room invite", "send", "read", "dm", "contact",
                                          "invite create", "invite list", "verify", "unlock", "room rules", "reports", "blocked", "seen"]

    /// The commands that name a room or person (`RoomReference`): their help says how to write `#room` and `@person`.
    static let takesReference: Set<String> = ["send", "read", "chat", "members", "room invite", "room leave", "room remove", "invite create",
                                              "room rules", "report", "announce", "seen",
                                              "consult pose", "consult list"]

    private static func options(_ t: Localizer) -> [String] {
        // The option names are typed as they are; only the word for the folder is translated.
        let language = t.language
        let option = { (name: String) in CommandWords.writtenOption(name, in: language) }
        let profile = option("profile") + " <" + t("help.option.folder") + ">"
        let options = [(profile, "profile", L10nKey("help.option.profile")), (option("lang") + " nl|en|es", "lang", L10nKey("help.option.lang")),
                       (option("json"), "json", L10nKey("help.option.json")), (option("help"), "help", L10nKey("help.option.help"))]
        // At least two spaces between an option and its text, however long the translated folder word is.
        let width = max(20, (options.map(\.0.count).max() ?? 0) + 2)
        return options.map { shown, english, text in
            // The English name beside the person's own, as for the commands: both work.
            let alias = option(english) == "--" + english ? "" : " (--" + english + ")"
            return "  " + shown.padding(toLength: width, withPad: " ", startingAt: 0) + t(text) + alias
        }
    }
}

extension String {
    /// Pads with `pad` or cuts to `length` characters.
    func padding(toLength length: Int, withPad pad: String, startingAt _: Int) -> String {
        count >= length ? String(prefix(length)) : self + String(repeating: pad, count: length - count)
    }
}
