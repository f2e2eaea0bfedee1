import EffektEstimators
import EffektReports

/// The section of one insats: the monthly event-study figure, balance with its Love plot, the
/// overlap figure, the effects by horizon and outcome, the subgroups, the checks of the estimate
/// (pre-trend test, placebo start, Rosenbaum Γ, other insatser), and the cost table with its figure.
struct InsatsSection {
    let context: ReportContext
    let insats: InsatsEvaluation
    /// The file-name stem of its figures.
    let stem: String

    private var texts: ReportTexts { context.texts }

    /// The Markdown of the section and the figures it embeds.
    func render() -> (markdown: String, figures: [ReportFigure]) {
        let name = ReportContext.name(insats), code = ReportContext.plain(insats.code)
        var blocks = [name == code ? "### \(name)" : "### \(name) (\(code))"]
        var figures: [ReportFigure] = []
        switch insats.status {
        case .tooFewParticipants(let n):
            let count = context.policy.suppresses(persons: n) ? context.missing + context.policy.footnote.reference : context.count(n)
            blocks.append(texts.notEstimatedInsats(count))
            if context.policy.suppresses(persons: n) { blocks.append(context.policy.footnote.definition) }
            return (blocks.joined(separator: "\n\n") + "\n", [])
        case .failed(let reason):
            blocks.append(texts.failedInsats(ReportContext.plain(reason)))
            return (blocks.joined(separator: "\n\n") + "\n", [])
        case .estimated:
            break
        }
        blocks.append(facts())
        if context.suppresses(insats) {
            blocks.append(texts.figuresSuppressed(context.count(context.minCell)))
            return (blocks.joined(separator: "\n\n") + "\n", [])
        }
        let charts = ReportFigures(context: context, stem: stem, insats: insats)

        blocks.append("#### \(texts.eventStudyHeading)")
        if let figure = charts.eventStudy() {
            figures.append(figure)
            blocks.append(figure.markdown)
        }
        blocks.append(texts.eventStudyNote)

        blocks.append("#### \(texts.balanceHeading)")
        if let balance = insats.balance {
            blocks.append(BalanceSummary(context: context, balance: balance).markdown())
        }
        if let figure = charts.lovePlot() {
            figures.append(figure)
            blocks.append(figure.markdown)
        }

        if let figure = charts.overlap() {
            blocks.append("#### \(texts.overlapHeading)")
            figures.append(figure)
            blocks.append(figure.markdown)
            blocks.append(texts.overlapNote)
        }

        blocks.append("#### \(texts.effectsHeading)")
        blocks.append(effectsTable().render().trimmingCharacters(in: .newlines))
        blocks.append(texts.effectsNote)

        blocks.append("#### \(texts.subgroupHeading)")
        if insats.subgroups.isEmpty {
            blocks.append(texts.noSubgroups)
        } else {
            blocks.append(SubgroupTable(context: context, subgroups: insats.subgroups).table().render().trimmingCharacters(in: .newlines))
            blocks.append(texts.subgroupNote)
        }

        blocks.append("#### \(texts.diagnosticsHeading)")
        blocks.append(diagnostics())

        if let cost = insats.cost {
            blocks.append("#### \(texts.costHeading)")
            blocks.append(costTable(cost).render().trimmingCharacters(in: .newlines))
            blocks.append(texts.costTableNote)
            blocks.append(costFacts(cost))
            if let figure = charts.cost() {
                figures.append(figure)
                blocks.append(figure.markdown)
            }
        }
        return (blocks.joined(separator: "\n\n") + "\n", figures)
    }

