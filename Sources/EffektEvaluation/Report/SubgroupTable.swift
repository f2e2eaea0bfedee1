import EffektReports

/// The subgroup effects of an insats (12 and 24 months, kronor) by sex, born abroad, reason for
/// assistance, district and age band, with small cells suppressed. The comparison persons are
/// not counted in the table (it must fit an A4 page); a group with fewer than `minCell` of them
/// has its estimates suppressed all the same.
///
/// Primary suppression: a count under `minCell` and every estimate of a group with fewer than
/// `minCell` participants or controls is "–" with the small-cell footnote. Secondary
/// suppression: when exactly one level of a variable has its count suppressed, the next smallest
/// count of that variable is suppressed too, so the hidden count cannot be recovered by
/// subtracting the others from the insats's total.
struct SubgroupTable {
    let context: ReportContext
    let subgroups: [InsatsEvaluation.SubgroupEffect]

    /// One row per subgroup: "Kön: Kvinna", participants, and the 12- and
    /// 24-month effects with their intervals.
    func table() -> MarkdownTable {
        let texts = context.texts
        let columns: [MarkdownTable.Column] = [
            .init(texts.subgroupVariable),
            .init(texts.subgroupParticipants, alignment: .right),
            .init(texts.subgroupEffect(12), alignment: .right), .init(texts.effectsCI, alignment: .right),
            .init(texts.subgroupEffect(24), alignment: .right), .init(texts.effectsCI, alignment: .right),
        ]
        var variables: [String] = []
        for subgroup in subgroups where !variables.contains(subgroup.variable) { variables.append(subgroup.variable) }
        var rows: [[TableCell]] = []
        for variable in variables {
            let group = subgroups.filter { $0.variable == variable }
            let hideParticipants = Self.suppressed(group.map(\.participants), minCell: context.minCell)
            for (index, subgroup) in group.enumerated() {
                let level = variable == "age" ? texts.ageLevel(subgroup.level) : ReportContext.plain(subgroup.level)
                var row: [TableCell] = [
                    TableCell("\(context.variableLabel(variable)): \(level)"),
                    hideParticipants[index] ? context.suppressedCell : TableCell(context.count(subgroup.participants)),
                ]
                let small = context.policy.suppresses(persons: subgroup.participants) || context.policy.suppresses(persons: subgroup.controls)
                for effect in [subgroup.twelve, subgroup.twentyFour] {
                    if small {
                        row += [context.suppressedCell, context.suppressedCell]
                    } else if let effect, effect.att.isFinite {
                        let rounding = ReportContext.budgetRounding([effect.att, effect.ciLow, effect.ciHigh])
                        row += [TableCell(context.format.format(effect.att, rounding: rounding)),
                                TableCell(context.interval(effect.ciLow, effect.ciHigh, rounding: rounding))]
                    } else {
                        let cell = TableCell(context.missing, footnote: texts.notEstimatedFootnote)
                        row += [cell, cell]
                    }
                }
                rows.append(row)
            }
        }
        return MarkdownTable(columns: columns, rows: rows)
    }

    /// Which counts to hide: those under `minCell`, and, when that is exactly one of several, the
    /// smallest of the others as well.
    static func suppressed(_ counts: [Int], minCell: Int) -> [Bool] {
        var hidden = counts.map { $0 < minCell }
        if hidden.filter({ $0 }).count == 1 && counts.count > 1,
           let next = counts.indices.filter({ !hidden[$0] }).min(by: { counts[$0] < counts[$1] }) {
            hidden[next] = true
        }
        return hidden
    }
}
