import FoundationEssentials
import KlankbordClient
import KlankbordConsultations
import KlankbordE2E
import KlankbordLocalization
import KlankbordProtocol

/// `consult list`: the open consultations with their deadline. A member sees their own answer and whether it counts;
/// a facilitator sees how many answers count (never who in this list) and who has not answered yet.
extension ConsultCommands {
    /// `consult list [<room>] [--all] [--json]`, over one room or every group room.
    static func list(_ run: Invocation) throws(CommandFailure) {
        let messenger = try run.messenger()
        let rooms: [RoomSummary]
        if let name = run.arguments.positional.first ?? run.arguments.value("room") {
            rooms = [try run.room(named: name, over: messenger.connection)]
        } else {
            guard case let .rooms(all) = try run.call(messenger.connection, .rooms) else { throw .client(.protocolViolation, server: nil) }
            rooms = all.filter { $0.kind == .group }
        }
        let places = try run.secure { try ConsultRoom.loadAll(rooms, messenger) }
        run.showNotices(messenger)
        var shown = 0
        for place in places {
            let posed = place.book.posed.values.filter { run.arguments.has("all") || place.isOpen($0.id, now: now) }.sorted { $0.question.deadline < $1.question.deadline }
            for consultation in posed {
                run.json ? showJSON(consultation, place, run) : show(consultation, place, run)
                shown += 1
            }
        }
        if shown == 0 && !run.json { run.terminal.line(run.t("consult.cli.none_open")) }
    }

    /// One consultation for a person: what was asked, until when, and their own state or the facilitator's view.
    private static func show(_ posed: ConsultationBook.Posed, _ place: ConsultRoom, _ run: Invocation) {
        let t = run.t, question = posed.question, indent = "    "
        let deadline = t.dateTime(Date(secondsSince1970: place.book.deadline(of: posed.id) ?? question.deadline))
        run.terminal.line(t("consult.list.heading", ["code": posed.id.code, "title": TerminalText.inline(question.title),
                                                     "body": TerminalText.inline(question.askingBody), "room": TerminalText.inline(place.room.name)]))
        let until = place.isOpen(posed.id, now: now) ? t("consult.list.until", ["deadline": deadline]) : t("consult.list.ended", ["deadline": deadline])
        run.terminal.line(indent + until)
        if question.feeCents > 0 { run.terminal.line(indent + t("consult.list.fee", ["amount": t.money(cents: question.feeCents)])) }
        if question.discussion == .open { run.terminal.line(indent + t("consult.list.open_discussion")) }
        run.terminal.line(indent + TerminalText.message(question.text, indent: indent))
        for (index, option) in question.options.enumerated() {
            run.terminal.line(indent + "  \(index + 1). " + TerminalText.inline(option))
        }
        if place.isFacilitator {
            run.terminal.line(indent + t.plural("consult.list.count", count: place.book.respondentCount(posed.id)))
            let missing = place.book.notAnswered(posed.id, members: place.memberIDs, facilitators: place.facilitatorIDs)
            if !missing.isEmpty {
                let reminded = place.reminded(posed.id)
                let names = missing.map { account in
                    let name = TerminalText.inline(place.handle(of: account) ?? String(account))
                    return reminded.contains(account) ? t("consult.list.reminded", ["handle": name]) : name
                }
                run.terminal.line(indent + t("consult.list.not_answered", ["handles": names.joined(separator: ", ")]))
            }
        } else {
            showOwn(posed, place, run, indent: indent)
        }
        run.terminal.line("")
    }

    /// A member's own answer, whether it counts, a follow-up question about it, and a reminder.
    private static func showOwn(_ posed: ConsultationBook.Posed, _ place: ConsultRoom, _ run: Invocation, indent: String) {
        let t = run.t
        guard let own = place.book.ownAnswer(posed.id, account: place.me) else {
            if place.reminded(posed.id).contains(place.me) { run.terminal.line(indent + t("consult.list.you_were_reminded")) }
            return run.terminal.line(indent + t("consult.list.no_answer", ["code": posed.id.code]))
        }
        if let answer = own.answer {
            if let option = answer.option, posed.question.options.indices.contains(option) {
                run.terminal.line(indent + t("consult.list.your_choice", ["choice": TerminalText.inline(posed.question.options[option])]))
            }
            if !answer.text.isEmpty {
                run.terminal.line(indent + t("consult.list.your_text", ["text": TerminalText.message(answer.text, indent: indent + "  ")]))
            }
            run.terminal.line(indent + (own.counted ? t("consult.list.counted") : t("consult.list.not_counted")))
        } else {
            run.terminal.line(indent + t("consult.list.you_withdrew"))
        }
        let reference = place.ownReference(posed.id)
        let followUps = (place.book.followUps[posed.id] ?? []).filter { $0.reference == reference }
        for followUp in followUps {
            run.terminal.line(indent + t("consult.list.follow_up", ["text": TerminalText.message(followUp.text, indent: indent + "  ")]))
        }
        if !followUps.isEmpty && place.isOpen(posed.id, now: now) {
            run.terminal.line(indent + t("consult.list.follow_up_reply", ["code": posed.id.code]))
        }
    }

    /// One consultation as a JSON object, with the same split between a member's and a facilitator's view.
    private static func showJSON(_ posed: ConsultationBook.Posed, _ place: ConsultRoom, _ run: Invocation) {
        var fields: [(String, JSONText.Value)] = [
            ("code", .string(posed.id.code)), ("room", .unsigned(place.room.id)), ("title", .string(posed.question.title)),
            ("body", .string(posed.question.askingBody)), ("deadline", .number(place.book.deadline(of: posed.id) ?? posed.question.deadline)),
            ("fee_cents", .number(posed.question.feeCents)), ("open", .bool(place.isOpen(posed.id, now: now))),
        ]
        if place.isFacilitator {
            fields.append(("answers", .number(Int64(place.book.respondentCount(posed.id)))))
            let missing = place.book.notAnswered(posed.id, members: place.memberIDs, facilitators: place.facilitatorIDs)
            fields.append(("not_answered", .string(missing.compactMap { place.handle(of: $0) }.joined(separator: ","))))
        } else {
            let own = place.book.ownAnswer(posed.id, account: place.me)
            fields.append(("answered", .bool(own?.answer != nil)))
            fields.append(("counted", .bool(own?.counted ?? false)))
            if let text = own?.answer?.text { fields.append(("my_answer", .string(text))) }
        }
        run.terminal.line(JSONText.object(fields))
    }
}
