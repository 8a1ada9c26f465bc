import FoundationEssentials
import KlankbordClient
import KlankbordConsultations
import KlankbordE2E
import KlankbordLedger
import KlankbordLocalization
import KlankbordMeetings
import KlankbordProtocol

/// `consult pose`, `consult close` and what every `consult` command shares: finding a consultation by its code.
enum ConsultCommands {
    /// Now, in seconds since 1970 (UTC).
    static var now: Int64 { Int64(Date().timeIntervalSince1970) }

    /// The consultation whose code starts with the typed word `index`, searched in `--room` or in every group room.
    static func find(_ run: Invocation, word index: Int = 0, command: String) throws(CommandFailure)
        -> (Messenger, ConsultRoom, ConsultationBook.Posed) {
        let code = try run.word(index, L10nKey("consult.what.code"), command: command)
        let messenger = try run.messenger()
        let rooms: [RoomSummary]
        if let name = run.arguments.value("room") {
            rooms = [try run.room(named: name, over: messenger.connection)]
        } else {
            guard case let .rooms(all) = try run.call(messenger.connection, .rooms) else { throw .client(.protocolViolation, server: nil) }
            rooms = all.filter { $0.kind == .group }
        }
        var found: [(ConsultRoom, ConsultationBook.Posed)] = []
        for room in rooms {
            let place = try run.secure { try ConsultRoom.load(room, messenger) }
            found += place.book.posed.values.filter { $0.id.matches(code: code) }.map { (place, $0) }
        }
        run.showNotices(messenger)
        guard found.count <= 1 else { throw .message(L10nKey("consult.cli.ambiguous"), ["code": TerminalText.inline(code)], exitCode: 1) }
        guard let (place, posed) = found.first else { throw ConsultationError.unknownConsultation.failure(run.t) }
        return (messenger, place, posed)
    }

    /// `consult pose <room> --title <t> --body <who asks> [--file <question>] [--options "a|b"] (--deadline
    /// "<date> <time>" | --days <n>) [--fee <euros>] [--open]`: a facilitator asks the room a question.
    static func pose(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "consult pose")
        guard let title = run.arguments.value("title"), !title.allSatisfy(\.isWhitespace) else {
            throw .usage(L10nKey("cli.usage.missing"), ["what": "--title"], command: "consult pose")
        }
        guard let body = run.arguments.value("body"), !body.allSatisfy(\.isWhitespace) else {
            throw .usage(L10nKey("cli.usage.missing"), ["what": "--body"], command: "consult pose")
        }
        let deadline = try self.deadline(run)
        guard deadline > now else { throw .message(L10nKey("consult.cli.deadline_past"), exitCode: 1) }
        let fee = try self.fee(run)
        let options = (run.arguments.value("options") ?? "").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let text = try ConsultInput.text(run, prompt: L10nKey("consult.cli.type_question"), from: 1)
        guard !text.allSatisfy(\.isWhitespace) else {
            throw .usage(L10nKey("cli.usage.missing"), ["what": run.t("consult.what.question")], command: "consult pose")
        }
        let messenger = try run.messenger()
        let room = try run.room(named: reference, over: messenger.connection)
        let question = ConsultationEvent.Question(askingBody: body, title: title, text: text, options: options, deadline: deadline,
                                                  discussion: run.arguments.has("open") ? .open : .private, feeCents: fee)
        let event = PayloadEvent(consultation: .posed(question))
        try run.secure {
            // Only the signed log makes someone a facilitator: without that, members' clients ignore the question.
            guard try messenger.facilitators(of: room.id).contains(where: { $0.account == messenger.account.id }) else {
                throw CommandFailure.message(L10nKey("consult.cli.not_facilitator"), exitCode: 2)
            }
            try messenger.send(event: event, to: room)
        }
        run.showNotices(messenger)
        if run.json {
            return run.terminal.line(JSONText.object([("code", .string(event.id.code)), ("room", .unsigned(room.id)), ("deadline", .number(deadline))]))
        }
        run.terminal.line(run.t("consult.cli.posed", ["code": event.id.code, "room": TerminalText.inline(room.name),
                                                      "deadline": run.t.dateTime(Date(secondsSince1970: deadline))]))
    }

    /// `--deadline "2027-01-12 17:00"` (Amsterdam time; a date alone means 23:59 that day) or `--days <n>` from now.
    static func deadline(_ run: Invocation) throws(CommandFailure) -> Int64 {
        if let days = run.arguments.value("days") {
            guard let count = Int(days), (1...365).contains(count) else { throw .message(L10nKey("consult.cli.bad_deadline"), exitCode: 1) }
            return now + Int64(count) * 86_400
        }
        guard let typed = run.arguments.value("deadline") else {
            throw .usage(L10nKey("cli.usage.missing"), ["what": "--deadline"], command: "consult pose")
        }
        let parts = typed.split(separator: " ").map(String.init)
        guard (1...2).contains(parts.count),
              let clock = try? AmsterdamWallClock(date: parts[0], time: parts.count == 2 ? parts[1] : "23:59"),
              let instant = try? clock.instant() else {
            throw .message(L10nKey("consult.cli.bad_deadline"), exitCode: 1)
        }
        return Int64(instant.timeIntervalSince1970)
    }

    /// `--fee` in euros ("25", "25,50", "25.50") as integer cents; 0 without the option.
    static func fee(_ run: Invocation) throws(CommandFailure) -> Int64 {
        guard let typed = run.arguments.value("fee") else { return 0 }
        if typed.trimmingCharacters(in: .whitespaces).allSatisfy({ "0.,".contains($0) }) && typed.contains("0") { return 0 }
        guard let cents = try? LedgerAmount.cents(from: typed), cents >= 0 else { throw .message(L10nKey("consult.cli.bad_fee"), exitCode: 1) }
        return cents
    }

    /// `consult close <code>`: the facilitator who asked ends the time to answer now.
    static func close(_ run: Invocation) throws(CommandFailure) {
        let (messenger, place, posed) = try find(run, command: "consult close")
        guard posed.author == place.me else { throw ConsultationError.notYourConsultation.failure(run.t) }
        try run.secure { try messenger.send(event: PayloadEvent(consultation: .closed(consultation: posed.id)), to: place.room) }
        run.showNotices(messenger)
        run.terminal.line(run.t("consult.cli.closed", ["code": posed.id.code, "title": TerminalText.inline(posed.question.title)]))
    }
}

/// Text a person gives a command: the words after the command, a `--file`, or typed lines.
enum ConsultInput {
    /// The words from position `index` on; else the file `--file`; else lines from standard input (a person at the
    /// terminal ends with an empty line, a script with the end of input).
    static func text(_ run: Invocation, prompt: L10nKey, from index: Int) throws(CommandFailure) -> String {
        let words = run.arguments.positional.dropFirst(index)
        if !words.isEmpty { return words.joined(separator: " ") }
        if let path = run.arguments.value("file") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .message(L10nKey("consult.cli.file_unreadable"), ["file": TerminalText.inline(path)], exitCode: 1)
            }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let interactive = run.terminal.isInteractive
        if interactive { run.terminal.line(run.t(prompt)) }
        var lines: [String] = []
        while let line = run.terminal.readLine() {
            if interactive && line.isEmpty { break }
            lines.append(line)
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
