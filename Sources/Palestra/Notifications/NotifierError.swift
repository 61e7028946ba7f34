/// A notification the ``Notifier`` refuses to write.
public enum NotifierError: Error, Equatable, CustomStringConvertible {
    case unsafeLink(String)

    public var description: String {
        switch self {
        case .unsafeLink(let link): "a notification's link must be a site path or an http(s) URL, not \(link)"
        }
    }
}
