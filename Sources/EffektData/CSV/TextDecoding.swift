/// Turning field bytes into Swift strings (and back, for the missing-value tokens).
extension CSVEncoding {
    /// The text of `bytes`. UTF-8 input must already have been validated (invalid sequences
    /// would become U+FFFD). Windows-1252 bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D, which the code
    /// page leaves undefined, become the C1 controls of the same number, as in Latin-1.
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if self == .utf8 || !bytes.contains(where: { $0 >= 0x80 }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var text = String.UnicodeScalarView()
        for byte in bytes { text.append(Self.windows1252Scalar(byte)) }
        return String(text)
    }

    /// The bytes of `text` in this encoding, nil when Windows-1252 cannot represent it.
    func bytes(_ text: String) -> [UInt8]? {
        switch self {
        case .utf8:
            return Array(text.utf8)
        case .windows1252:
            var out: [UInt8] = []
            for scalar in text.unicodeScalars {
                guard let byte = Self.windows1252Byte(scalar) else { return nil }
                out.append(byte)
            }
            return out
        }
    }

    /// The scalars of Windows-1252 bytes 0x80–0x9F; the rest of the code page is Latin-1.
    private static let high: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        let value = (0x80..<0xA0).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
        return Unicode.Scalar(value) ?? "\u{FFFD}"     // every table entry is a valid scalar
    }

    private static func windows1252Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value < 0x80 || (0xA0..<0x100).contains(scalar.value) { return UInt8(scalar.value) }
        return high.firstIndex(of: scalar.value).map { UInt8(0x80 + $0) }
    }
}

extension CSVEncoding {
    /// Whether `bytes` are valid UTF-8.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.contains(where: { $0 >= 0x80 }) || String(validating: bytes, as: UTF8.self) != nil
    }

    /// The encoding `bytes` are most likely in when nothing else is known: UTF-8 if valid.
    static func guess(_ bytes: UnsafeBufferPointer<UInt8>) -> CSVEncoding {
        isValidUTF8(bytes) ? .utf8 : .windows1252
    }
}

/// A field's text as shown in an error message: in double quotes, cut after 40 characters,
/// control characters escaped. Without a known encoding, the bytes' likely one is used.
func quotedForMessage(_ bytes: UnsafeBufferPointer<UInt8>, _ encoding: CSVEncoding?) -> String {
    let text = (encoding ?? .guess(bytes)).string(bytes)
    var shown = ""
    for (index, character) in text.enumerated() {
        if index == 40 { shown += "…"; break }
        for scalar in character.unicodeScalars {
            if scalar == "\"" {
                shown += "\\\""
            } else if scalar.properties.generalCategory == .control {
                shown += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
    }
    return "\"" + shown + "\""
}
