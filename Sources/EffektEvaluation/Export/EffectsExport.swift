import EffektReports
import Foundation

/// `effects.json` and `effects.csv`: every estimate with SE, CI, p-values and n, for scripts.
///
/// `effects.json` has the shape `{"insatser": [{"code", "name", "status", "participants",
/// "matched", "effects": [{"outcome": "kr"|"receipt"|"self_sufficient", "horizon",
/// "cumulative_att", "se", "ci_low", "ci_high", "p", "p_holm", "q_bh", "participants",
/// "controls", "control_total"}], "cost": {...}, "diagnostics": {...}}], ...}`. The cumulative
/// ATT is defined exactly as in the simulator's truth.json (kronor per participant summed over
/// event months 0 … horizon − 1; negative = lower payments). Estimates on fewer than `minCell`
/// persons are written as null.
public enum EffectsExport {
    public static func json(_ evaluation: Evaluation, minCell: Int) -> JSONValue {
        func number(_ v: Double?) -> JSONValue { v.map { $0.isFinite ? .number($0) : .null } ?? .null }
        let insatser: [JSONValue] = evaluation.insatser.map { r in
            let status: String
            var members: [JSONValue.Member] = [.init("code", .string(r.code)), .init("name", .string(r.name))]
            switch r.status {
            case .estimated: status = "estimated"
            case .tooFewParticipants: status = "too_few_participants"
            case let .failed(reason): status = "failed"; members.append(.init("reason", .string(reason)))
            }
            members.append(.init("status", .string(status)))
            let small = r.participants < minCell
            members.append(.init("participants", small ? .null : .integer(r.participants)))
            members.append(.init("matched", r.matched < minCell ? .null : .integer(r.matched)))
            members.append(.init("effects", .array(r.effects.map { e in
                let hidden = e.participants < minCell || e.controls < minCell
                func value(_ v: Double) -> JSONValue { hidden ? .null : number(v) }
                return .object([
                    .init("outcome", .string(e.outcome.rawValue)), .init("horizon", .integer(e.horizon)),
                    .init("cumulative_att", value(e.att)), .init("se", value(e.standardError)),
                    .init("ci_low", value(e.ciLow)), .init("ci_high", value(e.ciHigh)),
                    .init("p", value(e.p)), .init("p_holm", value(e.pHolm)), .init("q_bh", value(e.qBH)),
                    .init("participants", .integer(e.participants)), .init("controls", .integer(e.controls)),
                    .init("control_total", value(e.controlTotal)),
                ])
            })))
            if let c = r.cost {
                members.append(.init("cost", .object([
                    .init("cost_per_participant", number(c.costPerParticipant)), .init("cost_basis", .string(c.costBasis)),
                    .init("savings", .array(c.savings.map { s in
                        .object([.init("horizon", .integer(s.horizon)), .init("saved", number(s.saved)), .init("saved_low", number(s.savedLow)),
                                 .init("saved_high", number(s.savedHigh)), .init("net", number(s.net)), .init("net_low", number(s.netLow)),
                                 .init("net_high", number(s.netHigh))])
                    })),
                    .init("break_even_month", c.breakEvenMonth.map { .integer($0) } ?? .null),
                    .init("break_even_earliest", c.breakEvenEarliest.map { .integer($0) } ?? .null),
                    .init("break_even_latest", c.breakEvenLatest.map { .integer($0) } ?? .null),
                    .init("share_of_counterfactual", number(c.shareOfCounterfactual)),
                    .init("participants_per_year", number(c.participantsPerYear)),
                    .init("net_per_year", number(c.netPerYear)),
                ])))
            }
            members.append(.init("diagnostics", .object([
                .init("pretrend_wald", number(r.pretrend?.statistic)), .init("pretrend_df", r.pretrend.map { .integer($0.degreesOfFreedom) } ?? .null),
                .init("pretrend_p", number(r.pretrend?.p)),
                .init("placebo_att_12", number(r.placebo?.att)), .init("placebo_se_12", number(r.placebo?.standardError)),
                .init("rosenbaum_gamma", number(r.rosenbaumGamma)),
                .init("participants_with_other_insatser", number(r.overlap?.participantsWithOther)),
                .init("controls_with_other_insatser", number(r.overlap?.controlsWithOther)),
                .init("max_abs_smd_after", number(r.balance?.rows.map { abs($0.adjusted.standardizedMeanDifference) }.filter(\.isFinite).max())),
            ])))
            members.append(.init("warnings", .array(r.warnings.map { .string($0) })))
            return .object(members)
        }
        return .object([
            .init("dataset", .string(evaluation.datasetName)),
            .init("window", .object([.init("first_month", .integer(Int(evaluation.window.firstMonth))),
                                     .init("last_month", .integer(Int(evaluation.window.lastMonth)))])),
            .init("seed", .integer(Int(evaluation.settings.seed))),
            .init("min_cell", .integer(minCell)),
            .init("definition", .string("cumulative_att = sum over event months 0..horizon-1 of the matched event-study ATT (kronor per participant; negative = lower payments); Sianesi's 'start now vs not now'")),
            .init("insatser", .array(insatser)),
        ])
    }

    /// One row per insats × outcome × horizon.
    public static func csv(_ evaluation: Evaluation, minCell: Int) -> String {
        let header = ["code", "name", "outcome", "horizon", "cumulative_att", "se", "ci_low", "ci_high", "p", "p_holm", "q_bh", "participants", "controls"]
        var rows: [[CSVWriter.Field]] = []
        for r in evaluation.insatser {
            for e in r.effects {
                let hidden = e.participants < minCell || e.controls < minCell
                func value(_ v: Double) -> CSVWriter.Field { hidden || !v.isFinite ? .missing : .number(v) }
                rows.append([.text(r.code), .text(r.name), .text(e.outcome.rawValue), .integer(e.horizon), value(e.att), value(e.standardError),
                             value(e.ciLow), value(e.ciHigh), value(e.p), value(e.pHolm), value(e.qBH), .integer(e.participants), .integer(e.controls)])
            }
        }
        return CSVWriter.international.render(header: header, rows: rows)
    }

    public static func write(_ evaluation: Evaluation, minCell: Int, to folder: URL) throws {
        try JSONWriter().write(json(evaluation, minCell: minCell), to: folder.appendingPathComponent("effects.json"))
        try AtomicFile.write(csv(evaluation, minCell: minCell), to: folder.appendingPathComponent("effects.csv"))
    }
}
