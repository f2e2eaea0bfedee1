/// Type sizes and line styles shared by the charts, so that they look like one family.
enum ChartStyle {
    static let padding = 16.0
    static let titleSize = 17.0
    static let titleLineHeight = 22.0
    static let legendSize = 13.0
    static let legendRowHeight = 20.0
    static let axisTitleSize = 13.0
    static let tickLabelSize = 12.0
    static let bandOpacity = 0.18
    static let gridStroke = Stroke(color: ChartPalette.grid, width: 1)
    static let axisStroke = Stroke(color: ChartPalette.axis, width: 1)
    static let zeroStroke = Stroke(color: ChartPalette.zeroLine, width: 1.3)
    static let referenceStroke = Stroke(color: ChartPalette.reference, width: 1.3, dash: "6 4")
    static let costStroke = Stroke(color: ChartPalette.vermillion, width: 2, dash: "7 5")
}
