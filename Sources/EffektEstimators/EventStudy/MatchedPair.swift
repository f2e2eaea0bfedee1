/// One treated–control pair of a risk-set design: persons (panel rows), the reference month
/// (the treated person's start month, a window month index) and the pair's weight (1/k for each
/// of a treated person's k controls).
public struct MatchedPair: Sendable, Equatable, Hashable {
    public var treated: Int32
    public var control: Int32
    public var month: Int32
    public var weight: Double

    public init(treated: Int32, control: Int32, month: Int32, weight: Double = 1) {
        self.treated = treated
        self.control = control
        self.month = month
        self.weight = weight
    }
}
