import EffektData
import Foundation

/// A file a command reads, checked before any work so that a wrong path is reported as the user
/// wrote it (never made absolute, which would differ from machine to machine).
enum InputFile {
    static func url(_ path: String, option: String) throws -> URL {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw DataError(file: path, message: "no such file", hint: "check the path given to \(option)")
        }
        guard !isFolder.boolValue else {
            throw DataError(file: path, message: "is a folder, not a file", hint: "give \(option) a file")
        }
        return URL(fileURLWithPath: path)
    }
}
