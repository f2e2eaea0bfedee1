/// Why an estimator refused its input or could not estimate part of what was asked; phrased
/// for a user, naming the variable, group or period concerned.
public struct EstimationError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
