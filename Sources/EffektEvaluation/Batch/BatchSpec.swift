import EffektData
import EffektEstimators
import Foundation

/// A batch spec (`effekt batch SPEC.json`): one data set and a grid of models,
/// insatser × design variants × subgroups × outcomes × horizons.
///
/// ```json
/// {
///   "data": "register/spec.json",
///   "seed": 1,
///   "min_cell": 5,
///   "grid": {
///     "insatser": ["SE", "CV"],
///     "outcomes": ["kr", "receipt"],
///     "subgroups": ["all", "sex", "age"],
///     "horizons": [12, 24],
///     "variants": [{"name": "standard"}, {"name": "snav", "caliper": 0.1}, {"name": "utan-andra", "exclude_other_insatser": true}]
///   }
/// }
/// ```
/// Every key but `data` has a default: all insatser, outcome `kr`, subgroup `all` (the whole
/// matched sample), horizon 12, one variant `standard` (the `effekt evaluate` design).
public struct BatchSpec: Sendable, Equatable {
    /// The dataset spec, relative to the batch spec's folder.
    public var data: String
    public var seed: UInt64 = 1
    public var minCell = 5
    /// Insats codes; empty means every insats in the catalogue.
    public var insatser: [String] = []
    public var outcomes: [PanelOutcome] = [.kronor]
    /// `all` or a subgroup variable (one estimate per level).
    public var subgroups: [BatchSubgroup] = [.all]
    public var horizons: [Int] = [12]
    public var variants: [DesignVariant] = [DesignVariant(name: "standard")]

    public init(data: String) { self.data = data }

    /// The dataset spec's location (`data` is relative to the batch spec's folder).
    public func datasetURL(specURL: URL) -> URL {
        data.hasPrefix("/") ? URL(fileURLWithPath: data) : specURL.deletingLastPathComponent().appendingPathComponent(data)
    }

    /// The event window every design must cover: 12 months before the start to the longest horizon.
    public var eventMonths: ClosedRange<Int> { -12...((horizons.max() ?? 12) - 1) }
}

/// What a model's estimates are split by: the whole matched sample, or a subgroup variable.
public enum BatchSubgroup: Sendable, Hashable {
    case all
    case variable(SubgroupVariable)

    public var name: String {
        switch self {
        case .all: return "all"
        case let .variable(v): return v.rawValue
        }
    }

    public init?(name: String) {
        if name == "all" { self = .all } else if let v = SubgroupVariable(rawValue: name) { self = .variable(v) } else { return nil }
    }
}

/// One design of the risk-set matching: the `effekt evaluate` defaults with some changed.
public struct DesignVariant: Sendable, Hashable {
    /// Names the variant in model ids and file names: letters, digits, `-` and `_`.
    public var name: String
    /// Caliper in SD of the linear predictor; nil = no caliper.
    public var caliper: Double? = 0.2
    public var ratio = 1
    /// Propensity formula; nil = the dataset spec's formula or the default.
    public var formula: String?
    /// Control definition: leave out people with other insatser in the event window, both sides.
    public var excludeOtherInsatser = false
    /// Control definition: months of assistance before the reference month required.
    public var eligibilityMonths = 1
    public var exactDistrict = false

    public init(name: String) { self.name = name }

    /// The risk-set options of this variant.
    public func options(defaultFormula: String, seed: UInt64, eventMonths: ClosedRange<Int>) -> RiskSetOptions {
        var o = RiskSetOptions()
        o.formula = formula ?? defaultFormula
        o.caliper = caliper
        o.ratio = ratio
        o.excludeOtherInsatser = excludeOtherInsatser
        o.eligibilityMonths = eligibilityMonths
        o.exactDistrict = exactDistrict
        o.seed = seed
        o.firstEventMonth = eventMonths.lowerBound
        o.lastEventMonth = eventMonths.upperBound
        return o
    }
}

extension BatchSpec {
    /// Reads and checks a batch spec. Errors name the file and the key (`grid.variants[2].ratio`)
    /// and say what is allowed; unknown keys are errors, so a misspelt key is never ignored.
    public static func load(_ url: URL) throws -> BatchSpec {
        let file = url.lastPathComponent
        guard let data = try? Data(contentsOf: url) else {
            throw DataError(file: url.path, message: "cannot read the batch spec", hint: "check the path")
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw DataError(file: file, message: "not valid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error.localizedDescription)")
        }
        return try SpecReader(file: file).spec(root)
    }
}

/// Walks the parsed JSON with the key path at hand, so every message can point at the key.
private struct SpecReader {
    let file: String

    func fail(_ path: String, _ message: String, hint: String? = nil) -> DataError {
        DataError(file: file, message: path.isEmpty ? message : "\(path): \(message)", hint: hint)
    }

    func object(_ value: Any, _ path: String, keys allowed: [String]) throws -> [String: Any] {
        guard let object = value as? [String: Any] else { throw fail(path, "expected an object { … }") }
        for key in object.keys.sorted() where !allowed.contains(key) {
            throw fail(path.isEmpty ? key : "\(path).\(key)", "unknown key", hint: "allowed here: " + allowed.joined(separator: ", "))
        }
        return object
    }

    func array(_ value: Any, _ path: String) throws -> [Any] {
        guard let array = value as? [Any] else { throw fail(path, "expected a list [ … ]") }
        guard !array.isEmpty else { throw fail(path, "the list is empty", hint: "leave the key out for the default") }
        return array
    }

