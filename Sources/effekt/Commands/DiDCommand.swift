import EffektData
import EffektEstimators
import Foundation

/// `effekt did twfe|attgt`: difference-in-differences on a long-format panel CSV, by two-way
/// fixed effects (`TWFE.fit`) or by Callaway & Sant'Anna group-time ATTs (`CallawaySantAnna`).
/// Parses options, reads the columns, calls the library and formats its results.
struct DiDCommand: Command {
    static let name = "did"
    static let summary = "difference-in-differences on a panel CSV: two-way fixed effects (twfe) or Callaway & Sant'Anna ATT(g,t) (attgt)"
    static let arguments = "twfe|attgt"
    static let discussion = """
    SUBCOMMANDS:
      effekt did twfe  --data FILE --unit ID --time T --outcome Y --treat D [--covariates X1,X2]
                       [--cluster V] [--json]
      effekt did twfe  --data FILE --unit ID --time T --outcome Y --event-time --group G
                       [--reference -1] [--window -5,5 [--bin-endpoints]] [--covariates …] [--cluster V]
                       [--figures DIR] [--json]
      effekt did attgt --data FILE --unit ID --time T --outcome Y --group G [--control never|notyet]
                       [--covariates X1,X2] [--method dr|ipw|reg|none|drimp] [--anticipation A]
                       [--base-period varying|universal] [--bootstrap B [--seed S]] [--cluster V]
                       [--figures DIR] [--json]

    The data has one row per unit and period. --group is the period in which the row's unit is
    first treated (0 = never treated), the same on every row of a unit.

    twfe regresses the outcome on the treatment with unit and period fixed effects (as fixest /
    pyfixest feols), with CR1 standard errors clustered by unit (or --cluster) and t and p on
    G − 1 degrees of freedom. --treat names a treated-and-post (0/1) column; without it, --group
    gives D = 1{G > 0 and T ≥ G}. --event-time replaces D by leads and lags e = T − G (omitting
    --reference) and adds a joint Wald pre-trend test.

    attgt estimates every ATT(g,t) as R did's att_gt() (analytic influence-function SEs unless
    --bootstrap) and aggregates them as aggte(): simple, by event time (dynamic), by cohort
    (group) and by calendar period, with the Wald pre-test of parallel trends. Under staggered
    adoption with effects that change over time, prefer attgt: TWFE's single coefficient is not
    the ATT then.

    Options marked twfe: or attgt: belong to that subcommand only.
    """
    static let options: [OptionSpec] = [
        .value("--data", "FILE", "a CSV file, one row per unit and period"),
        .value("--unit", "ID", "unit id column (whole numbers)"),
        .value("--time", "T", "period column (whole numbers: years, months, …)"),
        .value("--outcome", "Y", "outcome column"),
        .value("--group", "G", "first treatment period of the unit, 0 = never treated (attgt; twfe: D or event times from it)"),
        .value("--covariates", "X1,X2", "numeric covariates: extra regressors (twfe) or time-invariant covariates (attgt)"),
        .value("--cluster", "V", "cluster on this column (twfe: instead of the unit; attgt: as R did's clustervars)", default: "the unit"),
        .value("--treat", "D", "twfe: the treatment column, 1 for treated units in treated periods"),
        .flag("--event-time", "twfe: event-study dummies for e = T − G instead of one coefficient (needs --group)"),
        .value("--reference", "E", "twfe --event-time: the omitted event time", default: "-1"),
        .value("--window", "LO,HI", "twfe --event-time: dummies only for event times LO…HI", default: "every observed event time"),
        .flag("--bin-endpoints", "twfe --window: pool event times beyond the window into its end dummies"),
        .value("--control", "C", "attgt: comparison units, never | notyet (never and not yet treated)", default: "never"),
        .value("--method", "M", "attgt: dr | ipw | reg | none | drimp (2×2 estimator of each cell)", default: "dr"),
        .value("--anticipation", "A", "attgt: periods of anticipation", default: "0"),
        .value("--base-period", "B", "attgt: varying | universal", default: "varying"),
        .value("--bootstrap", "B", "attgt: multiplier bootstrap with B draws", default: "analytic SEs"),
        .value("--seed", "S", "attgt --bootstrap: seed of the draws", default: "20210601"),
        .value("--figures", "DIR", "write event-study.svg there (attgt: by event time; twfe: with --event-time)"),
        .flag("--json", "print one JSON document"),
    ]
    static let example = """
    effekt did attgt --data Datasets/mpdta.csv --unit countyreal --time year --outcome lemp --group first.treat --covariates lpop
      effekt did twfe --data Datasets/mpdta.csv --unit countyreal --time year --outcome lemp --event-time --group first.treat
    """

