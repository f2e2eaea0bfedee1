import EffektEvaluation
import Testing

/// Holm and BH against R's p.adjust(p, "holm") and p.adjust(p, "BH") on the same vector
/// (values computed by hand from the definitions and checked in R 4.2.2).
@Suite struct MultipleTestingTests {
    let p = [0.01, 0.04, 0.03, 0.005, 0.2]

    @Test func holm() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2), "holm") = 0.04 0.09 0.09 0.025 0.2
        let adjusted = MultipleTesting.holm(p)
        for (a, b) in zip(adjusted, [0.04, 0.09, 0.09, 0.025, 0.2]) { #expect(abs(a - b) < 1e-15) }
    }

    @Test func benjaminiHochberg() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2), "BH") = 0.025 0.05 0.05 0.025 0.2
        let adjusted = MultipleTesting.benjaminiHochberg(p)
        for (a, b) in zip(adjusted, [0.025, 0.05, 0.05, 0.025, 0.2]) { #expect(abs(a - b) < 1e-15) }
    }

    @Test func notEstimatedStaysOut() {
        let adjusted = MultipleTesting.holm([0.01, .nan, 0.02])
        #expect(adjusted[1].isNaN)
        #expect(abs(adjusted[0] - 0.02) < 1e-15 && abs(adjusted[2] - 0.02) < 1e-15)
    }
}
