import Foundation

/// Writes `JSONValue`s as text that is the same, byte for byte, on every run and machine:
/// object members in the order the value holds them, two-space indentation, `\n` line ends and
/// a final newline, numbers in the shortest form that reads back as the same `Double`
/// (JavaScript's rule: `0.1`, `1039`, `1e-7`, `1.5e+21`), no locale anywhere. Strings are
/// UTF-8 with only `"`, `\` and control characters escaped, so å ä ö stay readable.
public struct JSONWriter: Sendable {
    public init() {}

    public func render(_ value: JSONValue) -> String {
        var output = ""
        append(value, indent: "", to: &output)
        return output + "\n"
    }

    public func write(_ value: JSONValue, to url: URL) throws {
        try AtomicFile.write(render(value), to: url)
    }

    private func append(_ value: JSONValue, indent: String, to output: inout String) {
        let inner = indent + "  "
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let number): output += String(number)
        case .number(let number): output += DecimalNumber(number)?.shortestText(decimalSeparator: ".") ?? "null"
        case .string(let text): output += Self.quoted(text)
        case .array(let elements):
            guard !elements.isEmpty else { output += "[]"; return }
            output += "[\n"
            for (index, element) in elements.enumerated() {
                output += inner
                append(element, indent: inner, to: &output)
                output += index < elements.count - 1 ? ",\n" : "\n"
            }
            output += indent + "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{\n"
            for (index, member) in members.enumerated() {
                output += inner + Self.quoted(member.key) + ": "
                append(member.value, indent: inner, to: &output)
                output += index < members.count - 1 ? ",\n" : "\n"
            }
            output += indent + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
