/// Uploaded files: `/media/<folder>/<32 hex>.<ext>`, the folder being the slug of the resource that stored it.
public enum MediaURL: SiteRoute {
    case file(folder: RouteParameter<String>, name: RouteParameter<String>)

    public var path: String {
        switch self {
        case .file(let folder, let name): "/media/\(folder.segment("folder"))/\(name.segment("name"))"
        }
    }

    /// The URL of a stored upload from its stored path (`athletes/<hex>.png`).
    /// (Split at its first `/` by bytes: `split(separator:)` compares Characters, and cost 8,000 instructions a
    /// photo on the attendance list.)
    public static func file(_ relative: String) -> String {
        guard let slash = relative.utf8.firstIndex(of: UInt8(ascii: "/")), slash > relative.startIndex,
              case let name = relative.utf8.index(after: slash), name < relative.endIndex else {
            return file(folder: .value(relative), name: .value("")).path
        }
        return file(folder: .value(String(relative[..<slash])), name: .value(String(relative[name...]))).path
    }
}
