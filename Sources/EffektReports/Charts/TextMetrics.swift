/// Estimated widths of text in a generic sans-serif font, for laying out labels without font
/// metrics. The per-character widths (in em) are those of DejaVu Sans, the widest common
/// sans-serif and the one Linux renderers fall back to, so labels laid out with them also fit
/// in Arial or Helvetica. Bold text is about 10 % wider.
enum TextMetrics {
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        text.reduce(0) { $0 + emWidth($1) } * size * (bold ? 1.1 : 1)
    }

    private static func emWidth(_ character: Character) -> Double {
        switch character {
        case " ", "\u{00A0}", "i", "j", "l", ".", ",", ":", ";", "|", "!", "'", "’": 0.32
        case "f", "r", "t", "(", ")", "[", "]", "-", "/": 0.42
        case "0"..."9": 0.64
        case "m", "w", "M", "W", "%", "\u{2212}", "–", "—": 0.9
        case "A"..."Z", "Å", "Ä", "Ö", "É": 0.72
        default: 0.65
        }
    }

    /// `text` broken at spaces into lines no wider than `maxWidth` (a single word wider than that
    /// gets a line of its own).
    static func wrap(_ text: String, size: Double, bold: Bool = false, maxWidth: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if !current.isEmpty && width(candidate, size: size, bold: bold) > maxWidth {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// `text` shortened with "…" to at most `maxWidth`.
    static func truncate(_ text: String, size: Double, maxWidth: Double) -> String {
        guard width(text, size: size) > maxWidth else { return text }
        var shortened = text
        while !shortened.isEmpty && width(shortened + "…", size: size) > maxWidth { shortened.removeLast() }
        return shortened + "…"
    }
}
