import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Palestra
import TestSupport

/// A browser over the router test client: it keeps cookies, remembers the CSRF token of the last page
/// it read, and signs in through the real login form.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// The `csrf_token` of the last page that had a form.
    var csrfToken: String?
    /// Sent with every request (e.g. `X-Forwarded-For` in the throttling tests).
    var extraHeaders: HTTPFields = [:]

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    var sessionToken: String? { cookies[BrowserSessionSettings.cookieName] }

    mutating func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(uri, method: .get, headers: headers, bytes: nil)
    }

    /// Posts a form; the last page's CSRF token is added unless `csrf` says otherwise
    /// (`nil` leaves the field out, a string sends that value).
    mutating func post(
        _ uri: String, _ fields: [(String, String)] = [], csrf: String?? = .none, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var all = fields
        switch csrf {
        case .none: if let csrfToken { all.insert((CSRFMiddleware.fieldName, csrfToken), at: 0) }
        case .some(.none): break
        case .some(.some(let value)): all.insert((CSRFMiddleware.fieldName, value), at: 0)
        }
        let body = all.map { SiteURL.queryEscaped($0.0) + "=" + SiteURL.queryEscaped($0.1) }.joined(separator: "&")
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(uri, method: .post, headers: headers, bytes: ByteBuffer(string: body))
    }

    /// Posts a `multipart/form-data` form with files (`name`, file name, bytes); the CSRF token is added.
    mutating func postMultipart(
        _ uri: String, _ fields: [(String, String)], files: [(name: String, filename: String, bytes: [UInt8])]
    ) async throws -> TestResponse {
        let boundary = "----palestra-test-boundary-7f3a"
        var body: [UInt8] = []
        func append(_ text: String) { body += Array(text.utf8) }
        for (name, value) in (csrfToken.map { [(CSRFMiddleware.fieldName, $0)] } ?? []) + fields {
            append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\n")
            append("Content-Type: image/png\r\n\r\n")
            body += file.bytes
            append("\r\n")
        }
        append("--\(boundary)--\r\n")
        var headers = HTTPFields()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await send(uri, method: .post, headers: headers, bytes: ByteBuffer(bytes: body))
    }

    /// Follows a redirect's `Location` with a GET.
    mutating func follow(_ response: TestResponse) async throws -> TestResponse {
        guard let location = response.headers[.location] else { throw BrowserError.notARedirect(response.status.code) }
        return try await get(location)
    }

    /// Opens the login page and submits it; returns the login POST's answer.
    @discardableResult
    mutating func signIn(_ email: String, _ password: String = TestUsers.password, next: String? = nil) async throws -> TestResponse {
        _ = try await get(AccountsURL.login.path)
        var fields = [("email", email), ("password", password)]
        if let next { fields.append(("next", next)) }
        return try await post(AccountsURL.login.path, fields)
    }

    /// A browser signed in as a new admin, `admin@example.org` ("Ada Admin").
    static func signedInAdmin(_ client: any TestClientProtocol, _ database: TestDatabase) async throws -> Browser {
        try await TestUsers.create("admin@example.org", role: .admin, name: "Ada Admin", in: database)
        var browser = Browser(client)
        try await browser.signIn("admin@example.org")
        return browser
    }

    private mutating func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, bytes: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        for field in extraHeaders { headers.append(field) }
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: bytes
        )
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard pair.count == 2 else { continue }
            if line.contains("Max-Age=0") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
        if let token = Self.csrfToken(in: response.text) { csrfToken = token }
        return response
    }

    static func csrfToken(in page: String) -> String? {
        page.firstMatch(of: /name="csrf_token" value="([A-Za-z0-9_-]+)"/).map { String($0.output.1) }
    }
}

enum BrowserError: Error {
    case notARedirect(Int)
}
