import Foundation

/// A library note as the readable outputs print it: numbers written with more than six decimals
/// (a caliper on the distance scale, a tolerance) shortened to four significant digits, so that
/// the last bits of a computation, which may differ between CPUs, do not reach the output.
enum NoteText {
    static func line(_ note: String) -> String {
        "note: " + shortened(note) + "\n"
    }

    static func shortened(_ text: String) -> String {
        text.replacing(/-?\d+\.\d{7,}(?:[eE][-+]?\d+)?/) { match in
            Double(match.output).map { String(format: "%.4g", $0) } ?? String(match.output)
        }
    }
}
