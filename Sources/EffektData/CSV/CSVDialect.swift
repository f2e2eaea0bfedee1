/// Detecting the delimiter and the decimal separator of a file when the options leave them
/// open, and sampling the records' length.
enum CSVDialect {
    /// The delimiter of the line starting at `start`, judged outside quotes: `;` if it occurs,
    /// else tab if it occurs, else `,`.
    static func delimiter(_ bytes: ByteSource, lineAt start: Int) -> UInt8 {
        var seen = (semicolon: false, tab: false)
        var quoted = false
        scan: for i in start..<bytes.count {
            switch bytes.base[i] {
            case 0x22: quoted.toggle()
            case 0x0A where !quoted: break scan
            case UInt8(ascii: ";") where !quoted: seen.semicolon = true
            case 0x09 where !quoted: seen.tab = true
            default: break
            }
        }
        return seen.semicolon ? UInt8(ascii: ";") : seen.tab ? 0x09 : UInt8(ascii: ",")
    }

    /// What the first records after the header look like.
    struct Sample {
        var records = 0
        var bytes = 0
        /// Fields shaped like `12,5` and like `12.5`.
        var commaDecimals = 0, pointDecimals = 0

        /// Average bytes per record (the whole data's length when the sample is empty).
        var bytesPerRecord: Double { records == 0 ? .infinity : Double(bytes) / Double(records) }
    }

    /// Looks at up to 1000 records from `start` (stopping early at a malformed one).
    static func sample(_ bytes: ByteSource, dataAt start: Int, delimiter: UInt8) -> Sample {
        var sample = Sample()
        var scanner = CSVScanner(bytes, from: start, delimiter: delimiter)
        while sample.records < 1000 && scanner.position < bytes.count {
            guard let field = try? scanner.nextField() else { break }
            switch scanner.withContent(of: field, decimalSeparator(of:)) {
            case UInt8(ascii: ","): sample.commaDecimals += 1
            case UInt8(ascii: "."): sample.pointDecimals += 1
            default: break
            }
            if field.endsRecord { sample.records += 1 }
        }
        sample.bytes = scanner.position - start
        return sample
    }

    /// Whether numbers use a decimal comma: never with a `,` delimiter; otherwise true when the
    /// sample has more fields like `12,5` than like `12.5`, false when fewer, and with neither,
    /// true for `;` and false for other delimiters.
    static func decimalComma(_ sample: Sample, delimiter: UInt8) -> Bool {
        guard delimiter != UInt8(ascii: ",") else { return false }
        let (commas, points) = (sample.commaDecimals, sample.pointDecimals)
        return commas == points ? delimiter == UInt8(ascii: ";") : commas > points
    }

    /// The separator of a field shaped like a decimal number — optional sign, digits (spaces
    /// between them allowed), one `,` or `.`, digits — or nil.
    private static func decimalSeparator(of field: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var separator: UInt8?
        var digitsBefore = 0, digitsAfter = 0
        for (index, byte) in field.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if separator == nil { digitsBefore += 1 } else { digitsAfter += 1 }
            case UInt8(ascii: "-") where index == 0, UInt8(ascii: "+") where index == 0: continue
            case 0x20 where separator == nil, 0xA0 where separator == nil, 0xC2 where separator == nil: continue
            case UInt8(ascii: ",") where separator == nil, UInt8(ascii: ".") where separator == nil: separator = byte
            default: return nil
            }
        }
        return digitsBefore > 0 && digitsAfter > 0 ? separator : nil
    }
}
