/// The words after `klankbord`, split into positional words, options with a value, and switches.
struct Arguments {
    static let valueOptions: Set<String> = ["profile", "lang", "role", "room", "uses", "days", "handle", "code", "limit", "minutes",
                                           "show", "slow", "announce", "disappear", "note",
                                           "place", "deadline", "fee", "year", "rule", "time",
                                           "title", "body", "file", "options", "choice", "format", "minimum", "force", "redact", "output"]
    static let switches: Set<String> = ["json", "help", "now", "confirm", "accept",
                                       "anonymous", "quarterly", "attendees", "open", "all", "fees"]
    /// The options of `klankbord ledger` (docs/LEDGER.md).
    static let ledgerValueOptions: Set<String> = ["purpose", "method", "date", "note", "description", "reason", "year", "from", "to", "amount", "month"]
    static let ledgerSwitches: Set<String> = ["over-budget", "over-allowance", "handles", "summary", "all"]

    var positional: [String] = []
    var values: [String: String] = [:]
    var switchesOn: Set<String> = []

    /// Why the words could not be read; the CLI shows a translated sentence and exits with 1.
    enum Problem: Error, Equatable {
        case unknownOption(String)
        case missingValue(String)
    }

    init(_ words: [String]) throws(Problem) {
        var index = 0
        var onlyPositional = false
        while index < words.count {
            let word = words[index]
            index += 1
            if onlyPositional || !word.hasPrefix("-") || word == "-" {
                positional.append(word)
                continue
            }
            if word == "--" {
                onlyPositional = true
                continue
            }
            var name = String(word.drop { $0 == "-" })
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if name == "h" { name = "help" }
            // `--perfil` and `--profiel` are `--profile`: the option names of every language work (`CommandWords`).
            name = CommandWords.option(name)
            if Arguments.switches.contains(name) || Arguments.ledgerSwitches.contains(name) {
                switchesOn.insert(name)
            } else if Arguments.valueOptions.contains(name) || Arguments.ledgerValueOptions.contains(name) {
                if let inlineValue {
                    values[name] = inlineValue
                } else {
                    guard index < words.count else { throw .missingValue(name) }
                    values[name] = words[index]
                    index += 1
                }
            } else {
                throw .unknownOption(word)
            }
        }
    }

    func has(_ name: String) -> Bool { switchesOn.contains(name) }
    func value(_ name: String) -> String? { values[name] }
}
