import KlankbordExport
import KlankbordLocalization

/// The report as a file: Markdown, plain text or CSV, every label from the catalog.
extension ConsultationReport {
    /// A file format for the report.
    public enum Format: String, Sendable, CaseIterable {
        case md, txt, csv
    }

    /// The report in `format`, in `t`'s language.
    public func rendered(_ format: Format, _ t: Localizer) -> String {
        switch format {
        case .md: markdown(t)
        case .txt: plainText(t)
        case .csv: csv(t)
        }
    }

    private func shown(_ answer: FreeText, _ t: Localizer) -> String {
        answer.redacted ? t("consult.report.redacted") : answer.text
    }

    private func preamble(_ t: Localizer) -> [String] {
        var lines = [t("consult.report.asked_by", ["body": askingBody]), t.plural("consult.report.respondents", count: respondents)]
        if let explanation { lines.append(t("consult.report.forced", ["minimum": String(minimum), "reason": explanation])) }
        return lines
    }

    private func markdown(_ t: Localizer) -> String {
        var lines = ["# \(title)", ""] + preamble(t).flatMap { [$0, ""] }
        lines += ["## \(t("consult.report.question"))", "", question, ""]
        if !options.isEmpty {
            lines += ["## \(t("consult.report.options"))", ""] + options.map { "- \($0.option): \($0.count)" } + [""]
        }
        lines += ["## \(t("consult.report.free_text"))", "", t("consult.report.order_note"), ""]
        if answers.isEmpty { lines += [t("consult.report.no_free_text"), ""] }
        for answer in answers {
            lines += shown(answer, t).split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)" } + [""]
        }
        return lines.joined(separator: "\n")
    }

    private func plainText(_ t: Localizer) -> String {
        var lines = [title, ""] + preamble(t).flatMap { [$0, ""] }
        lines += [t("consult.report.question"), "", question, ""]
        if !options.isEmpty { lines += [t("consult.report.options"), ""] + options.map { "  \($0.option): \($0.count)" } + [""] }
        lines += [t("consult.report.free_text"), "", t("consult.report.order_note"), ""]
        if answers.isEmpty { lines += [t("consult.report.no_free_text"), ""] }
        for answer in answers {
            let body = shown(answer, t).split(separator: "\n", omittingEmptySubsequences: false)
            lines += body.enumerated().map { $0.offset == 0 ? "* \($0.element)" : "  \($0.element)" } + [""]
        }
        return lines.joined(separator: "\n")
    }

    /// One record per fact: part, text, number (the header row names the columns).
    private func csv(_ t: Localizer) -> String {
        var records = [[t("consult.csv.part"), t("consult.csv.text"), t("consult.csv.number")],
                       [t("consult.csv.asked_by"), askingBody, ""],
                       [t("consult.csv.title"), title, ""],
                       [t("consult.csv.question"), question, ""],
                       [t("consult.csv.respondents"), "", String(respondents)]]
        if let explanation { records.append([t("consult.csv.note"), explanation, String(minimum)]) }
        records += options.map { [t("consult.csv.option"), $0.option, String($0.count)] }
        // Members' words: a field a spreadsheet would run as a formula gets a leading apostrophe (CSV.text).
        records += answers.map { [t("consult.csv.answer"), CSV.text(shown($0, t)), ""] }
        return CSV.document(records)
    }
}
