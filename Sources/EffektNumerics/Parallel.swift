import Dispatch
import Foundation
import Synchronization

/// Deterministic parallel loops.
///
/// Work is cut into a number of chunks fixed by the caller (never by the core count); workers
/// take chunks in any order, each chunk's result is stored at its index, and reductions run in
/// chunk order. So the same input gives bit-identical results with 1 worker or 64.
public enum Parallel {
    /// Workers used by default: the `EFFEKT_THREADS` environment variable when set to a positive
    /// integer, else the number of active cores.
    public static let defaultWorkers: Int = {
        if let text = ProcessInfo.processInfo.environment["EFFEKT_THREADS"], let n = Int(text), n > 0 { return n }
        return max(ProcessInfo.processInfo.activeProcessorCount, 1)
    }()

    /// Calls `body(chunk)` for every chunk in `0..<chunks` on up to `workers` threads and returns
    /// the results in chunk order. The first error (in chunk order) is rethrown.
    public static func map<T: Sendable>(chunks: Int, workers: Int = defaultWorkers,
                                        _ body: @Sendable (Int) throws -> T) throws -> [T] {
        guard chunks > 0 else { return [] }
        let slots = ResultSlots<T>(count: chunks)
        defer { slots.deallocate() }
        let workerCount = min(max(workers, 1), chunks)
        if workerCount == 1 {
            for c in 0..<chunks { slots.store(c, Result { try body(c) }) }
        } else {
            _ = BLAS.configured
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
                while true {
                    let c = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if c >= chunks { break }
                    slots.store(c, Result { try body(c) })
                }
            }
        }
        return try slots.collect()
    }

    /// Non-throwing form of `map(chunks:workers:_:)`.
    public static func map<T: Sendable>(chunks: Int, workers: Int = defaultWorkers,
                                        _ body: @Sendable (Int) -> T) -> [T] {
        // The body cannot throw, so neither can the throwing form here.
        try! map(chunks: chunks, workers: workers, { (c: Int) throws -> T in body(c) })
    }

    /// Splits `0..<count` into consecutive ranges of `chunkSize` (the last may be shorter).
    public static func ranges(count: Int, chunkSize: Int) -> [Range<Int>] {
        precondition(chunkSize > 0, "chunk size must be positive")
        return stride(from: 0, to: count, by: chunkSize).map { $0..<min($0 + chunkSize, count) }
    }

    /// Splits `0..<count` into at most `parts` consecutive ranges of near-equal size.
    public static func ranges(count: Int, parts: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let k = min(max(parts, 1), count)
        return (0..<k).map { i in (i * count / k)..<((i + 1) * count / k) }
    }
}

/// One slot per chunk, written by exactly one worker each; read after all workers finished.
private final class ResultSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutablePointer<Result<T, any Error>?>
    private let count: Int

    init(count: Int) {
        self.count = count
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil, count: count)
    }

    func store(_ index: Int, _ value: Result<T, any Error>) { buffer[index] = value }

    func collect() throws -> [T] {
        try (0..<count).map { try buffer[$0]!.get() }
    }

    func deallocate() {
        buffer.deinitialize(count: count)
        buffer.deallocate()
    }
}
