import Dispatch

/// Runs independent pieces of work on threads and collects their results in order.
enum Parallel {
    /// `body(0) … body(count − 1)` in index order, run concurrently unless `threads` is 1.
    static func map<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        if count <= 1 || threads <= 1 { return (0..<count).map(body) }
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