    private func facts() -> String {
        let controls = insats.counts.map { context.countCell($0.distinctControls) }
        func text(_ cell: TableCell?) -> String { cell.map { $0.text + ($0.footnote?.reference ?? "") } ?? context.missing }
        // The cost may be derived from the participants' time in the insats: withheld with the rest.
        let cost = context.suppresses(insats) ? context.missing + context.policy.footnote.reference
            : insats.cost?.costPerParticipant.map(context.kronor) ?? texts.unknown
        var fact = texts.insatsFacts(participants: text(context.countCell(insats.participants)), matched: text(context.countCell(insats.matched)),
                                     controls: text(controls), cost: cost)
        let smallCounts = [insats.participants, insats.matched, insats.counts?.distinctControls ?? context.minCell]
        if smallCounts.contains(where: context.policy.suppresses) { fact += "\n\n" + context.policy.footnote.definition }
        return fact
    }

    // MARK: Effects

    /// One row per outcome × horizon: estimate, 95 % CI, p, Holm p, BH q, the comparison group's level.
    func effectsTable() -> MarkdownTable {
        let columns: [MarkdownTable.Column] = [
            .init(texts.effectsOutcome), .init(texts.effectsHorizon, alignment: .right), .init(texts.effectsEstimate, alignment: .right),
            .init(texts.effectsCI, alignment: .right), .init("p", alignment: .right), .init("Holm-p", alignment: .right),
            .init("BH-q", alignment: .right), .init(texts.effectsControl, alignment: .right),
        ]
        var rows: [[TableCell]] = []
        for outcome in PanelOutcome.allCases {
            for effect in insats.effects.filter({ $0.outcome == outcome }).sorted(by: { $0.horizon < $1.horizon }) {
                let label = TableCell(texts.outcome(outcome)), horizon = TableCell(context.count(effect.horizon))
                if context.suppresses(effect) {
                    let s = context.suppressedCell
                    rows.append([label, horizon, s, s, s, s, s, s])
                    continue
                }
                let rounding = context.rounding(for: outcome, values: [effect.att, effect.ciLow, effect.ciHigh])
                rows.append([
                    label, horizon,
                    TableCell(context.format.format(effect.att, rounding: rounding)),
                    TableCell(context.interval(effect.ciLow, effect.ciHigh, rounding: rounding)),
                    TableCell(context.pValue(effect.p)), TableCell(context.pValue(effect.pHolm)), TableCell(context.pValue(effect.qBH)),
                    TableCell(context.format.format(effect.controlTotal, rounding: context.rounding(for: outcome, values: [effect.controlTotal]))),
                ])
            }
        }
        return MarkdownTable(columns: columns, rows: rows)
    }

    // MARK: Checks

    private func diagnostics() -> String {
        var items: [String] = []
        if let test = insats.pretrend, test.p.isFinite {
            items.append(texts.pretrend(p: context.pValue(test.p), statistic: context.decimal(test.statistic, 1), df: test.degreesOfFreedom,
                                        ok: test.p >= 0.05))
        } else {
            items.append(texts.pretrendMissing)
        }
        if let placebo = insats.placebo {
            if context.suppresses(placebo) {
                items.append(texts.placeboSuppressed(context.missing + context.policy.footnote.reference))
            } else {
                let rounding = ReportContext.budgetRounding([placebo.att, placebo.ciLow, placebo.ciHigh])
                let zeroInside = placebo.ciLow <= 0 && placebo.ciHigh >= 0
                items.append(texts.placebo(estimate: context.kronor(placebo.att),
                                           interval: context.interval(placebo.ciLow, placebo.ciHigh, rounding: rounding) + context.kronorSymbol,
                                           ok: zeroInside))
            }
        } else if context.settings.placebo {
            items.append(texts.placeboMissing)
        }
        switch insats.rosenbaumGamma {
        case let gamma? where gamma.isFinite && gamma > 1: items.append(texts.rosenbaum(context.decimal(gamma, 2)))
        case let gamma? where gamma == 1: items.append(texts.rosenbaumNotSignificant)
        default: items.append(texts.rosenbaumMissing)
        }
        if let overlap = insats.overlap {
            let window = context.settings.eventMonths
            items.append(texts.overlapShares(participants: context.percent(overlap.participantsWithOther),
                                             controls: context.percent(overlap.controlsWithOther),
                                             before: -window.lowerBound, after: window.upperBound + 1))
        }
        var text = items.map { "- " + $0 }.joined(separator: "\n")
        if items.contains(where: { $0.contains(context.policy.footnote.reference) }) {
            text += "\n\n" + context.policy.footnote.definition
        }
        let warnings = insats.warnings.map(ReportContext.plain)
        if !warnings.isEmpty {
            text += "\n\n" + texts.warningsHeading + "\n\n" + warnings.map { "- " + $0 }.joined(separator: "\n")
        }
        return text
    }

