import EffektEvaluation
import Foundation

/// What `effekt evaluate` prints and writes beside the JSON/CSV exports.
enum EvaluationOutput {
    /// A few lines: where the results are and the 12-month kronor effect per insats.
    static func summary(_ evaluation: Evaluation, out: URL, english: Bool) -> String {
        var text = ""
        for r in evaluation.insatser {
            switch r.status {
            case .estimated:
                if let e = r.effect(.kronor, horizon: 12) {
                    text += r.code.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: " %6d deltagare  12 mån: %+9.0f kr (95 %% KI %+.0f … %+.0f)\n",
                                   r.participants, e.att, e.ciLow, e.ciHigh)
                }
            case let .tooFewParticipants(n):
                text += "\(r.code): för få deltagare (\(n))\n"
            case let .failed(reason):
                text += "\(r.code): kunde inte skattas: \(reason)\n"
            }
        }
        text += "Resultat: \(out.path)/effects.json, effects.csv\n"
        return text
    }
}
