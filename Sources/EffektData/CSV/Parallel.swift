import Dispatch

/// Runs independent pieces of work on threads and collects their results in order.
enum Parallel {
    /// `body(0) … body(count − 1)`, run concurrently (inline when `count` is 1), in index order.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        if count == 1 { return [body(0)] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = Slots(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots.base?.advanced(by: index).initialize(to: body(index))
            }
            initialized = count
        }
    }

    /// The result slots, each written by exactly one iteration.
    private struct Slots<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T>?
    }
}
