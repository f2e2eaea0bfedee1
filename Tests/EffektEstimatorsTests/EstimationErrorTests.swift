import EffektEstimators
import Testing

@Suite struct EstimationErrorTests {
    @Test func describesItselfPlainly() {
        #expect("\(EstimationError("no controls for group 2004 in 2005"))" == "no controls for group 2004 in 2005")
    }
}
