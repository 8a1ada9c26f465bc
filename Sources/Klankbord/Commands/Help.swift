import KlankbordLocalization

/// The help screens, built from the catalog.
enum Help {
    /// The top-level help: what Klankbord is, every command with one line, and the common options.
    static func overview(_ t: Localizer) -> String {
        var lines = [t("help.title"), "", t("help.usage"), ""]
        for section in CommandLineTool.Section.allCases {
            lines.append(t(section.title))
            // Names line up in a column of 16, wider in a section whose longest name needs it.
            let width = max(16, (CommandLineTool.commands.filter { $0.section == section }.map(\.name.count).max() ?? 0) + 2)
            for command in CommandLineTool.commands where command.section == section {
                lines.append("  " + command.name.padding(toLength: width, withPad: " ", startingAt: 0) + t(command.summary))
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
        var lines = [t("cli.usage.usage", ["usage": t(command.usage)]), "", t(command.text), ""]
        if takesReference.contains(command.name) { lines += [t("help.references"), ""] }
        lines.append(t("help.section.options"))
        lines.append(contentsOf: options(t))
        return lines.joined(separator: "\n")
    }

    /// The commands that name a room or person (`RoomReference`): their help says how to write `#room` and `@person`.
    static let takesReference: Set<String> = ["send", "read", "chat", "members", "room invite", "room leave", "room remove", "invite create",
                                              "consult pose", "consult list"]

    private static func options(_ t: Localizer) -> [String] {
        // The option names are typed as they are; only the word for the folder is translated.
        let profile = "--profile <" + t("help.option.folder") + ">"
        let options = [(profile, L10nKey("help.option.profile")), ("--lang nl|en|es", L10nKey("help.option.lang")),
                       ("--json", L10nKey("help.option.json")), ("--help", L10nKey("help.option.help"))]
        // At least two spaces between an option and its text, however long the translated folder word is.
        let width = max(20, (options.map(\.0.count).max() ?? 0) + 2)
        return options.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + t($0.1) }
    }
}

extension String {
    /// Pads with `pad` or cuts to `length` characters.
    func padding(toLength length: Int, withPad pad: String, startingAt _: Int) -> String {
        count >= length ? String(prefix(length)) : self + String(repeating: pad, count: length - count)
    }
}
