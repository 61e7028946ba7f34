/// Uploaded files: `/media/<folder>/<32 hex>.<ext>`, the folder being the slug of the resource that stored it.
public enum MediaURL: SiteRoute {
    case file(folder: RouteParameter<String>, name: RouteParameter<String>)

    public var path: String {
        switch self {
        case .file(let folder, let name): "/media/\(folder.segment("folder"))/\(name.segment("name"))"
        }
    }

    /// The URL of a stored upload from its stored path (`athletes/<hex>.png`).
    public static func file(_ relative: String) -> String {
        let parts = relative.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return file(folder: .value(relative), name: .value("")).path }
        return file(folder: .value(parts[0]), name: .value(parts[1])).path
    }
}
