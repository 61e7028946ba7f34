/// Uploaded files: `/media/<folder>/<32 hex>.<ext>`, the folder being the slug of the resource that stored it.
public enum MediaURL: SiteRoute {
    case file(folder: RouteParameter<String>, name: RouteParameter<String>)

    public var path: String {
        switch self {
        case .file(let folder, let name): "/media/\(folder.segment("folder"))/\(name.segment("name"))"
        }
    }

    /// The URL of a stored upload from its stored path (`athletes/<hex>.png`).
    /// (Split at its first `/` after any leading ones, by bytes: `split(separator:maxSplits:)` compares Characters,
    /// and cost 8,000 instructions a photo on the attendance list. Unlike it, a `/` followed by a combining mark is
    /// a `/` here; stored paths hold none.)
    public static func file(_ relative: String) -> String {
        let start = relative.utf8.firstIndex { $0 != UInt8(ascii: "/") } ?? relative.endIndex
        guard let slash = relative.utf8[start...].firstIndex(of: UInt8(ascii: "/")),
              case let name = relative.utf8.index(after: slash), name < relative.endIndex else {
            return file(folder: .value(relative), name: .value("")).path
        }
        return file(folder: .value(String(relative[start..<slash])), name: .value(String(relative[name...]))).path
    }
}
