import EffektEstimators
import EffektReports

/// The one-page summary for budget staff: a table with one row per insats (participants, cost,
/// saving at 12 months, net at 24, break-even, a plain verdict), a second with the yearly net in
/// mnkr and the reduction against no insats beside the 2008 budget's 10 %, and a few sentences in
/// plain language with the uncertainty stated as "sannolikt mellan X och Y kr".
///
/// Columns with text that must wrap are left-aligned: `HTMLDocument` keeps right-aligned
/// (numeric) cells on one line, so long right-aligned cells would push the table off the page.
struct SummarySection {
    let context: ReportContext
    let insatser: [InsatsEvaluation]
    /// A paragraph under the heading (what data, which months).
    var lead: String? = nil

    private var texts: ReportTexts { context.texts }

    func markdown() -> String {
        var lines = ["## \(texts.summaryHeading)", ""]
        if let lead { lines += [lead, ""] }
        lines += [table().render(), texts.summaryTableNote(longHorizon: context.longHorizon), "", sentences().joined(separator: " ")]
        let yearly = yearTable()
        if !yearly.rows.isEmpty { lines += ["", yearly.render(), texts.yearTableNote(longHorizon: context.longHorizon)] }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An insats whose estimates may be published: estimated, with enough persons.
    private func shown(_ insats: InsatsEvaluation) -> Bool {
        insats.status == .estimated && !context.suppresses(insats) && insats.cost != nil
    }

    private func saving(_ insats: InsatsEvaluation, horizon: Int) -> CostSummary.Saving? {
        insats.cost?.savings.first { $0.horizon == horizon }
    }

    /// The verdict at `horizon`, with the Holm-adjusted p of the kronor effect there.
    private func verdict(_ insats: InsatsEvaluation, _ saving: CostSummary.Saving, horizon: Int) -> Verdict {
        Verdict(saving, adjustedP: insats.effect(.kronor, horizon: horizon)?.pHolm ?? .nan)
    }

    private var unknownCost: TableCell { TableCell(context.missing, footnote: texts.unknownCostFootnote) }

    /// One row per insats, in the evaluation's order.
    func table() -> MarkdownTable {
        let columns: [MarkdownTable.Column] = [
            .init(texts.summaryInsats),
            .init(texts.summaryParticipants, alignment: .right),
            .init(texts.summaryCost),
            .init(texts.summarySaving(context.shortHorizon)),
            .init(texts.summaryNet(context.longHorizon)),
            .init(texts.summaryBreakEven),
            .init(texts.summaryVerdict),
        ]
        return MarkdownTable(columns: columns, rows: insatser.map(row))
    }

    private func row(_ insats: InsatsEvaluation) -> [TableCell] {
        let name = TableCell(ReportContext.name(insats))
        switch insats.status {
        case .tooFewParticipants(let n):
            let verdict = context.policy.suppresses(persons: n)
                ? TableCell(texts.tooFewSuppressed, footnote: context.policy.footnote)
                : TableCell(texts.tooFew(context.count(n)))
            return [name, context.countCell(n), "", "", "", "", verdict]
        case .failed(let reason):
            let note = texts.failedFootnote(code: insats.code, reason: ReportContext.plain(reason))
            return [name, insats.counts.map { context.countCell($0.participants) } ?? "", "", "", "", "", TableCell(texts.failed, footnote: note)]
        case .estimated:
            break
        }
        let participants = context.countCell(insats.participants)
        guard !context.suppresses(insats) else {
            let s = context.suppressedCell
            return [name, participants, s, s, s, s, s]
        }
        guard let cost = insats.cost else {
            return [name, participants, "", "", "", "", TableCell(texts.failed)]
        }
        let costCell = cost.costPerParticipant.map { TableCell(context.kronor($0)) } ?? unknownCost
        let short = saving(insats, horizon: context.shortHorizon).map { s in
            TableCell("\(context.format.format(s.saved, rounding: .budget)), \(context.likelyKronor(s.savedLow, s.savedHigh))")
        } ?? TableCell(context.missing)
        let long = saving(insats, horizon: context.longHorizon)
        let net: TableCell = long.map { s in
            guard let value = s.net, let low = s.netLow, let high = s.netHigh else { return unknownCost }
            return TableCell("\(context.format.format(value, rounding: .budget)), \(context.likelyKronor(low, high))")
        } ?? TableCell(context.missing)
        let breakEven: TableCell
        if cost.costPerParticipant == nil {
            breakEven = unknownCost
        } else if let month = cost.breakEvenMonth {
            breakEven = TableCell(texts.breakEven(point: month, earliest: cost.breakEvenEarliest, latest: cost.breakEvenLatest,
                                                  horizon: context.longHorizon))
        } else {
            breakEven = TableCell(texts.noBreakEven(horizon: context.longHorizon, earliest: cost.breakEvenEarliest))
        }
        let verdict = long.map { TableCell(texts.verdict(self.verdict(insats, $0, horizon: context.longHorizon))) } ?? TableCell(context.missing)
        return [name, participants, costCell, short, net, breakEven, verdict]
    }

    /// The estimated insatser per year: participants per year, net per year in mnkr, and the
    /// reduction in social assistance against no insats (to set beside the budget's 10 %); a total
    /// row when there are several.
    func yearTable() -> MarkdownTable {
        let columns: [MarkdownTable.Column] = [
            .init(texts.summaryInsats), .init(texts.summaryPerYearParticipants, alignment: .right),
            .init(texts.summaryPerYear), .init(texts.summaryReduction(context.longHorizon)),
        ]
        var rows: [[TableCell]] = []
        for insats in insatser where shown(insats) {
            guard let cost = insats.cost else { continue }
            let long = saving(insats, horizon: context.longHorizon)
            let perYear: TableCell
            if let net = cost.netPerYear, let low = long?.netLow, let high = long?.netHigh {
                perYear = net.isFinite
                    ? TableCell("\(context.millions(net)), \(context.likelyMillions(low * cost.participantsPerYear, high * cost.participantsPerYear))")
                    : TableCell(context.missing)
            } else {
                perYear = cost.costPerParticipant == nil ? unknownCost : TableCell(context.missing)
            }
            let reduction: TableCell
            if let share = cost.shareOfCounterfactual, let effect = insats.effect(.kronor, horizon: context.longHorizon), effect.controlTotal > 0 {
                reduction = TableCell("\(context.percent(-share)), \(context.likelyPercent(-effect.ciHigh / effect.controlTotal, -effect.ciLow / effect.controlTotal))")
            } else {
                reduction = TableCell(cost.shareOfCounterfactual.map { context.percent(-$0) } ?? context.missing)
            }
            rows.append([TableCell(ReportContext.name(insats)), TableCell(context.decimal(cost.participantsPerYear, 0)), perYear, reduction])
        }
        let totals = insatser.filter(shown).compactMap { $0.cost?.netPerYear }.filter(\.isFinite)
        if rows.count > 1 && !totals.isEmpty {
            rows.append([TableCell(texts.totalRow), "", TableCell("**\(context.millions(totals.reduce(0, +)))**"), ""])
        }
        return MarkdownTable(columns: columns, rows: rows)
    }

    /// Three to five sentences: what clearly lowers costs and what pays off, the largest saving
    /// with its interval, the 2008 budget's 10 % beside the estimated reductions, benefits not
    /// seen in these data, and the total per year.
    func sentences() -> [String] {
        let shownInsatser = insatser.filter(shown)
        guard !shownInsatser.isEmpty else { return [texts.noEstimatesSentence] }
        let long = context.longHorizon
        let verdicts = shownInsatser.compactMap { insats in saving(insats, horizon: long).map { (insats, verdict(insats, $0, horizon: long), $0) } }
        let names = { (filter: (Verdict) -> Bool) in verdicts.filter { filter($0.1) }.map { ReportContext.name($0.0) } }
        var sentences = [texts.countsSentence(estimated: verdicts.count, reduces: names { $0.lowersCosts },
                                              paysOff: names { $0 == .paysOff }, increases: names { $0 == .increases },
                                              longHorizon: long)]
        if let best = verdicts.filter({ $0.1.lowersCosts }).max(by: { $0.2.saved < $1.2.saved }) {
            sentences.append(texts.largestSavingSentence(name: ReportContext.name(best.0), saving: context.kronor(best.2.saved),
                                                         likely: context.likelyKronor(best.2.savedLow, best.2.savedHigh), horizon: long))
        }
        let reductions = shownInsatser.compactMap { insats in insats.cost?.shareOfCounterfactual.map { (insats, -$0) } }
            .filter { $0.1.isFinite }.sorted { $0.1 > $1.1 }
        if !reductions.isEmpty {
            let items = reductions.map { texts.reductionItem(name: ReportContext.name($0.0), reduction: context.percent(abs($0.1)), lower: $0.1 >= 0) }
            let joined = switch items.count {
            case 1: items[0]
            case 2, 3: items.dropLast().joined(separator: ", ") + texts.listAnd + items.last!
            default: texts.reductionSpan(items.last!, items.first!)
            }
            sentences.append(texts.budgetSentence(reductions: joined))
        }
        sentences.append(texts.otherBenefitsSentence)
        let totals = shownInsatser.compactMap { $0.cost?.netPerYear }.filter(\.isFinite)
        if !totals.isEmpty {
            sentences.append(texts.totalSentence(total: context.millions(totals.reduce(0, +)), count: totals.count))
        }
        return sentences
    }
}
