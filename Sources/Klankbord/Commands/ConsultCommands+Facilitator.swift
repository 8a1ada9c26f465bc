import KlankbordClient
import KlankbordConsultations
import KlankbordE2E
import KlankbordLocalization
import KlankbordTrust

/// What only a facilitator of the signed log does: read the answers (without names), ask the author of one answer a
/// follow-up question, and remind each member who has not answered, once.
extension ConsultCommands {
    /// The consultation of `find`, refused unless this device's account is a facilitator in the signed log.
    private static func findAsFacilitator(_ run: Invocation, command: String) throws(CommandFailure)
        -> (Messenger, ConsultRoom, ConsultationBook.Posed) {
        let found = try find(run, command: command)
        guard found.1.isFacilitator else { throw .message(L10nKey("consult.cli.not_facilitator"), exitCode: 2) }
        return found
    }

    /// `consult answers <code>`: the counted answers, each with its answer code and what personal details it
    /// mentions, never with who wrote it. Sorted by the random answer code, so the order says nothing either.
    static func answers(_ run: Invocation) throws(CommandFailure) {
        let (_, place, posed) = try findAsFacilitator(run, command: "consult answers")
        let details = PersonalDetails(handles: place.members.map(\.handle))
        let counted = place.book.counted(posed.id).sorted { $0.reference.code < $1.reference.code }
        run.terminal.line(run.t.plural("consult.list.count", count: counted.count))
        let indent = "    "
        for answer in counted {
            var line = "[" + answer.reference.code + "]"
            if let option = answer.answer.option, posed.question.options.indices.contains(option) {
                line += " " + run.t("consult.answers.choice", ["choice": TerminalText.inline(posed.question.options[option])])
            }
            run.terminal.line(line)
            if !answer.answer.text.isEmpty { run.terminal.line(indent + TerminalText.message(answer.answer.text, indent: indent)) }
            let flags = details.kinds(in: answer.answer.text).sorted()
            if !flags.isEmpty {
                run.terminal.line(indent + run.t("consult.answers.flagged", ["flags": flags.map { $0.label(run.t) }.joined(separator: ", ")]))
            }
        }
    }

    /// `consult followup <code> <answer code> <question>`: goes to the author of that answer only, through their
    /// 1:1 session; this device looks the author up, the command never shows who it is.
    static func followUp(_ run: Invocation) throws(CommandFailure) {
        let (messenger, place, posed) = try findAsFacilitator(run, command: "consult followup")
        let code = try run.word(1, L10nKey("consult.what.answer_code"), command: "consult followup")
        let text = try ConsultInput.text(run, prompt: L10nKey("consult.cli.type_question"), from: 2)
        guard !text.allSatisfy(\.isWhitespace) else {
            throw .usage(L10nKey("cli.usage.missing"), ["what": run.t("consult.what.question")], command: "consult followup")
        }
        let matching = place.book.counted(posed.id).filter { $0.reference.matches(code: code) }
        guard matching.count == 1, let answer = matching.first, let author = place.members.first(where: { $0.account == answer.author }) else {
            throw .message(L10nKey("consult.cli.unknown_answer"), ["code": TerminalText.inline(code)], exitCode: 2)
        }
        let event = PayloadEvent(consultation: .followUp(consultation: posed.id, reference: answer.reference, text: text))
        let delivered = try run.secure { try messenger.sendPrivately(event, about: place.room.id, to: [author]) }
        run.showNotices(messenger)
        guard delivered.contains(author.account) else { throw .message(L10nKey("consult.cli.follow_up_not_sent"), exitCode: 2) }
        run.terminal.line(run.t("consult.cli.follow_up_sent", ["code": answer.reference.code]))
    }

    /// `consult remind <code>`: one reminder to each member who has not answered and has had none yet; a copy goes to
    /// the other facilitators, so none of them sends a second one.
    static func remind(_ run: Invocation) throws(CommandFailure) {
        let (messenger, place, posed) = try findAsFacilitator(run, command: "consult remind")
        guard place.isOpen(posed.id, now: now) else { throw ConsultationError.answerAfterDeadline.failure(run.t) }
        let reminded = place.reminded(posed.id)
        let waiting = place.book.notAnswered(posed.id, members: place.memberIDs, facilitators: place.facilitatorIDs)
            .filter { !reminded.contains($0) }
        let colleagues = place.facilitators.filter { $0.account != place.me }
        var sent: [String] = []
        for account in waiting {
            guard let member = place.members.first(where: { $0.account == account }) else { continue }
            let reminder = ConsultationReminder(consultation: posed.id, recipient: account).payload
            let delivered = try run.secure { try messenger.sendPrivately(reminder, about: place.room.id, to: [member] + colleagues) }
            if delivered.contains(account) { sent.append(TerminalText.inline(member.handle)) }
        }
        run.showNotices(messenger)
        if sent.isEmpty { return run.terminal.line(run.t("consult.cli.nobody_to_remind")) }
        run.terminal.line(run.t("consult.cli.reminded", ["handles": sent.joined(separator: ", ")]))
    }
}