    func string(_ value: Any, _ path: String) throws -> String {
        guard let text = value as? String else { throw fail(path, "expected a string") }
        return text
    }

    func integer(_ value: Any, _ path: String, range: ClosedRange<Int>) throws -> Int {
        guard let number = value as? NSNumber, !isBoolean(value), let n = Int(exactly: number.doubleValue), range.contains(n) else {
            throw fail(path, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    func bool(_ value: Any, _ path: String) throws -> Bool {
        guard isBoolean(value), let number = value as? NSNumber else { throw fail(path, "expected true or false") }
        return number.boolValue
    }

    /// JSON `true`/`false` as JSONSerialization gives them (`1 is Bool` holds too, so ask the type code).
    func isBoolean(_ value: Any) -> Bool {
        (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
    }

    func spec(_ root: Any) throws -> BatchSpec {
        let top = try object(root, "", keys: ["data", "seed", "min_cell", "grid"])
        guard let dataValue = top["data"] else {
            throw fail("", "missing key \"data\"", hint: "the path of the dataset spec, e.g. \"data\": \"register/spec.json\"")
        }
        var spec = BatchSpec(data: try string(dataValue, "data"))
        if let seed = top["seed"] { spec.seed = UInt64(try integer(seed, "seed", range: 0...Int.max)) }
        if let minCell = top["min_cell"] { spec.minCell = try integer(minCell, "min_cell", range: 1...1000) }
        guard let gridValue = top["grid"] else { return spec }
        let grid = try object(gridValue, "grid", keys: ["insatser", "outcomes", "subgroups", "horizons", "variants"])
        if let v = grid["insatser"] {
            spec.insatser = try array(v, "grid.insatser").enumerated().map { try string($1, "grid.insatser[\($0)]") }
            try unique(spec.insatser, "grid.insatser")
        }
        if let v = grid["outcomes"] {
            spec.outcomes = try array(v, "grid.outcomes").enumerated().map { i, item in
                let name = try string(item, "grid.outcomes[\(i)]")
                guard let outcome = PanelOutcome(rawValue: name) else {
                    throw fail("grid.outcomes[\(i)]", "unknown outcome \"\(name)\"", hint: "one of " + PanelOutcome.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return outcome
            }
            try unique(spec.outcomes.map(\.rawValue), "grid.outcomes")
        }
        if let v = grid["subgroups"] {
            spec.subgroups = try array(v, "grid.subgroups").enumerated().map { i, item in
                let name = try string(item, "grid.subgroups[\(i)]")
                guard let subgroup = BatchSubgroup(name: name) else {
                    throw fail("grid.subgroups[\(i)]", "unknown subgroup \"\(name)\"",
                               hint: "one of all, " + SubgroupVariable.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return subgroup
            }
            try unique(spec.subgroups.map(\.name), "grid.subgroups")
        }
        if let v = grid["horizons"] {
            spec.horizons = try array(v, "grid.horizons").enumerated().map { try integer($1, "grid.horizons[\($0)]", range: 1...60) }
            try unique(spec.horizons.map(String.init), "grid.horizons")
        }
        if let v = grid["variants"] {
            spec.variants = try array(v, "grid.variants").enumerated().map { try variant($1, "grid.variants[\($0)]") }
            try unique(spec.variants.map(\.name), "grid.variants (names)")
        }
        return spec
    }

    func variant(_ value: Any, _ path: String) throws -> DesignVariant {
        let o = try object(value, path, keys: ["name", "caliper", "ratio", "formula", "exclude_other_insatser", "eligibility_months", "exact_district"])
        guard let nameValue = o["name"] else { throw fail(path, "missing key \"name\"", hint: "every variant needs a name, e.g. \"standard\"") }
        let name = try string(nameValue, "\(path).name")
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_" }) else {
            throw fail("\(path).name", "\"\(name)\" is not a usable name", hint: "use letters a–z, digits, - and _ (it becomes part of file names)")
        }
        var variant = DesignVariant(name: name)
        if let c = o["caliper"] {
            if c is NSNull {
                variant.caliper = nil
            } else {
                guard let number = c as? NSNumber, !isBoolean(c), number.doubleValue > 0, number.doubleValue.isFinite else {
                    throw fail("\(path).caliper", "expected a positive number (SD of the linear predictor) or null for no caliper")
                }
                variant.caliper = number.doubleValue
            }
        }
        if let r = o["ratio"] { variant.ratio = try integer(r, "\(path).ratio", range: 1...20) }
        if let f = o["formula"] {
            let text = try string(f, "\(path).formula")
            do { _ = try Formula(parsing: text) } catch { throw fail("\(path).formula", "\(error)") }
            variant.formula = text
        }
        if let e = o["exclude_other_insatser"] { variant.excludeOtherInsatser = try bool(e, "\(path).exclude_other_insatser") }
        if let e = o["eligibility_months"] { variant.eligibilityMonths = try integer(e, "\(path).eligibility_months", range: 1...24) }
        if let e = o["exact_district"] { variant.exactDistrict = try bool(e, "\(path).exact_district") }
        return variant
    }

    func unique(_ names: [String], _ path: String) throws {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { throw fail(path, "\"\(name)\" appears twice") }
    }
}
