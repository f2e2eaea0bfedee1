import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG document parsed with Foundation's `XMLParser`: whether it is well-formed XML, the
/// root's attributes, all text content, and every coordinate attribute of the elements.
final class SVGInspection: NSObject, XMLParserDelegate {
    private(set) var isWellFormed = false
    private(set) var rootAttributes: [String: String] = [:]
    private(set) var texts: [String] = []
    /// (element, attribute, value) for x/y/x1/x2/y1/y2/cx/cy and each point of `points`.
    private(set) var coordinates: [(element: String, axis: Character, value: Double)] = []
    private(set) var elementNames: [String] = []
    private var currentText = ""

    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        isWellFormed = parser.parse()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if elementNames.isEmpty { rootAttributes = attributes }
        elementNames.append(name)
        currentText = ""
        for (key, value) in attributes {
            switch key {
            case "x", "x1", "x2", "cx": coordinates.append((name, "x", Double(value) ?? .nan))
            case "y", "y1", "y2", "cy": coordinates.append((name, "y", Double(value) ?? .nan))
            case "points":
                for pair in value.split(separator: " ") {
                    let parts = pair.split(separator: ",").map { Double($0) ?? .nan }
                    coordinates.append((name, "x", parts.first ?? .nan))
                    coordinates.append((name, "y", parts.count == 2 ? parts[1] : .nan))
                }
            default: break
            }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        currentText += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if !currentText.isEmpty { texts.append(currentText) }
        currentText = ""
    }

    var width: Double { Double(rootAttributes["width"] ?? "") ?? .nan }
    var height: Double { Double(rootAttributes["height"] ?? "") ?? .nan }

    /// Coordinates outside the viewBox (or not numbers).
    var strayCoordinates: [(element: String, axis: Character, value: Double)] {
        coordinates.filter { !(0...($0.axis == "x" ? width : height)).contains($0.value) }
    }
}
