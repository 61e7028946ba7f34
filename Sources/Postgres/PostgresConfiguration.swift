import CLibPQ

/// Where and how to connect: a libpq connection URL or keyword string, validated by libpq itself.
public struct PostgresConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// libpq keywords and values given in the string, plus `tcpKeepaliveDefaults` for the keywords
    /// it does not set, except the ones held by the properties below.
    private var options: [String: String]

    /// TCP keepalive and user-timeout settings added unless the string sets them, so a server that goes
    /// silent (a dropped network path, a frozen host) breaks the connection within about a minute instead
    /// of leaving a query or a listener blocked for the kernel's default of hours. libpq ignores them on
    /// Unix sockets, and `tcp_user_timeout` on systems without `TCP_USER_TIMEOUT`.
    static let tcpKeepaliveDefaults: [(keyword: String, value: String)] = [
        ("keepalives", "1"),
        ("keepalives_idle", "30"),
        ("keepalives_interval", "10"),
        ("keepalives_count", "3"),
        ("tcp_user_timeout", "60000"),
    ]

    /// Seconds to wait for a connection (libpq `connect_timeout`): 5 unless the string sets it; 0 waits forever.
    public var connectTimeout: Int
    /// Shown in `pg_stat_activity`: "palestra" unless the string sets `application_name`.
    public var applicationName: String
    /// The most named statements each connection keeps prepared (``PostgresPlanning/cached``), the least
    /// recently used deallocated beyond it; 0 prepares none, every statement then runs as the unnamed one
    /// (for a pooler that cannot keep prepared statements).
    public var statementCacheCapacity = 256

    /// Accepts a URL (`postgres://` or `postgresql://user:pass@host:port/db?sslmode=…`, with Unix-socket
    /// directories as `?host=/path` or a percent-encoded host) or a libpq keyword string (`host=/tmp dbname=x`).
    /// Throws ``PostgresError/invalidConfiguration(_:)`` naming what is wrong.
    public init(_ string: String) throws {
        guard !string.allSatisfy(\.isWhitespace) else {
            throw PostgresError.invalidConfiguration("the connection string is empty")
        }
        var options = try Self.parse(string)
        connectTimeout = 5
        if let timeout = options.removeValue(forKey: "connect_timeout") {
            guard let seconds = Int(timeout.trimmingWhitespace), seconds >= 0 else {
                throw PostgresError.invalidConfiguration("connect_timeout must be a whole number of seconds, not \"\(timeout)\"")
            }
            connectTimeout = seconds
        }
        applicationName = options.removeValue(forKey: "application_name") ?? "palestra"
        if let ports = options["port"] {
            for port in ports.split(separator: ",", omittingEmptySubsequences: false) {
                guard let number = Int(port), (1...65535).contains(number) else {
                    throw PostgresError.invalidConfiguration("port must be a number from 1 to 65535, not \"\(ports)\"")
                }
            }
        }
        let sslModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]
        if let sslMode = options["sslmode"], !sslModes.contains(sslMode) {
            throw PostgresError.invalidConfiguration(
                "sslmode must be one of \(sslModes.joined(separator: ", ")), not \"\(sslMode)\""
            )
        }
        if options["client_encoding"].map({ $0.uppercased() != "UTF8" && $0.uppercased() != "UTF-8" }) == true {
            throw PostgresError.invalidConfiguration("client_encoding must be UTF8 (Swift strings are UTF-8)")
        }
        options["client_encoding"] = nil
        for (keyword, value) in Self.tcpKeepaliveDefaults where options[keyword] == nil {
            options[keyword] = value
        }
        self.options = options
    }

    /// The database name given in the string, if any.
    public var databaseName: String? { options["dbname"] }

    /// The same server and credentials, another database.
    public func replacingDatabase(_ name: String) -> PostgresConfiguration {
        var copy = self
        copy.options["dbname"] = name
        return copy
    }

    /// The same configuration with a server setting for every session (`-c name=value` in libpq's
    /// `options`), e.g. `synchronous_commit=off` for connections whose commits may be lost in a crash.
    public func settingServerParameter(_ name: String, to value: String) -> PostgresConfiguration {
        var copy = self
        copy.options["options"] = [options["options"], "-c \(name)=\(value)"].compactMap { $0 }.joined(separator: " ")
        return copy
    }

    /// The value the string gave for a libpq keyword (`host`, `port`, `user`, `password`, `sslmode`…),
    /// or the default this client uses for it (`connect_timeout`, `application_name`, the TCP keepalive settings).
    public func value(forKeyword keyword: String) -> String? {
        switch keyword {
        case "connect_timeout": String(connectTimeout)
        case "application_name": applicationName
        default: options[keyword]
        }
    }

    /// A keyword string with the password masked, for logs.
    public var description: String {
        connectionParameters(sessionOptions: nil)
            .map { key, value in key == "password" ? "password=********" : "\(key)='\(value)'" }
            .joined(separator: " ")
    }

    /// Keywords and values for `PQconnectdbParams`: the parsed ones (with the keepalive defaults) plus the
    /// client's fixed settings (UTF-8, application name, timeout) and `sessionOptions` appended to the
    /// server `options`.
    func connectionParameters(sessionOptions: String?) -> [(String, String)] {
        var parameters = options
        parameters["client_encoding"] = "UTF8"
        parameters["application_name"] = applicationName
        parameters["connect_timeout"] = String(connectTimeout)
        if let sessionOptions {
            parameters["options"] = [options["options"], sessionOptions].compactMap { $0 }.joined(separator: " ")
        }
        return parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private static func parse(_ string: String) throws -> [String: String] {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(string, &errorMessage) else {
            defer { PQfreemem(errorMessage) }
            let reason = errorMessage.map { String(cString: $0).trimmingWhitespace } ?? "libpq could not parse it"
            throw PostgresError.invalidConfiguration(reason.isEmpty ? "libpq could not parse it" : reason)
        }
        defer { PQconninfoFree(parsed) }
        var options = [String: String]()
        var option = parsed
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                options[String(cString: keyword)] = String(cString: value)
            }
            option += 1
        }
        return options
    }
}
