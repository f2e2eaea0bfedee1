import EffektEstimators
import EffektNumerics
import EffektTestSupport
import Foundation

/// LaLonde (Datasets/lalonde.csv) as MatchIt sees it, and the MatchIt 4.5.1 reference results in
/// Tests/Fixtures/matching/lalonde_matchit.json.
struct Lalonde: Sendable {
    /// Covariates of `treat ~ age + educ + race + married + nodegree + re74 + re75` with all race
    /// levels, as MatchIt's balance tables and Mahalanobis distance use them.
    static let terms = ["age", "educ", "raceblack", "racehispan", "racewhite", "married", "nodegree", "re74", "re75"]

    let treatment: [Double]
    let covariates: Matrix
    let married: [Int]
    let re78: [Double]

    static let shared: Lalonde = {
        let text = try! String(contentsOf: Fixtures.datasetURL("lalonde.csv"), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) } }
        let header = lines.removeFirst()
        func column(_ name: String) -> [String] {
            let j = header.firstIndex(of: name)!
            return lines.map { $0[j] }
        }
        func numbers(_ name: String) -> [Double] { column(name).map { Double($0)! } }
        let race = column("race")
        let columns = [numbers("age"), numbers("educ"),
                       race.map { $0 == "black" ? 1 : 0 }, race.map { $0 == "hispan" ? 1 : 0 }, race.map { $0 == "white" ? 1 : 0 },
                       numbers("married"), numbers("nodegree"), numbers("re74"), numbers("re75")]
        return Lalonde(treatment: numbers("treat"), covariates: Matrix(columns: columns),
                       married: numbers("married").map { Int($0) }, re78: numbers("re78"))
    }()

    nonisolated(unsafe) static let reference: [String: Any] = try! Fixtures.object("matching/lalonde_matchit.json")

    static func referenceCase(_ name: String) throws -> [String: Any] {
        try reference.object("cases").object(name)
    }
}

/// One MatchIt nearest-neighbour case of the fixture, with the Effekt settings that reproduce it.
struct MatchItCase: Sendable, CustomStringConvertible {
    let name: String
    let method: NearestNeighborMatching
    /// Whether the distance is the fixture's propensity score (else Mahalanobis).
    let usesScore: Bool

    var description: String { name }

    /// The propensity-score cases, reproduced pair for pair.
    static var scoreCases: [MatchItCase] { all.filter(\.usesScore) }

    static func named(_ name: String) -> MatchItCase { all.first { $0.name == name }! }

    static let all: [MatchItCase] = [
        MatchItCase(name: "nearest", method: NearestNeighborMatching(), usesScore: true),
        MatchItCase(name: "caliper", method: NearestNeighborMatching(caliper: .standardDeviations(0.1)), usesScore: true),
        MatchItCase(name: "ratio2", method: NearestNeighborMatching(ratio: 2), usesScore: true),
        MatchItCase(name: "replace", method: NearestNeighborMatching(replace: true), usesScore: true),
        MatchItCase(name: "mahalanobis", method: NearestNeighborMatching(), usesScore: false),
        MatchItCase(name: "exact_married", method: NearestNeighborMatching(exact: [ExactVariable(name: "married", codes: Lalonde.shared.married)]), usesScore: true),
        MatchItCase(name: "discard_both", method: NearestNeighborMatching(discard: .both), usesScore: true),
        MatchItCase(name: "order_smallest", method: NearestNeighborMatching(order: .smallest), usesScore: true),
    ]

    var reference: [String: Any] { try! Lalonde.referenceCase(name) }

    var score: [Double]? { usesScore ? try! reference.doubles("ps") : nil }

    func run() throws -> MatchingResult {
        let data = Lalonde.shared
        let distance: MatchingDistance = score.map { .score($0) } ?? .mahalanobis(covariates: data.covariates, names: Lalonde.terms)
        return try MatchingProblem(treatment: data.treatment, distance: distance).match(using: method)
    }
}

/// |a − b| ≤ max(absolute, relative · |b|).
func close(_ a: Double, _ b: Double, relative: Double, absolute: Double) -> Bool {
    abs(a - b) <= max(absolute, relative * abs(b))
}

/// The fixture's pairs as matched sets with 0-based rows.
func referenceSets(_ entry: [String: Any]) throws -> [MatchedSet] {
    try entry.objects("pairs").map { pair in
        MatchedSet(treated: (pair["treated"] as! NSNumber).intValue - 1,
                   controls: try pair.doubles("controls").map { Int($0) - 1 })
    }
}

/// The first index where two sequences differ, with both elements, for short failure messages.
func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> String? {
    if let i = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) { return "at \(i): \(a[i]) vs \(b[i])" }
    return a.count == b.count ? nil : "lengths \(a.count) vs \(b.count)"
}
