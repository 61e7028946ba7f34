import Hummingbird

/// Redirects: to the login page with the page to come back to, and back to a `next` that is safe.
enum SignInRedirect {
    /// `303` to `/login?next=<the page>`.
    static func response(returningTo request: Request) -> Response {
        var target = request.uri.path
        if let query = request.uri.query, !query.isEmpty { target += "?" + query }
        return .redirect(to: AccountsURL.login.path + "?next=" + SiteURL.queryEscaped(target), type: .normal)
    }

    /// `next` when it is a path on this site (not `//evil`, not `/\evil`, not a full URL), else the dashboard.
    static func safeTarget(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next.count <= 2000,
              !next.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" })
        else { return SiteURL.dashboard.path }
        return next
    }
}