    enum Subcommand: String, CaseIterable { case twfe, attgt }

    static let twfeOnly = ["--treat", "--event-time", "--reference", "--window", "--bin-endpoints"]
    static let attgtOnly = ["--control", "--method", "--anticipation", "--base-period", "--bootstrap", "--seed"]

    /// The columns of the panel, by role.
    struct Columns {
        var unit: String
        var time: String
        var outcome: String
        var group: String?
        var covariates: [String]
        var cluster: String?
    }

    enum Analysis {
        case twfe(treatment: String?, eventTime: EventTimeDesign?)
        case attgt(GroupTimeATTSpecification)
    }

    let subcommand: Subcommand
    let data: URL
    let columns: Columns
    let analysis: Analysis
    let json: Bool
    /// The figures folder as given (printed so).
    let figures: String?
    let diagnostics: Diagnostics

    init(_ parsed: ParsedOptions) throws {
        guard let first = parsed.positional.first else {
            throw UsageError.missingOption("twfe or attgt (the first argument)", command: Self.name)
        }
        guard let sub = Subcommand(rawValue: first) else {
            throw UsageError.unknownCommand("did \(first)", suggestion: ParsedOptions.closest(to: first, in: Subcommand.allCases.map(\.rawValue)).map { "did \($0)" })
        }
        if parsed.positional.count > 1 { throw UsageError.unexpectedArgument(parsed.positional[1], command: "did \(first)") }
        subcommand = sub
        let command = "did \(sub.rawValue)"
        let foreign = sub == .twfe ? Self.attgtOnly : Self.twfeOnly
        if let given = foreign.first(where: { parsed.flag($0) || parsed.string($0) != nil }) {
            throw UsageError.invalidValue(given, command: command, reason: "belongs to 'effekt did \(sub == .twfe ? "attgt" : "twfe")' (see 'effekt did --help')")
        }

        data = try InputFile.url(try parsed.required("--data"), option: "--data")
        let columns = Columns(unit: try parsed.required("--unit"), time: try parsed.required("--time"),
                              outcome: try parsed.required("--outcome"), group: parsed.string("--group"),
                              covariates: parsed.list("--covariates") ?? [], cluster: parsed.string("--cluster"))
        json = parsed.flag("--json")
        figures = parsed.string("--figures")
        diagnostics = parsed.diagnostics

        switch sub {
        case .twfe:
            let treat = parsed.string("--treat")
            if parsed.flag("--event-time") {
                if treat != nil {
                    throw UsageError.invalidValue("--treat", command: command, reason: "cannot be combined with --event-time: the event times come from --group")
                }
                guard columns.group != nil else {
                    throw UsageError.invalidValue("--event-time", command: command, reason: "needs --group G, the first treatment period of each unit (0 = never treated)")
                }
                var design = EventTimeDesign(reference: try parsed.int("--reference") ?? -1)
                if let w = parsed.string("--window") {
                    let parts = w.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
                    guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo <= hi else {
                        throw UsageError.invalidValue("--window", command: command, reason: "expects two whole numbers LO,HI with LO ≤ HI (e.g. -5,5), got \"\(w)\"")
                    }
                    design.window = lo...hi
                }
                if parsed.flag("--bin-endpoints") {
                    guard design.window != nil else {
                        throw UsageError.invalidValue("--bin-endpoints", command: command, reason: "needs --window LO,HI")
                    }
                    design.binEndpoints = true
                }
                analysis = .twfe(treatment: nil, eventTime: design)
            } else {
                for option in ["--reference", "--window", "--bin-endpoints"] where parsed.flag(option) || parsed.string(option) != nil {
                    throw UsageError.invalidValue(option, command: command, reason: "applies only with --event-time")
                }
                guard treat != nil || columns.group != nil else {
                    throw UsageError.missingOption("--treat", command: command)
                }
                if figures != nil {
                    throw UsageError.invalidValue("--figures", command: command, reason: "needs --event-time: the figure is an event study")
                }
                analysis = .twfe(treatment: treat, eventTime: nil)
            }
        case .attgt:
            guard columns.group != nil else { throw UsageError.missingOption("--group", command: command) }
            var spec = GroupTimeATTSpecification()
            switch parsed.string("--control") ?? "never" {
            case "never", "nevertreated": spec.controlGroup = .neverTreated
            case "notyet", "notyettreated": spec.controlGroup = .notYetTreated
            case let other: throw UsageError.invalidValue("--control", command: command, reason: "must be never or notyet, got \"\(other)\"")
            }
            let method = parsed.string("--method") ?? "dr"
            guard let estimator = GroupTimeATTSpecification.Estimator(rawValue: method) else {
                throw UsageError.invalidValue("--method", command: command, reason: "must be dr, ipw, reg, none or drimp, got \"\(method)\"")
            }
            spec.estimator = estimator
            spec.covariates = columns.covariates
            spec.anticipation = try parsed.int("--anticipation") ?? 0
            guard spec.anticipation >= 0 else {
                throw UsageError.invalidValue("--anticipation", command: command, reason: "must be 0 or more periods")
            }
            let base = parsed.string("--base-period") ?? "varying"
            guard let basePeriod = GroupTimeATTSpecification.BasePeriod(rawValue: base) else {
                throw UsageError.invalidValue("--base-period", command: command, reason: "must be varying or universal, got \"\(base)\"")
            }
            spec.basePeriod = basePeriod
            if let draws = try parsed.int("--bootstrap") {
                guard draws >= 2 else { throw UsageError.invalidValue("--bootstrap", command: command, reason: "needs at least 2 draws") }
                spec.bootstrap = MultiplierBootstrapOptions(draws: draws, seed: try parsed.uint64("--seed") ?? MultiplierBootstrapOptions().seed)
            } else if parsed.string("--seed") != nil {
                throw UsageError.invalidValue("--seed", command: command, reason: "applies only with --bootstrap B")
            }
            spec.clusterOnPanelVariable = columns.cluster != nil
            analysis = .attgt(spec)
        }
        if case let .twfe(treatment?, _) = analysis, columns.covariates.contains(treatment) {
            throw UsageError.invalidValue("--covariates", command: command, reason: "lists the treatment '\(treatment)' again")
        }
        self.columns = columns
    }

