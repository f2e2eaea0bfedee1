/// A matching or weighting method: one interchangeable unit behind one signature, as MatchIt's
/// `matchit2nearest`, `matchit2full`, … all take the same prepared input. Adding a method means
/// adding a conforming type, not editing a switch.
public protocol MatchingMethod: Sendable {
    /// Matches or weights the units of `problem`. Only a method whose `needsRandomNumbers` is true
    /// draws from `generator` (e.g. nearest-neighbour matching in random order).
    func match<G: RandomNumberGenerator>(_ problem: MatchingProblem, generator: inout G) throws -> MatchingResult

    /// Whether `match` draws random numbers with these settings.
    var needsRandomNumbers: Bool { get }
}

extension MatchingProblem {
    /// The entry point (MatchIt's `matchit()`): runs `method` on this problem.
    ///
    /// - Throws: `MatchingError.invalidOption` when the method needs random numbers (order
    ///   `.random`): use `match(using:generator:)` then, so results are reproducible from a seed.
    public func match(using method: some MatchingMethod) throws -> MatchingResult {
        guard !method.needsRandomNumbers else {
            throw MatchingError.invalidOption("these matching settings draw random numbers (order .random): pass a seeded generator with match(using:generator:)")
        }
        var unused = NoRandomNumbers()
        return try method.match(self, generator: &unused)
    }

    /// The entry point for methods that may draw random numbers, from `generator`.
    public func match<G: RandomNumberGenerator>(using method: some MatchingMethod, generator: inout G) throws -> MatchingResult {
        try method.match(self, generator: &generator)
    }
}

/// Stands in for a generator when the method has said it draws none.
private struct NoRandomNumbers: RandomNumberGenerator {
    func next() -> UInt64 {
        preconditionFailure("a matching method drew random numbers although needsRandomNumbers is false")
    }
}
