import Foundation

/// The options given to one command, checked against its declared `OptionSpec`s.
struct ParsedOptions {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    /// Arguments that are not options, in order.
    private(set) var positional: [String] = []
    let command: String
    /// From --quiet and --verbose, which every command has.
    private(set) var diagnostics = Diagnostics(level: .normal)

    /// Parses `arguments`; `--name value` and `--name=value` are both accepted.
    init(_ arguments: [String], specs: [OptionSpec], command: String) throws {
        self.command = command
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            guard argument.hasPrefix("--"), argument.count > 2 else {
                positional.append(argument)
                continue
            }
            var name = argument
            var inlineValue: String?
            if let eq = argument.firstIndex(of: "=") {
                name = String(argument[..<eq])
                inlineValue = String(argument[argument.index(after: eq)...])
            }
            guard let spec = specs.first(where: { $0.name == name }) else {
                throw UsageError.unknownOption(name, command: command, suggestion: Self.closest(to: name, in: specs.map(\.name)))
            }
            switch spec.kind {
            case .flag:
                if inlineValue != nil { throw UsageError.invalidValue(name, command: command, reason: "takes no value") }
                flags.insert(name)
            case .value:
                if let inlineValue {
                    values[name] = inlineValue
                } else {
                    guard i < arguments.count, !arguments[i].hasPrefix("--") else {
                        throw UsageError.missingValue(name, command: command)
                    }
                    values[name] = arguments[i]
                    i += 1
                }
            }
        }
        if flags.contains("--quiet") && flags.contains("--verbose") {
            throw UsageError.invalidValue("--quiet", command: command, reason: "and --verbose cannot be combined")
        }
        diagnostics = Diagnostics(level: flags.contains("--quiet") ? .quiet : flags.contains("--verbose") ? .verbose : .normal)
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    func string(_ name: String) -> String? { values[name] }

    func required(_ name: String) throws -> String {
        guard let v = values[name] else { throw UsageError.missingOption(name, command: command) }
        return v
    }

    func int(_ name: String) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard let v = Int(text) else { throw UsageError.invalidValue(name, command: command, reason: "expects a whole number, got \"\(text)\"") }
        return v
    }

    func double(_ name: String) throws -> Double? {
        guard let text = values[name] else { return nil }
        guard let v = Double(text), v.isFinite else { throw UsageError.invalidValue(name, command: command, reason: "expects a number, got \"\(text)\"") }
        return v
    }

    func uint64(_ name: String) throws -> UInt64? {
        guard let text = values[name] else { return nil }
        guard let v = UInt64(text) else { throw UsageError.invalidValue(name, command: command, reason: "expects a non-negative whole number, got \"\(text)\"") }
        return v
    }

    /// A comma-separated list (`--insats A,B,C`).
    func list(_ name: String) -> [String]? {
        values[name].map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    /// The option name in `candidates` closest to `name` by edit distance, when close enough.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(Array(name), Array($0))) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, name.count / 3) else { return nil }
        return best
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
