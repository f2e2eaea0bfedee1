import Foundation

/// Large arrays backed by transparent huge pages.
///
/// The first write to fresh memory costs one page fault per 4 KiB page; on the (virtualised)
/// machines Effekt runs on that is most of the time of filling a 240 MB design matrix (~1 ms per
/// MB against ~0.25 ms per MB when Linux backs the buffer with 2 MiB pages). Buffers under
/// `threshold` bytes, and systems without `madvise(MADV_HUGEPAGE)`, are left as they are.
enum HugePages {
    static let threshold = 4 << 20
    static let pageSize = 2 << 20

    /// Advises the whole 2 MiB pages inside a buffer that has not been written yet.
    static func advise(_ base: UnsafeMutableRawPointer?, bytes: Int) {
        #if os(Linux)
        guard let base, bytes >= threshold else { return }
        let start = (Int(bitPattern: base) + pageSize - 1) & ~(pageSize - 1)
        let end = (Int(bitPattern: base) + bytes) & ~(pageSize - 1)
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
        #endif
    }
}

extension Array where Element: BitwiseCopyable {
    /// `count` elements, every one written by `body`, in memory advised for huge pages when large.
    public init(largeCount count: Int, initializingWith body: (UnsafeMutableBufferPointer<Element>) throws -> Void) rethrows {
        try self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
            HugePages.advise(buffer.baseAddress, bytes: count * MemoryLayout<Element>.stride)
            try body(buffer)
            initialized = count
        }
    }

    /// `count` copies of `value`, in memory advised for huge pages when large.
    public init(largeRepeating value: Element, count: Int) {
        self.init(largeCount: count) { $0.initialize(repeating: value) }
    }
}
