import Foundation

/// A dictionary from byte strings to dense codes 0, 1, 2, … in order of first insertion: the
/// levels of a categorical column while it is being read, keyed by the raw field bytes so no
/// String is made per field.
///
/// Open addressing with linear probing over a power-of-two slot array, kept at most half full.
struct LevelTable: Sendable {
    /// The levels' bytes back to back; level `i` is `bytes[starts[i]..<starts[i + 1]]`.
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots = [Int32](repeating: -1, count: 16)

    var count: Int { hashes.count }

    /// The code of `key`, adding it as a new level if it is new.
    @inline(__always)
    mutating func code(for key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let code = slots[slot]
            if code < 0 { break }
            if hashes[Int(code)] == hash && equals(Int(code), key) { return code }
            slot = (slot + 1) & mask
        }
        let code = Int32(count)
        slots[slot] = code
        hashes.append(hash)
        bytes.append(contentsOf: key)
        starts.append(bytes.count)
        if count * 2 > slots.count { grow() }
        return code
    }

    /// Calls `body` with the bytes of level `code`.
    func withLevel<R>(_ code: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[starts[code]..<starts[code + 1]]))
        }
    }

    private func equals(_ code: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[code]
        guard starts[code + 1] - start == key.count else { return false }
        return bytes.withUnsafeBufferPointer { all in
            guard let levels = all.baseAddress, let wanted = key.baseAddress else { return key.isEmpty }
            return memcmp(levels + start, wanted, key.count) == 0
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (code, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(code)
        }
    }

    /// A 64-bit multiplicative hash of `key`, eight bytes at a time.
    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < key.count {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }
}
