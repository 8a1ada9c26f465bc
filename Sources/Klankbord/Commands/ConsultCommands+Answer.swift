import Glibc
import KlankbordClient
import KlankbordConsultations
import KlankbordE2E
import KlankbordLocalization
import KlankbordTrust

/// `consult answer`, `consult change` and `consult withdraw`: a member's answer goes only to the facilitators of the
/// room's signed log, each through their 1:1 session. Other members' devices never receive it, nor who answered.
extension ConsultCommands {
    /// `consult answer`: the first answer, or a new one in place of the last (sent as a change).
    static func answer(_ run: Invocation) throws(CommandFailure) {
        try give(run, command: "consult answer", mustExist: false)
    }

    /// `consult change`: as `answer`, refused when there is no answer yet to change.
    static func change(_ run: Invocation) throws(CommandFailure) {
        try give(run, command: "consult change", mustExist: true)
    }

    /// `consult answer|change <code> [--choice <n>] [<text> | --file <file>]`.
    private static func give(_ run: Invocation, command: String, mustExist: Bool) throws(CommandFailure) {
        let (messenger, place, posed) = try find(run, command: command)
        var option: Int?
        if let typed = run.arguments.value("choice") {
            guard let number = Int(typed) else { throw ConsultationError.unknownOption(0).failure(run.t) }
            option = number - 1
        }
        let text = option != nil && run.arguments.positional.count < 2 && run.arguments.value("file") == nil
            ? "" : try ConsultInput.text(run, prompt: L10nKey("consult.cli.type_answer"), from: 1)
        let answer = ConsultationEvent.Answer(option: option, text: text)
        do {
            try ConsultationRules.checkAnswer(answer, to: posed.id, in: place.book, by: place.me, members: place.memberIDs, now: now)
        } catch {
            throw error.failure(run.t)
        }
        let previous = place.ownReference(posed.id)
        if mustExist && previous == nil { throw .message(L10nKey("consult.cli.no_answer_yet"), ["code": posed.id.code], exitCode: 2) }
        let reference = previous ?? .random()
        let event: ConsultationEvent = previous == nil
            ? .answered(consultation: posed.id, reference: reference, answer: answer)
            : .changed(consultation: posed.id, reference: reference, answer: answer)
        try deliver(PayloadEvent(consultation: event), place, messenger, run)
        let names = ["facilitators": place.facilitators.map { TerminalText.inline($0.handle) }.joined(separator: ", ")]
        run.terminal.line(previous == nil ? run.t("consult.cli.answered", names) : run.t("consult.cli.changed", names))
    }

    /// `consult withdraw <code>`: the answer stops counting (until a new answer before the deadline).
    static func withdraw(_ run: Invocation) throws(CommandFailure) {
        let (messenger, place, posed) = try find(run, command: "consult withdraw")
        guard let reference = place.ownReference(posed.id) else {
            throw .message(L10nKey("consult.cli.no_answer_yet"), ["code": posed.id.code], exitCode: 2)
        }
        guard place.isOpen(posed.id, now: now) else { throw ConsultationError.answerAfterDeadline.failure(run.t) }
        try deliver(PayloadEvent(consultation: .withdrawn(consultation: posed.id, reference: reference)), place, messenger, run)
        run.terminal.line(run.t("consult.cli.withdrawn", ["title": TerminalText.inline(posed.question.title)]))
    }

    /// Sends `event` to the facilitators the signed log names, and to nobody else; refuses when it names none.
    private static func deliver(_ event: PayloadEvent, _ place: ConsultRoom, _ messenger: Messenger, _ run: Invocation) throws(CommandFailure) {
        let recipients = place.facilitators.filter { $0.account != place.me }
        guard !recipients.isEmpty else { throw .message(L10nKey("consult.cli.no_facilitators"), exitCode: 2) }
        // Times have whole seconds, and of two answers in the same second the book keeps the one with the larger
        // (random) event id. A change sent in the second of the answer before it could lose, so wait for the next one.
        if let last = place.lastOwnAnswerTime(posedID(of: event) ?? event.id) {
            while now <= last { usleep(50_000) }
        }
        let delivered = try run.secure { try messenger.sendPrivately(event, about: place.room.id, to: recipients) }
        run.showNotices(messenger)
        // Sending again later is safe: it goes out as a change with the same reference, and counts once.
        guard recipients.contains(where: { delivered.contains($0.account) }) else {
            throw .message(L10nKey("consult.cli.not_delivered_any"), exitCode: 2)
        }
        for missed in recipients where !delivered.contains(missed.account) {
            run.terminal.line(run.t("consult.cli.not_delivered", ["handle": TerminalText.inline(missed.handle)]))
        }
    }
}

/// The consultation an answer, change or withdrawal is about.
private func posedID(of event: PayloadEvent) -> PayloadEvent.ID? {
    guard let decoded = try? event.consultation() else { return nil }
    return decoded.consultation
}
