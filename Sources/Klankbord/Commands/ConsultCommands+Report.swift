import FoundationEssentials
import KlankbordConsultations
import KlankbordLocalization

/// `consult report <code> [--format md|txt|csv] [--minimum <n>] [--force <reason>] [--redact <answer codes>]
/// [--output <file>] [--fees]`: the anonymised report for the asking body, or with `--fees` the fee proposals.
/// Nothing goes to a municipality from here: the facilitator sends the file on.
extension ConsultCommands {
    /// `consult report`: see the extension's comment.
    static func report(_ run: Invocation) throws(CommandFailure) {
        let (_, place, posed) = try find(run, command: "consult report")
        if run.arguments.has("fees") { return try fees(posed, place, run) }
        guard let format = ConsultationReport.Format(rawValue: run.arguments.value("format") ?? "md") else {
            throw .message(L10nKey("consult.cli.bad_format"), ["format": TerminalText.inline(run.arguments.value("format") ?? "")], exitCode: 1)
        }
        var minimum = ConsultationReport.defaultMinimum
        if let typed = run.arguments.value("minimum") {
            guard let number = Int(typed), number >= 1 else { throw .message(L10nKey("consult.cli.bad_minimum"), exitCode: 1) }
            minimum = number
        }
        let handles = place.members.map(\.handle)
        var report: ConsultationReport
        do {
            report = try ConsultationReport(consultation: posed.id, in: place.book, by: place.me, now: now, handles: handles,
                                            minimum: minimum, explanation: run.arguments.value("force"))
        } catch {
            throw error.failure(run.t)
        }
        // The facilitator names answers by the codes `consult answers` shows; the report holds no code, so the
        // redacted ones are found again by their text.
        let details = PersonalDetails(handles: handles)
        let counted = place.book.counted(posed.id)
        let codes = (run.arguments.value("redact") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var redacted: Set<String> = []
        for code in codes {
            guard let answer = counted.first(where: { $0.reference.matches(code: code) }) else {
                throw .message(L10nKey("consult.cli.unknown_answer"), ["code": TerminalText.inline(code)], exitCode: 1)
            }
            redacted.insert(details.removingHandles(answer.answer.text))
        }
        for index in report.answers.indices where redacted.contains(report.answers[index].text) { report.redact(index) }
        let text = report.rendered(format, run.t)
        let flagged = counted.filter { !redacted.contains(details.removingHandles($0.answer.text)) && !details.kinds(in: $0.answer.text).isEmpty }
        guard let path = run.arguments.value("output") else {
            run.terminal.line(text)
            // On standard error, so a report sent to a file by the shell stays clean.
            for answer in flagged { run.terminal.problem(flagLine(answer, details, run.t)) }
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw .message(L10nKey("consult.cli.file_unwritable"), ["file": TerminalText.inline(path)], exitCode: 1)
        }
        run.terminal.line(run.t.plural("consult.cli.report_written", count: report.respondents, ["file": TerminalText.inline(path)]))
        for answer in flagged { run.terminal.line(flagLine(answer, details, run.t)) }
    }

    /// "Answer 5e0f21aa mentions a phone number", with the `--redact` hint.
    private static func flagLine(_ answer: ConsultationBook.Counted, _ details: PersonalDetails, _ t: Localizer) -> String {
        t("consult.cli.flagged", ["code": answer.reference.code,
                                  "flags": details.kinds(in: answer.answer.text).sorted().map { $0.label(t) }.joined(separator: ", ")])
    }

    /// `--fees`: one proposed payment per counted answer, for the ledger to take; nothing is paid from here.
    private static func fees(_ posed: ConsultationBook.Posed, _ place: ConsultRoom, _ run: Invocation) throws(CommandFailure) {
        do {
            _ = try ConsultationRules.checkReport(of: posed.id, in: place.book, by: place.me, now: now)
        } catch {
            throw error.failure(run.t)
        }
        let proposals = ConsultationFees.proposals(for: posed.id, in: place.book)
        for proposal in proposals {
            let handle = TerminalText.inline(place.handle(of: proposal.recipient) ?? String(proposal.recipient))
            if run.json {
                run.terminal.line(JSONText.object([("recipient", .string(handle)), ("amount_cents", .number(proposal.amountCents)),
                                                   ("purpose", .string(proposal.purpose(run.t)))]))
            } else {
                run.terminal.line(run.t("consult.fees.line", ["handle": handle, "amount": run.t.money(cents: proposal.amountCents),
                                                              "purpose": TerminalText.inline(proposal.purpose(run.t))]))
            }
        }
        if !run.json {
            run.terminal.line(run.t.plural("consult.fees.total", count: proposals.count,
                                           ["amount": run.t.money(cents: ConsultationFees.total(proposals))]))
        }
    }
}
