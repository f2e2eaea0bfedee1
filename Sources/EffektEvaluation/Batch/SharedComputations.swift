import Foundation

/// Results computed once and shared by the models that need them (a propensity fit, a matched
/// design), from any thread. A caller that asks for a value being computed waits for it instead
/// of computing it again. Each key is given the number of models that will use it, and the value
/// is dropped after the last of them, so a long batch holds only what is still needed.
final class SharedComputations<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var values: [Key: Result<Value, any Error>] = [:]
    private var computing: Set<Key> = []
    private var usesLeft: [Key: Int]

    /// How many times each key will be asked for and then released.
    init(uses: [Key: Int]) { usesLeft = uses }

    /// The value for `key`, computed by `compute` if no one has done it yet.
    func value(for key: Key, compute: () throws -> Value) throws -> Value {
        condition.lock()
        while true {
            if let result = values[key] {
                condition.unlock()
                return try result.get()
            }
            if !computing.contains(key) { break }
            condition.wait()
        }
        computing.insert(key)
        condition.unlock()
        let result = Result { try compute() }
        condition.lock()
        computing.remove(key)
        values[key] = result
        condition.broadcast()
        condition.unlock()
        return try result.get()
    }

    /// One user of `key` is done; the value goes when none is left.
    func release(_ key: Key) {
        condition.lock()
        let left = (usesLeft[key] ?? 1) - 1
        usesLeft[key] = left
        if left <= 0 { values[key] = nil }
        condition.unlock()
    }
}
