/// A problem in an input file, located so a person can open the file and fix it.
///
/// `description` reads like a compiler diagnostic: `payments.csv:18234:3: expected a number of
/// kronor, found "12 3a4"`. Lines and columns are 1-based; a column of 0 means the whole line,
/// a line of 0 the whole file.
public struct DataError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// What the user can do about it, when there is something specific to say.
    public var hint: String?

    public init(file: String, line: Int = 0, column: Int = 0, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var location = file
        if line > 0 { location += ":\(line)" }
        if line > 0 && column > 0 { location += ":\(column)" }
        return "\(location): \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}
