import Foundation

/// Read-only bytes of a whole input, shared by the worker threads.
///
/// When the bytes are a memory-mapped file, `release` hands pages that were read back to the
/// kernel, so a large file does not stay resident once parsed (the pages come back from the
/// page cache if read again).
struct ByteSource: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let count: Int
    let isMapped: Bool

    /// Drops the whole pages inside `range` from this process's memory (mapped files only).
    func release(_ range: Range<Int>) {
        guard isMapped else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let address = Int(bitPattern: base)
        let start = (address + range.lowerBound + page - 1) / page * page
        let end = (address + range.upperBound) / page * page
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_DONTNEED) }
    }
}

/// A file mapped read-only into memory for as long as the value lives.
final class MappedFile {
    let bytes: ByteSource

    /// Maps the file; an empty file or one that cannot be opened is a `DataError`.
    init(url: URL, name: String) throws {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw DataError(file: name, message: "cannot open \(url.relativePath): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw DataError(file: name, message: "cannot read \(url.relativePath): \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw DataError(file: name, message: "\(url.relativePath) is not a regular file")
        }
        let size = Int(status.st_size)
        guard size > 0 else { throw CSVReader.emptyFile(name) }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
              address != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw DataError(file: name, message: "cannot map \(url.path) into memory: \(String(cString: strerror(errno)))")
        }
        _ = madvise(address, size, MADV_SEQUENTIAL)
        bytes = ByteSource(base: UnsafePointer(address.assumingMemoryBound(to: UInt8.self)), count: size, isMapped: true)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.base), bytes.count) }
}
