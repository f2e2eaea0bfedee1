import Foundation

extension Array where Element: BitwiseCopyable {
    /// Reserves room for `capacity` elements and, when that is large, asks the kernel to back
    /// the room with huge pages (Linux transparent huge pages in `madvise` mode): filling a
    /// large column then takes one page fault per 2 MB instead of one per 4 KB.
    mutating func reserveLargeCapacity(_ capacity: Int) {
        reserveCapacity(capacity)
        let bytes = capacity * MemoryLayout<Element>.stride
        guard bytes >= 8 << 20 else { return }
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let hugePage = 2 << 20
            let start = (Int(bitPattern: base) + hugePage - 1) / hugePage * hugePage
            let end = (Int(bitPattern: base) + bytes) / hugePage * hugePage
            if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
        }
    }
}
