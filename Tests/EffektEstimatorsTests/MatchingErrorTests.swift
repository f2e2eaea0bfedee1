import EffektEstimators
import EffektNumerics
import Testing

/// Bad input is refused with a message naming the variable and the (1-based) row.
@Suite struct MatchingErrorTests {
    @Test func refusesTreatmentWithoutTreatedOrControls() {
        #expect(throws: MatchingError.noTreatedUnits(variable: "deltagare")) {
            try MatchingProblem(treatment: [0, 0, 0], treatmentName: "deltagare", distance: .score([0.1, 0.2, 0.3]))
        }
        #expect(throws: MatchingError.noControlUnits(variable: "treat")) {
            try MatchingProblem(treatment: [1, 1], distance: .score([0.1, 0.2]))
        }
        #expect(MatchingError.noTreatedUnits(variable: "deltagare").description.contains("'deltagare' has no treated units"))
    }

    @Test func refusesTreatmentThatIsNotZeroOne() {
        let error = MatchingError.invalidTreatment(variable: "treat", row: 2, value: 2)
        #expect(throws: error) { try MatchingProblem(treatment: [1, 0, 2, 0], distance: .score([0.1, 0.2, 0.3, 0.4])) }
        #expect(error.description == "treatment 'treat' is 2.0 at row 3; it must be 0 (control) or 1 (treated)")
        let missing = #expect(throws: MatchingError.self) { try MatchingProblem(treatment: [.nan, 0], distance: .score([0.1, 0.2])) }
        #expect(missing?.description == "treatment 'treat' is nan at row 1; it must be 0 (control) or 1 (treated)")
    }

    @Test func namesTheRowOfANonFiniteDistanceOrCovariate() {
        let error = MatchingError.nonFinite(variable: "distance", row: 4)
        #expect(throws: error) { try MatchingProblem(treatment: [1, 0, 0, 1, 0], distance: .score([0.1, 0.2, 0.3, 0.4, .nan])) }
        #expect(error.description.hasPrefix("'distance' is NaN or infinite at row 5"))
        let x = Matrix(columns: [[1, 2, 3], [4, .infinity, 6]])
        #expect(throws: MatchingError.nonFinite(variable: "educ", row: 1)) {
            try MatchingProblem(treatment: [1, 0, 0], distance: .mahalanobis(covariates: x, names: ["age", "educ"]))
        }
    }

    @Test func refusesLengthsThatDiffer() throws {
        #expect(throws: MatchingError.lengthMismatch(variable: "distance", count: 2, expected: 3)) {
            try MatchingProblem(treatment: [1, 0, 0], distance: .score([0.1, 0.2]))
        }
        let problem = try MatchingProblem(treatment: [1, 0, 0], distance: .score([0.1, 0.2, 0.3]))
        #expect(throws: MatchingError.lengthMismatch(variable: "married", count: 2, expected: 3)) {
            try problem.match(using: NearestNeighborMatching(exact: [ExactVariable(name: "married", codes: [0, 1])]))
        }
    }

    @Test func aCaliperThatLeavesNoMatchIsAnError() throws {
        let problem = try MatchingProblem(treatment: [1, 1, 0, 0], distance: .score([0.9, 0.8, 0.1, 0.2]))
        do {
            _ = try problem.match(using: NearestNeighborMatching(caliper: .standardDeviations(0.01)))
            Issue.record("expected an error")
        } catch let error as MatchingError {
            #expect(error.description.hasPrefix("no treated unit could be matched: 2 treated units had no available control within the caliper (0.01 SD of the distance"))
        }
    }

    @Test func fewerControlsThanTheRatioNeedsIsAWarning() throws {
        // 5 treated want 2 controls each; there are 7 controls: round 2 serves only 2 of them.
        let treatment: [Double] = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
        let score = treatment.indices.map { 0.05 + 0.07 * Double($0) }
        let result = try MatchingProblem(treatment: treatment, distance: .score(score)).match(using: NearestNeighborMatching(ratio: 2))
        #expect(result.warnings == ["3 treated units got fewer than 2 controls (not enough available controls)"])
        #expect(result.matchedSets.map(\.controls.count).sorted() == [1, 1, 1, 2, 2])
        #expect(result.counts.matched == GroupCounts(treated: 5, control: 7))
        // 1:1 with more treated than controls: the rest stay unmatched, with a warning.
        let scarce = try MatchingProblem(treatment: [1, 1, 1, 0], distance: .score([0.3, 0.5, 0.7, 0.6])).match(using: NearestNeighborMatching())
        #expect(scarce.warnings == ["2 treated units found no available control (controls used up) and stay unmatched"])
        #expect(scarce.matchedSets == [MatchedSet(treated: 2, controls: [3])])
    }

    @Test func refusesOptionsThatDoNotFit() throws {
        let scores = try MatchingProblem(treatment: [1, 0, 0], distance: .score([0.5, 0.4, 0.6]))
        #expect(throws: MatchingError.self) { try scores.match(using: NearestNeighborMatching(ratio: 0)) }
        #expect(throws: MatchingError.self) { try scores.match(using: NearestNeighborMatching(caliper: .standardDeviations(-1))) }
        let x = Matrix(columns: [[20, 30, 40], [1, 0, 1]])
        let mahalanobis = try MatchingProblem(treatment: [1, 0, 0], distance: .mahalanobis(covariates: x, names: ["age", "married"]))
        for method in [NearestNeighborMatching(caliper: .standardDeviations(0.2)), NearestNeighborMatching(order: .largest),
                       NearestNeighborMatching(discard: .both)] {
            #expect(throws: MatchingError.self) { try mahalanobis.match(using: method) }
        }
    }

    @Test func effectAndBalanceNameBadRows() throws {
        let result = try MatchingProblem(treatment: [1, 0, 0, 1, 0], distance: .score([0.5, 0.45, 0.1, 0.7, 0.68]))
            .match(using: NearestNeighborMatching())
        #expect(throws: MatchingError.nonFinite(variable: "re78", row: 4)) {
            try MatchedEffect(outcome: [1, 2, 3, 4, .nan], outcomeName: "re78", matching: result)
        }
        // Row 2 is unmatched: its missing outcome does not matter.
        #expect(abs(try MatchedEffect(outcome: [1, 2, .nan, 4, 3], matching: result).estimate) < 1e-12)
        #expect(throws: MatchingError.invalidWeight(variable: "weights after matching", row: 1, value: -1)) {
            try BalanceTable(covariates: Matrix(columns: [[1, 2, 3, 4, 5]]), terms: ["age"], treated: result.treated,
                             weightsAfter: [1, -1, 0, 1, 1])
        }
    }
}
