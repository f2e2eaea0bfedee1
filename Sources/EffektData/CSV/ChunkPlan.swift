import Foundation

/// How the data is cut into chunks for the worker threads: about equal stretches, each ending
/// just after a line feed. A cut can fall inside a quoted field with line breaks; the reader
/// notices (a record runs past its chunk's end) and then reads the data as one chunk.
struct ChunkPlan: Sendable {
    /// Consecutive chunks covering the data; none empty.
    let ranges: [Range<Int>]
    /// Rows to reserve for each chunk: its length over the average record length, 10 % to
    /// spare (the column arrays grow if a chunk holds more). The first chunk reserves for the
    /// whole data, as its arrays become the table's and the other chunks are appended to them;
    /// room reserved but never written costs address space, not memory.
    let capacities: [Int]
    let bytesPerRecord: Double

    /// `count` chunks of `data` for records of about `bytesPerRecord` bytes.
    init(_ bytes: ByteSource, data: Range<Int>, count: Int, bytesPerRecord: Double) {
        var cuts = [data.lowerBound]
        for k in 1..<max(count, 1) {
            let nominal = max(data.lowerBound + data.count / count * k, cuts[cuts.count - 1])
            let newline = memchr(bytes.base + nominal, 0x0A, data.upperBound - nominal)
            cuts.append(newline.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - bytes.base + 1 } ?? data.upperBound)
        }
        cuts.append(data.upperBound)
        self.bytesPerRecord = bytesPerRecord
        let ranges = zip(cuts, cuts.dropFirst()).map { $0..<$1 }.filter { !$0.isEmpty }
        self.ranges = ranges
        capacities = ranges.indices.map { k in
            let bytes = k == 0 ? data.count : ranges[k].count
            // A record takes at least 2 bytes (a character and a line feed).
            return min(Int(Double(bytes) / max(bytesPerRecord, 2) * 1.1) + 64, bytes / 2 + 1)
        }
    }
}