    func run() throws -> Int32 {
        let table = try CSVReader.read(data)
        let file = data.lastPathComponent
        diagnostics.detail("read \(table.rowCount) rows of \(file)")
        defer { diagnostics.detail("estimated") }
        switch analysis {
        case let .twfe(treatment, eventTime):
            let panel = try PanelColumns.panel(table, columns, extra: treatment.map { [$0] } ?? [])
            let spec = TWFESpecification(
                treatment: eventTime.map { .eventTime($0) } ?? (treatment.map { .column($0) } ?? .fromGroup),
                covariates: columns.covariates,
                clustering: columns.cluster == nil ? .unit : .panelVariable)
            let result = try TWFE.fit(panel, spec)
            let report = TWFEReport(result: result, file: file, columns: columns, treatment: treatment ?? "D",
                                    eventTime: eventTime, staggered: Set(panel.groups.filter { $0 > 0 }).count > 1)
            let written = try figures.map { try DiDFigures.write(DiDFigures.twfe(report), to: $0) } ?? []
            print(json ? try JSONText.render(DiDJSON.twfe(report).merging(DiDFigures.json(written)) { $1 })
                       : DiDText.twfe(report) + DiDFigures.text(written), terminator: json ? "\n" : "")
            if let problem = report.problem {
                Console.error("effekt did twfe: \(problem)")
                return 1
            }
            return 0
        case let .attgt(spec):
            let panel = try PanelColumns.panel(table, columns, extra: [])
            let report = try GroupTimeReport(try CallawaySantAnna(panel: panel, specification: spec).estimate(),
                                             file: file, columns: columns)
            let written = try figures.map { try DiDFigures.write(DiDFigures.attgt(report), to: $0) } ?? []
            print(json ? try JSONText.render(DiDJSON.attgt(report).merging(DiDFigures.json(written)) { $1 })
                       : DiDText.attgt(report) + DiDFigures.text(written), terminator: json ? "\n" : "")
            if let problem = report.problem {
                Console.error("effekt did attgt: \(problem)")
                return 1
            }
            return 0
        }
    }
}

