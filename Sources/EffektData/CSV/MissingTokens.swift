/// The field contents that mean "no value", as bytes in the file's encoding.
///
/// Tokens are compared with the field after trimming spaces; a token the encoding cannot
/// represent can never match and is dropped. While the encoding is not known, a token matches
/// in either encoding. Tokens of up to 8 bytes are compared as one
/// machine word.
struct MissingTokens: Sendable {
    /// Short tokens packed little-endian into a word, with their lengths.
    private let short: [(word: UInt64, length: Int)]
    private let long: [[UInt8]]
    /// The nonempty tokens.
    private let tokens: [[UInt8]]
    private let longest: Int
    private let includesEmpty: Bool

    init(_ set: Set<String>, encoding: CSVEncoding?) {
        let encodings = encoding.map { [$0] } ?? [.utf8, .windows1252]
        let encoded = Set(set.flatMap { token in encodings.compactMap { $0.bytes(token) } }.map { Array(trimmingSpaces($0)) })
        tokens = encoded.filter { !$0.isEmpty }.sorted { $0.lexicographicallyPrecedes($1) }
        short = tokens.filter { $0.count <= 8 }.map { token in
            token.withUnsafeBufferPointer { (Self.word($0), $0.count) }
        }
        long = tokens.filter { $0.count > 8 }
        longest = tokens.map(\.count).max() ?? 0
        includesEmpty = encoded.contains([])
    }

    /// Whether the (trimmed) field is a missing-value token.
    @inline(__always)
    func matches(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = field.count
        if count > longest { return false }
        if count == 0 { return includesEmpty }
        if count <= 8 {
            let word = Self.word(field)
            return short.contains { $0.word == word && $0.length == count }
        }
        return long.contains { $0.elementsEqual(field) }
    }

    /// Whether `predicate` holds for one of the nonempty tokens.
    func contains(where predicate: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        tokens.contains { $0.withUnsafeBufferPointer(predicate) }
    }

    /// Up to 8 bytes packed little-endian.
    @inline(__always)
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var word: UInt64 = 0
        for (index, byte) in bytes.enumerated() { word |= UInt64(byte) << UInt64(8 * index) }
        return word
    }
}

/// `bytes` without leading and trailing spaces (U+0020).
func trimmingSpaces<C: BidirectionalCollection>(_ bytes: C) -> C.SubSequence where C.Element == UInt8 {
    var start = bytes.startIndex, end = bytes.endIndex
    while start != end && bytes[start] == 0x20 { start = bytes.index(after: start) }
    while start != end && bytes[bytes.index(before: end)] == 0x20 { end = bytes.index(before: end) }
    return bytes[start..<end]
}
