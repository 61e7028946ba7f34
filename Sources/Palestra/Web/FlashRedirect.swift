import Hummingbird

extension BrowserSessionStore {
    /// The answer to a form that worked: a 303 to `location`, with a message the next page shows once.
    func redirect(to location: String, flash: FlashMessage, session: BrowserSession) async throws -> Response {
        try await addFlash(flash, to: session)
        return .redirect(to: location, type: .normal)
    }
}