/// Reads the panel's columns out of a table, naming the column (and the option that named it)
/// when one is absent, not numeric, missing or not a whole number where one is needed.
enum PanelColumns {
    static func panel(_ table: Table, _ c: DiDCommand.Columns, extra: [String]) throws -> PanelData {
        let unit = try whole(table, c.unit, option: "--unit")
        let time = try whole(table, c.time, option: "--time")
        let outcome = try numeric(table, c.outcome, option: "--outcome")
        let group = try c.group.map { try whole(table, $0, option: "--group") } ?? [Int](repeating: 0, count: table.rowCount)
        var covariates: [(name: String, values: [Double])] = []
        for name in extra { covariates.append((name, try numeric(table, name, option: "--treat"))) }
        for name in c.covariates { covariates.append((name, try numeric(table, name, option: "--covariates"))) }
        let cluster = try c.cluster.map { try labels(table, $0, option: "--cluster") }
        let names = PanelData.Names(unit: c.unit, time: c.time, outcome: c.outcome, group: c.group ?? "(no --group)",
                                    cluster: c.cluster ?? "cluster")
        return try PanelData(unit: unit, time: time, outcome: outcome, group: group, covariates: covariates,
                             cluster: cluster, names: names)
    }

    /// A numeric column without missing values.
    static func numeric(_ table: Table, _ name: String, option: String) throws -> [Double] {
        let values = try variable(table, name, option: option)
        guard case let .numeric(x, missing) = values else {
            var example = ""
            if case let .categorical(codes, levels) = values, let code = codes.first(where: { $0 >= 0 }) {
                example = " such as \"\(levels[Int(code)])\""
            }
            throw DataError(file: table.source, message: "column \"\(name)\" (\(option)) is not numeric: it holds text\(example)",
                            hint: "\(option) needs a numeric column")
        }
        if let missing, let row = missing.firstIndex(of: true) {
            throw DataError(file: table.source, line: table.line(ofRow: row), column: columnNumber(table, name),
                            message: "\"\(name)\" (\(option)) is missing here",
                            hint: "remove or impute rows with missing values before estimating")
        }
        return x
    }

    /// A numeric column of whole numbers without missing values.
    static func whole(_ table: Table, _ name: String, option: String) throws -> [Int] {
        let x = try numeric(table, name, option: option)
        var out = [Int](repeating: 0, count: x.count)
        for (i, v) in x.enumerated() {
            guard v.rounded() == v, abs(v) < 9e15 else {
                throw DataError(file: table.source, line: table.line(ofRow: i), column: columnNumber(table, name),
                                message: "\"\(name)\" (\(option)) is \(v) here, not a whole number")
            }
            out[i] = Int(v)
        }
        return out
    }

    /// Cluster labels: whole numbers, or the codes of a text column.
    static func labels(_ table: Table, _ name: String, option: String) throws -> [Int] {
        if case let .categorical(codes, _) = try variable(table, name, option: option) {
            if let row = codes.firstIndex(where: { $0 < 0 }) {
                throw DataError(file: table.source, line: table.line(ofRow: row), column: columnNumber(table, name),
                                message: "\"\(name)\" (\(option)) is missing here",
                                hint: "every row needs a cluster")
            }
            return codes.map { Int($0) }
        }
        return try whole(table, name, option: option)
    }

    static func variable(_ table: Table, _ name: String, option: String) throws -> VariableValues {
        guard let values = table.variable(named: name) else {
            let suggestion = ParsedOptions.closest(to: name, in: table.names).map { "did you mean \"\($0)\"? " } ?? ""
            throw DataError(file: table.source, message: "no column named \"\(name)\" (given as \(option))",
                            hint: suggestion + "the columns are " + table.names.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        return values
    }

    static func columnNumber(_ table: Table, _ name: String) -> Int { (table.names.firstIndex(of: name) ?? -1) + 1 }
}