    // MARK: Cost

    /// Saving and net per participant by horizon, each with its 95 % interval.
    func costTable(_ cost: CostSummary) -> MarkdownTable {
        let columns: [MarkdownTable.Column] = [
            .init(texts.costHorizon, alignment: .right), .init(texts.costSaving, alignment: .right), .init(texts.costLikely, alignment: .right),
            .init(texts.costNet, alignment: .right), .init(texts.costLikely, alignment: .right),
        ]
        let unknown = TableCell(context.missing, footnote: texts.unknownCostFootnote)
        let rows: [[TableCell]] = cost.savings.sorted { $0.horizon < $1.horizon }.map { s in
            if let effect = insats.effect(.kronor, horizon: s.horizon), context.suppresses(effect) {
                let c = context.suppressedCell
                return [TableCell(context.count(s.horizon)), c, c, c, c]
            }
            let savingRounding = ReportContext.budgetRounding([s.saved, s.savedLow, s.savedHigh])
            var row: [TableCell] = [
                TableCell(context.count(s.horizon)), TableCell(context.kronor(s.saved)),
                TableCell(context.interval(s.savedLow, s.savedHigh, rounding: savingRounding) + context.kronorSymbol),
            ]
            if let net = s.net, let low = s.netLow, let high = s.netHigh {
                let netRounding = ReportContext.budgetRounding([net, low, high])
                row += [TableCell(context.kronor(net)), TableCell(context.interval(low, high, rounding: netRounding) + context.kronorSymbol)]
            } else {
                row += [unknown, unknown]
            }
            return row
        }
        return MarkdownTable(columns: columns, rows: rows)
    }

    private func costFacts(_ cost: CostSummary) -> String {
        var items: [String] = []
        items.append(texts.costFacts(cost: cost.costPerParticipant.map(context.kronor) ?? texts.unknown, basis: texts.costBasis(cost.costBasis)))
        if cost.costPerParticipant != nil {
            let breakEven = cost.breakEvenMonth.map {
                texts.breakEven(point: $0, earliest: cost.breakEvenEarliest, latest: cost.breakEvenLatest, horizon: context.longHorizon)
            } ?? texts.noBreakEven(horizon: context.longHorizon, earliest: cost.breakEvenEarliest)
            items.append(texts.breakEvenFact(breakEven.prefix(1).lowercased() + breakEven.dropFirst()))
        }
        if let perYear = cost.netPerYear, perYear.isFinite, let long = cost.savings.max(by: { $0.horizon < $1.horizon }),
           let low = long.netLow, let high = long.netHigh {
            items.append(texts.perYearFact(participants: context.decimal(cost.participantsPerYear, 0), net: context.millions(perYear),
                                           likely: context.likelyMillions(low * cost.participantsPerYear, high * cost.participantsPerYear)))
        }
        if let share = cost.shareOfCounterfactual, let effect = insats.effect(.kronor, horizon: context.longHorizon), effect.controlTotal > 0 {
            items.append(texts.reductionFact(context.percent(-share), likely: context.likelyPercent(-effect.ciHigh / effect.controlTotal,
                                                                                                   -effect.ciLow / effect.controlTotal),
                                             horizon: context.longHorizon))
        }
        return items.map { "- " + $0 }.joined(separator: "\n")
    }
}
