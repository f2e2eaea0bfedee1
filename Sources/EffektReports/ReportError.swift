/// Why a report document could not be built, phrased for the person running Effekt.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// An image the Markdown embeds does not exist or cannot be read.
    case missingImage(path: String)
    /// An image given as a URL: a report must not make requests when opened.
    case externalResource(String)
    /// An image of a type that cannot be embedded (SVG, PNG, JPEG and GIF can).
    case unsupportedImage(path: String)

    public var description: String {
        switch self {
        case .missingImage(let path): "The image \(path) could not be read."
        case .externalResource(let reference): "The image \(reference) is on the network; reports embed local files only."
        case .unsupportedImage(let path): "The image \(path) is not SVG, PNG, JPEG or GIF."
        }
    }
}
