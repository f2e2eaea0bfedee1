import EffektNumerics
import Foundation

/// A design stored in a fixture as `{"names": [...], "columns": [[...], ...]}`.
public struct FixtureDesign {
    public let names: [String]
    public let matrix: Matrix

    public init(_ object: [String: Any]) throws {
        names = try object.strings("names")
        guard let columns = object["columns"] as? [[Any]] else { throw FixtureError.shape("design", "no columns") }
        let arrays = try columns.map { column in
            try column.map { value -> Double in
                guard let number = exactDouble(value) else { throw FixtureError.shape("design", "non-numeric entry") }
                return number
            }
        }
        matrix = Matrix(columns: arrays)
    }
}

/// Looks up a named value in a `{name: number or null}` fixture object.
public func namedValue(_ object: [String: Any], _ name: String) -> Double? {
    exactDouble(object[name])
}
