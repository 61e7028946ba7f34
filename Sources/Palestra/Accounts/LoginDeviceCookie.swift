import Hummingbird

/// The cookie of a browser that has signed in before (`palestra_device`): a random token, `HttpOnly`,
/// `SameSite=Lax`, `Secure` when the site runs over HTTPS, kept a year. Which accounts it stands for is in
/// `login_devices`; the token alone says nothing.
enum LoginDeviceCookie {
    static let name = "palestra_device"
    static let lifetime: Duration = .seconds(365 * 24 * 3600)

    /// The request's device token, when it has the shape of one.
    static func token(of request: Request) -> String? {
        guard let value = request.cookies[name]?.value, SessionToken.isWellFormed(value) else { return nil }
        return value
    }

    static func set(_ token: String, settings: BrowserSessionSettings, on response: inout Response) {
        response.setCookie(Cookie(
            name: name, value: token, maxAge: lifetime.wholeSeconds, path: "/",
            secure: settings.secureCookie, httpOnly: true, sameSite: .lax
        ))
    }
}
