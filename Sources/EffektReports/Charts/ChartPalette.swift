/// The colours of the charts: the Okabe–Ito palette, distinguishable with the common forms of
/// colour blindness and in greyscale print, on light greys for the grid.
enum ChartPalette {
    static let blue = "#0072B2"
    static let vermillion = "#D55E00"
    static let orange = "#E69F00"
    static let skyBlue = "#56B4E9"
    static let text = "#222222"
    static let axis = "#888888"
    static let grid = "#E4E4E4"
    static let zeroLine = "#333333"
    static let reference = "#555555"
    static let background = "#FFFFFF"
}
