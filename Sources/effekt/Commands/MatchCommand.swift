import EffektData
import EffektEstimators
import Foundation

/// `effekt match`: propensity-score or Mahalanobis matching on a CSV file, as MatchIt's matchit().
struct MatchCommand: Command {
    static let name = "match"
    static let summary = "match treated and control rows of a CSV file and show balance (as R's MatchIt)"
    static let discussion = """
    Fits the propensity model of --formula (logit unless --distance says otherwise), matches
    greedily by nearest neighbour with MatchIt's conventions, and prints balance before and after
    (standardized mean differences flagged at |SMD| ≥ 0.1, variance ratios outside [0.5, 2]).
    With --outcome, also the matched-sample ATT with a pair-clustered (or robust) standard error,
    and for comparison the plain difference in means before matching (robust HC1 standard error).
    """
    static let options: [OptionSpec] = [
        .value("--data", "FILE", "a CSV file (delimiter, decimal comma and encoding are detected)"),
        .value("--formula", "TEXT", "treatment ~ covariates, in R notation"),
        .value("--distance", "D", "glm | linear.logit | probit | mahalanobis", default: "glm"),
        .value("--caliper", "C", "caliper in standard deviations of the distance"),
        .value("--ratio", "K", "controls per treated unit", default: "1"),
        .flag("--replace", "match with replacement"),
        .value("--order", "O", "largest | smallest | random | data", default: "largest for glm, data for mahalanobis"),
        .value("--exact", "V1,V2", "match exactly on these variables"),
        .value("--discard", "D", "none | treated | control | both (common support)", default: "none"),
        .value("--outcome", "Y", "estimate the ATT on this outcome (and the difference before matching)"),
        .flag("--drop-missing", "leave out rows with missing values (default: stop and say where)"),
        .value("--seed", "S", "seed for --order random", default: "1"),
        .value("--figures", "DIR", "also write love-plot.svg and overlap.svg there"),
        .flag("--json", "print one JSON document"),
    ]
    static let example = "effekt match --data Datasets/lalonde.csv --formula \"treat ~ age + educ + race + married + nodegree + re74 + re75\" --caliper 0.1 --outcome re78"

    let data: URL
    let formula: String
    let options: MatchingAnalysis.Options
    let exact: [String]
    let json: Bool
    /// The figures folder as given (printed so).
    let figures: String?
    let diagnostics: Diagnostics

    init(_ parsed: ParsedOptions) throws {
        if let extra = parsed.positional.first { throw UsageError.unexpectedArgument(extra, command: Self.name) }
        data = try InputFile.url(try parsed.required("--data"), option: "--data")
        formula = try parsed.required("--formula")
        var options = MatchingAnalysis.Options()
        if let d = parsed.string("--distance") {
            guard let distance = MatchingAnalysis.Distance(rawValue: d) else {
                throw UsageError.invalidValue("--distance", command: Self.name, reason: "must be glm, linear.logit, probit or mahalanobis, got \"\(d)\"")
            }
            options.distance = distance
        }
        options.matching.ratio = try parsed.int("--ratio") ?? 1
        guard options.matching.ratio >= 1 else { throw UsageError.invalidValue("--ratio", command: Self.name, reason: "must be at least 1") }
        options.matching.replace = parsed.flag("--replace")
        if let c = try parsed.double("--caliper") {
            guard c > 0 else { throw UsageError.invalidValue("--caliper", command: Self.name, reason: "must be positive") }
            options.matching.caliper = .standardDeviations(c)
        }
        if let o = parsed.string("--order") {
            guard let order = MatchingOrder(rawValue: o) else {
                throw UsageError.invalidValue("--order", command: Self.name, reason: "must be largest, smallest, random or data, got \"\(o)\"")
            }
            options.matching.order = order
        }
        if let d = parsed.string("--discard") {
            guard let discard = CommonSupportDiscard(rawValue: d) else {
                throw UsageError.invalidValue("--discard", command: Self.name, reason: "must be none, treated, control or both, got \"\(d)\"")
            }
            options.matching.discard = discard
        }
        options.outcome = parsed.string("--outcome")
        options.dropMissing = parsed.flag("--drop-missing")
        options.seed = try parsed.uint64("--seed") ?? 1
        self.options = options
        exact = parsed.list("--exact") ?? []
        json = parsed.flag("--json")
        figures = parsed.string("--figures")
        diagnostics = parsed.diagnostics
    }

    func run() throws -> Int32 {
        let table = try CSVReader.read(data)
        diagnostics.detail("read \(table.rowCount) rows of \(data.lastPathComponent)")
        let analysis = try MatchingAnalysis(data: table, formula: formula, options: options, exact: exact)
        diagnostics.detail("fitted the distance and matched")
        let unadjusted = analysis.unadjustedEffect
        let written = try figures.map { folder in
            try MatchingFigures.write(analysis, to: URL(fileURLWithPath: folder, isDirectory: true)).map { (folder as NSString).appendingPathComponent($0) }
        } ?? []
        if json {
            print(try JSONText.render(MatchingJSON.document(analysis, unadjusted: unadjusted, figures: written)))
        } else {
            print(MatchingText.render(analysis, file: data.lastPathComponent, unadjusted: unadjusted, figures: written), terminator: "")
        }
        return 0
    }
}
