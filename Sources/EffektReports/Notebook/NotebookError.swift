/// A notebook that cannot be read as one: the file, the line, what is wrong and what to do.
public struct NotebookError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    /// 1-based line in the notebook.
    public var line: Int
    public var message: String
    public var hint: String?

    public init(file: String, line: Int, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.message = message
        self.hint = hint
    }

    public var description: String {
        "\(file):\(line): \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}
