/// A raw buffer shared by parallel workers that write disjoint ranges of it.
///
/// Swift 6 rejects capturing mutable state in `@Sendable` closures; this wrapper states the
/// contract instead: callers guarantee that no two workers touch the same element, and that the
/// buffer outlives the parallel section.
public struct SharedBuffer<Element>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<Element>?
    public let count: Int

    public init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        base = buffer.baseAddress
        count = buffer.count
    }

    @inlinable
    public subscript(i: Int) -> Element {
        get { base![i] }
        nonmutating set { base![i] = newValue }
    }
}

/// A read-only raw buffer shared by parallel workers; see `SharedBuffer`.
public struct SharedReadBuffer<Element>: @unchecked Sendable {
    public let base: UnsafePointer<Element>?
    public let count: Int

    public init(_ buffer: UnsafeBufferPointer<Element>) {
        base = buffer.baseAddress
        count = buffer.count
    }

    @inlinable
    public subscript(i: Int) -> Element { base![i] }
}
