import KlankbordLocalization

/// Words a command's help text names, written in the reader's language: the ledger's help lists its actions, and a
/// Dutch or Spanish reader must see the words they type (`kasboek goedkeuren`), not the English ones.
enum HelpWords {
    /// The ledger actions a facilitator uses, in the order the help lists them (English words).
    static let ledgerFacilitatorActions = ["init", "add", "proposals", "approve", "pay", "reject", "reverse", "verify", "budget", "export",
                                           "backup", "restore", "handover", "allowance"]

    /// The placeholders of the help text of `command` (English name) for a reader of `language`; empty for most.
    static func arguments(_ command: String, _ language: Language) -> [String: String] {
        guard command == "ledger" else { return [:] }
        let word = { (action: String) in CommandWords.subcommands["ledger"]?[action]?.shown(in: language) ?? action }
        return ["actions": ledgerFacilitatorActions.map(word).joined(separator: ", "), "mine": word("mine"), "confirm": word("confirm")]
    }
}
