import Foundation

/// Locates and loads reference fixtures stored under `Tests/Fixtures/` (each made by a script
/// kept beside it), and the public data sets under `Datasets/`.
public enum Fixtures {
    /// The repository root, found from this source file's path (works for `swift test` on Linux,
    /// where test bundles carry no resources).
    public static let repositoryRoot: URL = {
        URL(fileURLWithPath: #filePath)      // Tests/EffektTestSupport/Fixtures.swift
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
    }()

    public static func url(_ relativePath: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath)
    }

    public static func datasetURL(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("Datasets").appendingPathComponent(name)
    }

    /// Parses a JSON fixture into Foundation values (`[String: Any]`, `[Any]`, `NSNumber`, `String`).
    public static func json(_ relativePath: String) throws -> Any {
        let data = try Data(contentsOf: url(relativePath))
        return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// A JSON fixture whose top level is an object.
    public static func object(_ relativePath: String) throws -> [String: Any] {
        guard let object = try json(relativePath) as? [String: Any] else {
            throw FixtureError.shape(relativePath, "top level is not an object")
        }
        return object
    }
}

public enum FixtureError: Error, CustomStringConvertible {
    case shape(String, String)
    public var description: String {
        switch self {
        case let .shape(file, what): return "fixture \(file): \(what)"
        }
    }
}

/// A JSON number as the exact double it was written as. On Linux `JSONSerialization` returns
/// long decimals as `NSDecimalNumber`, whose `doubleValue` can be off by an ulp or two; parsing
/// the decimal string gives the correctly rounded double.
public func exactDouble(_ value: Any?) -> Double? {
    if let decimal = value as? NSDecimalNumber { return Double(decimal.stringValue) }
    return (value as? NSNumber)?.doubleValue
}

/// Reads typed values out of a parsed JSON fixture, failing with the key path when absent.
public extension Dictionary where Key == String, Value == Any {
    func double(_ key: String) throws -> Double {
        guard let v = exactDouble(self[key]) else { throw FixtureError.shape(key, "not a number") }
        return v
    }
    func doubles(_ key: String) throws -> [Double] {
        guard let v = self[key] as? [Any] else { throw FixtureError.shape(key, "not an array") }
        return try v.map {
            guard let n = exactDouble($0) else { throw FixtureError.shape(key, "array element not a number") }
            return n
        }
    }
    func strings(_ key: String) throws -> [String] {
        guard let v = self[key] as? [String] else { throw FixtureError.shape(key, "not an array of strings") }
        return v
    }
    func object(_ key: String) throws -> [String: Any] {
        guard let v = self[key] as? [String: Any] else { throw FixtureError.shape(key, "not an object") }
        return v
    }
    func objects(_ key: String) throws -> [[String: Any]] {
        guard let v = self[key] as? [[String: Any]] else { throw FixtureError.shape(key, "not an array of objects") }
        return v
    }
}

/// Relative difference |a − b| / max(|b|, floor): the tolerance measure the fixtures' scripts quote.
public func relativeError(_ a: Double, _ b: Double, floor: Double = 1e-300) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(abs(b), floor)
}
