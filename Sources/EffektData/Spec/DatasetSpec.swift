import Foundation

/// The dataset spec (`spec.json`): which files hold the register, which columns play which role,
/// the study window, codebooks and missing-value codes. Paths are relative to the spec's folder.
///
/// ```json
/// { "name": "…", "window": {"first_month": "2015-01", "last_month": "2024-12"},
///   "files": {
///     "persons":   {"path": "persons.csv",  "columns": {"id": "person_id", "birth_year": "fodelsear", …}},
///     "payments":  {"path": "payments.csv", "columns": {"id": "person_id", "month": "manad", "amount": "belopp_kr"}},
///     "episodes":  {"path": "episodes.csv", "columns": {"id": "person_id", "insats": "insats", "start": "startdatum",
///                                                     "end": "slutdatum", "exit_reason": "avslutsorsak"}},
///     "catalogue": {"path": "insatser.csv", "columns": {"code": "kod", "name": "namn",
///                                                     "cost_per_participant": "kostnad_per_deltagare"}} },
///   "codebooks": {"district": {"01": "Rinkeby-Kista", …}, "hinder": {…}, "exit_reason": {…}},
///   "missing": ["", "NA", "."] }
/// ```
/// Each file may also give `delimiter` (`";"`, `","`, `"\t"`), `decimal` (`","` or `"."`),
/// `thousands` (`"space"`), and `encoding` (`"utf-8"`, `"windows-1252"`, `"latin-1"`); absent
/// means detected.
public struct DatasetSpec: Codable, Sendable, Equatable {
    public var name: String?
    public var window: StudyWindow
    public var files: Files
    /// Swedish labels by codebook name (`insats`, `district`, `hinder`, `exit_reason`, …) and code.
    public var codebooks: [String: [String: String]]?
    /// Field contents meaning "no value", for every file; default `["", "NA", "."]`.
    public var missing: [String]?
    /// A propensity-score formula overriding the default covariates (used by `evaluate`).
    public var formula: String?

    public struct Files: Codable, Sendable, Equatable {
        public var persons: FileSpec
        public var payments: FileSpec
        public var episodes: FileSpec
        public var catalogue: FileSpec
    }

    public init(name: String?, window: StudyWindow, files: Files, codebooks: [String: [String: String]]? = nil,
                missing: [String]? = nil, formula: String? = nil) {
        self.name = name
        self.window = window
        self.files = files
        self.codebooks = codebooks
        self.missing = missing
        self.formula = formula
    }
}

/// One input file of the register and the roles of its columns.
public struct FileSpec: Codable, Sendable, Equatable {
    public var path: String
    /// Role → column name in the file's header.
    public var columns: [String: String]
    public var delimiter: String?
    public var decimal: String?
    public var thousands: String?
    public var encoding: String?

    public init(path: String, columns: [String: String], delimiter: String? = nil, decimal: String? = nil,
                thousands: String? = nil, encoding: String? = nil) {
        self.path = path
        self.columns = columns
        self.delimiter = delimiter
        self.decimal = decimal
        self.thousands = thousands
        self.encoding = encoding
    }
}

/// The calendar months covered by the study, both ends included (`"2015-01"` … `"2024-12"`).
public struct StudyWindow: Codable, Sendable, Equatable {
    public var firstMonth: Int32
    public var lastMonth: Int32

    public init(firstMonth: Int32, lastMonth: Int32) {
        self.firstMonth = firstMonth
        self.lastMonth = lastMonth
    }

    /// Number of months in the window.
    public var count: Int { Int(lastMonth - firstMonth) + 1 }

    /// Zero-based position of a month code in the window, or nil outside it.
    public func index(of month: Int32) -> Int? {
        month >= firstMonth && month <= lastMonth ? Int(month - firstMonth) : nil
    }

    enum CodingKeys: String, CodingKey { case firstMonth = "first_month", lastMonth = "last_month" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func month(_ key: CodingKeys) throws -> Int32 {
            let text = try c.decode(String.self, forKey: key)
            guard let code = MonthText.parse(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected a month like \"2019-03\", found \"\(text)\"")
            }
            return code
        }
        firstMonth = try month(.firstMonth)
        lastMonth = try month(.lastMonth)
        guard lastMonth >= firstMonth else {
            throw DecodingError.dataCorruptedError(forKey: .lastMonth, in: c, debugDescription: "the window ends before it starts")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(MonthText.format(firstMonth), forKey: .firstMonth)
        try c.encode(MonthText.format(lastMonth), forKey: .lastMonth)
    }
}

/// Months as text: `YYYY-MM` out, `YYYY-MM` or `YYYYMM` in. Codes are year·12 + (month − 1).
public enum MonthText {
    public static func parse(_ text: String) -> Int32? {
        let digits = text.filter(\.isNumber)
        guard digits.count == 6, text.count <= 7, let year = Int(digits.prefix(4)), let month = Int(digits.suffix(2)),
              (1...12).contains(month) else { return nil }
        return Int32(year * 12 + month - 1)
    }

    public static func format(_ code: Int32) -> String {
        let (year, month) = CalendarCode.yearMonth(code)
        return String(format: "%04d-%02d", year, month)
    }
}
