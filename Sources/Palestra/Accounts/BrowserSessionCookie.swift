import Hummingbird

/// The cookie that carries a session's token: `HttpOnly`, `SameSite=Lax`, `Path=/`, `Secure` when the
/// site runs over HTTPS. A signed-in session's cookie lives as long as the session may; a pre-login
/// one ends with the browser.
enum BrowserSessionCookie {
    static func set(_ session: BrowserSession, settings: BrowserSessionSettings, on response: inout Response) {
        response.setCookie(Cookie(
            name: BrowserSessionSettings.cookieName,
            value: session.token,
            maxAge: session.user == nil ? nil : settings.lifetime.wholeSeconds,
            path: "/",
            secure: settings.secureCookie,
            httpOnly: true,
            sameSite: .lax
        ))
    }

    static func clear(settings: BrowserSessionSettings, on response: inout Response) {
        response.setCookie(Cookie(
            name: BrowserSessionSettings.cookieName, value: "", maxAge: 0, path: "/",
            secure: settings.secureCookie, httpOnly: true, sameSite: .lax
        ))
    }
}
