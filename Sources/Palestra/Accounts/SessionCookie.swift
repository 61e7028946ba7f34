import Hummingbird

/// The cookie that carries a session's token: `HttpOnly`, `SameSite=Lax`, `Path=/`, `Secure` when the
/// site runs over HTTPS. A signed-in session's cookie lives as long as the session may; a pre-login
/// one ends with the browser.
enum SessionCookie {
    static func set(_ session: BrowserSession, settings: SessionSettings, on response: inout Response) {
        response.setCookie(Cookie(
            name: SessionSettings.cookieName,
            value: session.token,
            maxAge: session.user == nil ? nil : settings.lifetime.wholeSeconds,
            path: "/",
            secure: settings.secureCookie,
            httpOnly: true,
            sameSite: .lax
        ))
    }

    static func clear(settings: SessionSettings, on response: inout Response) {
        response.setCookie(Cookie(
            name: SessionSettings.cookieName, value: "", maxAge: 0, path: "/",
            secure: settings.secureCookie, httpOnly: true, sameSite: .lax
        ))
    }
}
