import Foundation

extension DatasetSpec {
    /// The roles each file must map to a column, and those it may.
    static let requiredRoles: [String: [String]] = [
        "persons": ["id"],
        "payments": ["id", "month", "amount"],
        "episodes": ["id", "insats", "start"],
        "catalogue": ["code", "name"],
    ]

    /// Reads and checks a spec file. Errors name the file and, where JSON decoding failed, the
    /// key path (`files.payments.columns`).
    public static func load(_ url: URL) throws -> DatasetSpec {
        let name = url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError(file: url.relativePath, message: "cannot read the dataset spec", hint: "check the path given to --spec")
        }
        guard !data.isEmpty else { throw DataError(file: name, message: "the dataset spec is empty") }
        let spec: DatasetSpec
        do {
            spec = try JSONDecoder().decode(DatasetSpec.self, from: data)
        } catch let error as DecodingError {
            throw DataError(file: name, message: Self.describe(error))
        } catch {
            throw DataError(file: name, message: "not valid JSON: \(error.localizedDescription)")
        }
        try spec.checkRoles(file: name)
        return spec
    }

    /// Every file maps its required roles, and costs are given one way or the other.
    func checkRoles(file: String) throws {
        for (key, fileSpec) in [("persons", files.persons), ("payments", files.payments),
                                ("episodes", files.episodes), ("catalogue", files.catalogue)] {
            for role in Self.requiredRoles[key]! where fileSpec.columns[role] == nil {
                throw DataError(file: file, message: "files.\(key).columns has no \"\(role)\" entry",
                                hint: "map the role to the column name in \(fileSpec.path), e.g. \"\(role)\": \"…\"")
            }
        }
        let catalogue = files.catalogue.columns
        if catalogue["cost_per_participant"] == nil && catalogue["cost_per_month"] == nil {
            throw DataError(file: file, message: "files.catalogue.columns names neither \"cost_per_participant\" nor \"cost_per_month\"",
                            hint: "the cost summary needs what an insats costs")
        }
    }

    /// CSV options for one of the spec's files.
    public func csvOptions(for file: FileSpec, name: String) throws -> CSVOptions {
        var options = CSVOptions()
        options.missing = Set(missing ?? ["", "NA", "."])
        switch file.delimiter {
        case nil: break
        case ";": options.delimiter = UInt8(ascii: ";")
        case ",": options.delimiter = UInt8(ascii: ",")
        case "\t", "tab": options.delimiter = UInt8(ascii: "\t")
        case let other?: throw DataError(file: name, message: "files.\(file.path): delimiter \"\(other)\" is not one of \";\", \",\" or tab")
        }
        switch file.decimal {
        case nil: break
        case ",": options.decimalComma = true
        case ".": options.decimalComma = false
        case let other?: throw DataError(file: name, message: "files.\(file.path): decimal \"\(other)\" is not \",\" or \".\"")
        }
        switch file.thousands {
        case nil, "none": break
        case "space": options.thousandsSeparator = .space
        case let other?: throw DataError(file: name, message: "files.\(file.path): thousands \"\(other)\" is not \"space\" or \"none\"")
        }
        switch file.encoding?.lowercased() {
        case nil: break
        case "utf-8", "utf8": options.encoding = .utf8
        case "windows-1252", "cp1252", "latin-1", "latin1", "iso-8859-1": options.encoding = .windows1252
        case let other?: throw DataError(file: name, message: "files.\(file.path): encoding \"\(other)\" is not utf-8 or windows-1252")
        }
        return options
    }

    /// A readable account of a JSON decoding failure, with the key path.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case let .keyNotFound(key, context):
            let at = path(context.codingPath)
            return "missing key \"\(key.stringValue)\"" + (at.isEmpty ? "" : " in \(at)")
        case let .typeMismatch(type, context):
            return "\(path(context.codingPath)): expected \(type)"
        case let .valueNotFound(type, context):
            return "\(path(context.codingPath)): expected \(type), found null"
        case let .dataCorrupted(context):
            let at = path(context.codingPath)
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return (at.isEmpty ? "" : "\(at): ") + (underlying ?? context.debugDescription)
        @unknown default:
            return "\(error)"
        }
    }
}

extension FileSpec {
    /// The path resolved against the spec's folder.
    public func url(relativeTo base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    }
}
