import Foundation

/// Pretty, key-sorted JSON for `--json` output (deterministic across runs).
enum JSONText {
    static func render(_ object: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
