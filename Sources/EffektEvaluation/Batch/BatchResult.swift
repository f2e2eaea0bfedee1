import EffektReports
import Foundation

/// What one batch model gave: its status, design counts and one estimate per subgroup level.
/// Counts and estimates on fewer than the batch's minimum cell size are withheld (nil) already
/// here, so nothing below the threshold ever reaches a file. No person identifiers.
public struct BatchResult: Sendable, Equatable {
    public enum Status: String, Sendable, Decodable {
        case estimated
        /// Fewer participants than an insats needs to be estimated (20).
        case tooFewParticipants = "too_few_participants"
        /// The design or the estimation failed; `message` says why.
        case failed
    }

    /// The cumulative ATT at the model's horizon within one level (`all` for the whole sample).
    public struct Estimate: Sendable, Equatable {
        public var level: String
        /// Nil when below the minimum cell size.
        public var participants: Int?
        public var controls: Int?
        /// Nil when suppressed (either side below the minimum cell size) or not estimable.
        public var att: Double?
        public var standardError: Double?
        public var ciLow: Double?
        public var ciHigh: Double?
        public var p: Double?
        /// The matched controls' mean total over the same months (the counterfactual level).
        public var controlTotal: Double?
        public var note: String?

        public init(level: String) { self.level = level }
    }

    public var index: Int
    public var id: String
    public var insats: String
    public var variant: String
    public var subgroup: String
    public var outcome: String
    public var horizon: Int
    public var status: Status
    public var message: String?
    /// Evaluable participants and matched participants of the design (nil below the minimum cell).
    public var participants: Int?
    public var matched: Int?
    /// Largest |SMD| after matching over the propensity model's terms.
    public var maxAbsSMD: Double?
    public var estimates: [Estimate] = []

    public init(model: BatchModel, status: Status) {
        index = model.index
        id = model.id
        insats = model.insats
        variant = model.variant.name
        subgroup = model.subgroup.name
        outcome = model.outcome.rawValue
        horizon = model.horizon
        self.status = status
    }
}

// MARK: - The model file (JSON) and its results.csv rows

extension BatchResult {
    /// The model's JSON document, with the design it used spelled out.
    public func json(variant design: DesignVariant, formula: String, seed: UInt64) -> JSONValue {
        func number(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }
        func integer(_ x: Int?) -> JSONValue { x.map { .integer($0) } ?? .null }
        func text(_ x: String?) -> JSONValue { x.map { .string($0) } ?? .null }
        return [
            "index": .integer(index), "model": .string(id), "insats": .string(insats), "variant": .string(variant),
            "subgroup": .string(subgroup), "outcome": .string(outcome), "horizon": .integer(horizon),
            "design": ["formula": .string(formula), "caliper": number(design.caliper), "ratio": .integer(design.ratio),
                       "exclude_other_insatser": .bool(design.excludeOtherInsatser),
                       "eligibility_months": .integer(design.eligibilityMonths), "exact_district": .bool(design.exactDistrict),
                       "seed": .integer(Int(truncatingIfNeeded: seed))],
            "status": .string(status.rawValue), "message": text(message),
            "participants": integer(participants), "matched": integer(matched), "max_abs_smd_after": number(maxAbsSMD),
            "estimates": .array(estimates.map { e in
                ["level": .string(e.level), "participants": integer(e.participants), "controls": integer(e.controls),
                 "cumulative_att": number(e.att), "se": number(e.standardError), "ci_low": number(e.ciLow), "ci_high": number(e.ciHigh),
                 "p": number(e.p), "control_total": number(e.controlTotal), "note": text(e.note)]
            }),
        ]
    }

    /// Reads a model file back (what `results.csv` and `--resume` are built from). JSONDecoder,
    /// not JSONSerialization, which does not read every double back exactly on Linux.
    public init(json data: Data, file: String) throws {
        let f: ModelFile
        do { f = try JSONDecoder().decode(ModelFile.self, from: data) } catch {
            throw BatchError("\(file): not a model result (\(error)); delete the file and run again with --resume")
        }
        index = f.index
        id = f.model
        insats = f.insats
        variant = f.variant
        subgroup = f.subgroup
        outcome = f.outcome
        horizon = f.horizon
        status = f.status
        message = f.message
        participants = f.participants
        matched = f.matched
        maxAbsSMD = f.max_abs_smd_after
        estimates = f.estimates.map { e in
            var estimate = Estimate(level: e.level)
            estimate.participants = e.participants
            estimate.controls = e.controls
            estimate.att = e.cumulative_att
            estimate.standardError = e.se
            estimate.ciLow = e.ci_low
            estimate.ciHigh = e.ci_high
            estimate.p = e.p
            estimate.controlTotal = e.control_total
            estimate.note = e.note
            return estimate
        }
    }

    public static let csvHeader = ["model", "insats", "variant", "subgroup", "level", "outcome", "horizon", "status",
                                   "participants", "matched", "max_abs_smd_after", "level_participants", "level_controls",
                                   "cumulative_att", "se", "ci_low", "ci_high", "p", "control_total", "note"]

    /// One row per estimate; a model without estimates (failed, too few) gives one row saying why.
    public var csvRows: [[CSVWriter.Field]] {
        func number(_ x: Double?) -> CSVWriter.Field { x.map { .number($0) } ?? .missing }
        func integer(_ x: Int?) -> CSVWriter.Field { x.map { .integer($0) } ?? .missing }
        let head: [CSVWriter.Field] = [.text(id), .text(insats), .text(variant), .text(subgroup)]
        let design: [CSVWriter.Field] = [integer(participants), integer(matched), number(maxAbsSMD)]
        guard !estimates.isEmpty else {
            return [head + [.missing, .text(outcome), .integer(horizon), .text(status.rawValue)] + design
                + [CSVWriter.Field](repeating: .missing, count: 8) + [message.map { .text($0) } ?? .missing]]
        }
        return estimates.map { e in
            head + [.text(e.level), .text(outcome), .integer(horizon), .text(status.rawValue)] + design
                + [integer(e.participants), integer(e.controls), number(e.att), number(e.standardError), number(e.ciLow),
                   number(e.ciHigh), number(e.p), number(e.controlTotal), e.note.map { .text($0) } ?? .missing]
        }
    }
}

/// The model file as written by `json(variant:formula:seed:)`; keys as in the file.
private struct ModelFile: Decodable {
    struct EstimateEntry: Decodable {
        let level: String
        let participants: Int?, controls: Int?
        let cumulative_att: Double?, se: Double?, ci_low: Double?, ci_high: Double?, p: Double?, control_total: Double?
        let note: String?
    }

    let index: Int
    let model: String, insats: String, variant: String, subgroup: String, outcome: String
    let horizon: Int
    let status: BatchResult.Status
    let message: String?
    let participants: Int?, matched: Int?
    let max_abs_smd_after: Double?
    let estimates: [EstimateEntry]
}

/// A batch problem: a folder that holds another batch, a shard missing at merge, a broken file.
public struct BatchError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
