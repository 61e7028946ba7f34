/// Something that stops the server from starting: a missing template, a broken catalog.
/// Its description is the one line printed before exiting.
public struct StartupError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
