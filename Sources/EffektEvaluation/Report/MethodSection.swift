import EffektData
import EffektReports

/// The method section: the risk-set design (Sianesi 2004), the estimators, the data window and
/// what was left out of each insats and why, the small-cell rule, and the references.
struct MethodSection {
    let context: ReportContext
    let datasetName: String
    let window: StudyWindow
    let insatser: [InsatsEvaluation]

    func markdown() -> String {
        let texts = context.texts, settings = context.settings, design = settings.design
        var blocks = ["## \(texts.methodHeading)", "### \(texts.designHeading)"]
        blocks.append(texts.design(caliper: design.caliper.map { context.decimal($0, 1) }, ratio: design.ratio,
                                   eligibility: design.eligibilityMonths, exactDistrict: design.exactDistrict,
                                   excludeOther: design.excludeOtherInsatser))
        blocks.append(texts.formula(ReportContext.plain(design.formula)))

        blocks.append("### \(texts.estimatorHeading)")
        let horizons = context.horizons.map(String.init)
        let horizonText = horizons.count > 1 ? horizons.dropLast().joined(separator: ", ") + texts.listAnd + horizons.last! : horizons.joined()
        blocks.append(texts.estimator(first: context.count(settings.eventMonths.lowerBound), last: context.count(settings.eventMonths.upperBound),
                                      horizons: horizonText,
                                      selfSufficient: settings.selfSufficientMonths))

        blocks.append("### \(texts.dataHeading)")
        blocks.append(texts.dataWindow(context.window(window), dataset: ReportContext.plain(datasetName), minParticipants: settings.minParticipants))
        blocks.append(countsTable().render().trimmingCharacters(in: .newlines))
        blocks.append(texts.countsNote(history: design.historyMonths, showOther: design.excludeOtherInsatser))

        blocks.append("### \(texts.smallCellHeading)")
        blocks.append(texts.smallCell(context.count(context.minCell)))

        blocks.append("### \(texts.referencesHeading)")
        blocks.append(texts.references.map { "- " + $0 }.joined(separator: "\n"))
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// Per insats: starts, left out (not on assistance before; another insats when excluded),
    /// evaluated, matched, without a comparison person, distinct comparison persons. Counts under
    /// `minCell` (zero included) are "–" with the small-cell footnote.
    func countsTable() -> MarkdownTable {
        let texts = context.texts
        let showOther = context.settings.design.excludeOtherInsatser
        var columns: [MarkdownTable.Column] = [.init(texts.countsInsats), .init(texts.countsStarts, alignment: .right),
                                               .init(texts.countsNotEligible, alignment: .right)]
        if showOther { columns.append(.init(texts.countsOther, alignment: .right)) }
        columns += [.init(texts.countsParticipants, alignment: .right), .init(texts.countsMatched, alignment: .right),
                    .init(texts.countsUnmatched, alignment: .right), .init(texts.countsControls, alignment: .right)]
        let rows: [[TableCell]] = insatser.map { insats in
            let name = TableCell(ReportContext.name(insats))
            guard let counts = insats.counts else {
                return [name] + Array(repeating: TableCell(""), count: columns.count - 1)
            }
            var row = [name, context.countCell(counts.starts), context.countCell(counts.notEligible)]
            if showOther { row.append(context.countCell(counts.excludedOtherInsats)) }
            row += [context.countCell(counts.participants), context.countCell(counts.matched), context.countCell(counts.unmatched),
                    context.countCell(counts.distinctControls)]
            return row
        }
        return MarkdownTable(columns: columns, rows: rows)
    }
}
