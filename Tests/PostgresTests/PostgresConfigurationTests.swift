import Postgres
import Testing

@Suite("PostgresConfiguration")
struct PostgresConfigurationTests {
    @Test("a URL with user, password, host, port, database and sslmode")
    func fullURL() throws {
        let configuration = try PostgresConfiguration("postgres://palestra:s%40cr%3At@db.example.com:6432/palestra_prod?sslmode=require")
        #expect(configuration.databaseName == "palestra_prod")
        #expect(configuration.value(forKeyword: "user") == "palestra")
        #expect(configuration.value(forKeyword: "password") == "s@cr:t")
        #expect(configuration.value(forKeyword: "host") == "db.example.com")
        #expect(configuration.value(forKeyword: "port") == "6432")
        #expect(configuration.value(forKeyword: "sslmode") == "require")
        #expect(configuration.connectTimeout == 5)
        #expect(configuration.applicationName == "palestra")
        #expect(!configuration.description.contains("s@cr:t"), "the password must not show in logs")
    }

    @Test("the postgresql:// scheme")
    func postgresqlScheme() throws {
        let configuration = try PostgresConfiguration("postgresql://localhost/app")
        #expect(configuration.databaseName == "app")
        #expect(configuration.value(forKeyword: "host") == "localhost")
    }

    @Test("a Unix-socket directory as ?host= and as a percent-encoded host")
    func socketDirectories() throws {
        let query = try PostgresConfiguration("postgres://postgres@/postgres?host=/work/pgscratch/.pg")
        #expect(query.value(forKeyword: "host") == "/work/pgscratch/.pg")
        #expect(query.databaseName == "postgres")
        #expect(query.value(forKeyword: "user") == "postgres")

        let encoded = try PostgresConfiguration("postgresql://postgres@%2Fvar%2Frun%2Fpostgresql:5433/app")
        #expect(encoded.value(forKeyword: "host") == "/var/run/postgresql")
        #expect(encoded.value(forKeyword: "port") == "5433")
        #expect(encoded.databaseName == "app")
    }

    @Test("a libpq keyword string")
    func keywordString() throws {
        let configuration = try PostgresConfiguration("host=/tmp dbname=x user='some user' connect_timeout=2 application_name=worker")
        #expect(configuration.databaseName == "x")
        #expect(configuration.value(forKeyword: "host") == "/tmp")
        #expect(configuration.value(forKeyword: "user") == "some user")
        #expect(configuration.connectTimeout == 2)
        #expect(configuration.applicationName == "worker")
    }

    @Test("connect_timeout and application_name from a URL")
    func timeoutFromURL() throws {
        let configuration = try PostgresConfiguration("postgres://h/db?connect_timeout=12&application_name=cli")
        #expect(configuration.connectTimeout == 12)
        #expect(configuration.applicationName == "cli")
    }

    @Test("replacingDatabase keeps everything else")
    func replacingDatabase() throws {
        let original = try PostgresConfiguration("postgres://u:p@h:5555/one?sslmode=disable")
        let other = original.replacingDatabase("two")
        #expect(other.databaseName == "two")
        #expect(original.databaseName == "one")
        #expect(other.value(forKeyword: "password") == "p")
        #expect(other.value(forKeyword: "port") == "5555")
        #expect(other != original)
        #expect(other.replacingDatabase("one") == original)
    }

    @Test("TCP keepalives and tcp_user_timeout are set by default; a string that sets one keeps its value")
    func keepaliveDefaults() throws {
        let defaults = [
            "keepalives": "1", "keepalives_idle": "30", "keepalives_interval": "10",
            "keepalives_count": "3", "tcp_user_timeout": "60000",
        ]
        for string in ["postgres://u@db.example.com/app", "host=/tmp dbname=x"] {
            let configuration = try PostgresConfiguration(string)
            for (keyword, value) in defaults {
                #expect(configuration.value(forKeyword: keyword) == value, "\(keyword) in \(string)")
                // The description lists the parameters handed to libpq.
                #expect(configuration.description.contains("\(keyword)='\(value)'"), "\(configuration)")
            }
        }

        let url = try PostgresConfiguration("postgres://u@db.example.com/app?keepalives_idle=5&tcp_user_timeout=0")
        #expect(url.value(forKeyword: "keepalives_idle") == "5")
        #expect(url.value(forKeyword: "tcp_user_timeout") == "0")
        #expect(url.description.contains("keepalives_idle='5'"))
        #expect(!url.description.contains("keepalives_idle='30'"))
        #expect(url.value(forKeyword: "keepalives_count") == "3")

        let keywords = try PostgresConfiguration("host=db dbname=x keepalives=0")
        #expect(keywords.value(forKeyword: "keepalives") == "0")
        #expect(keywords.value(forKeyword: "keepalives_interval") == "10")
        #expect(keywords.replacingDatabase("y").value(forKeyword: "keepalives") == "0")
    }

    @Test(
        "garbage is rejected with invalidConfiguration naming the problem",
        arguments: [
            ("", "empty"),
            ("   ", "empty"),
            ("just some words", "just"),
            ("host=/tmp dbname", "dbname"),
            ("nosuchkeyword=1", "nosuchkeyword"),
            ("postgres://h/db?bogus=1", "bogus"),
            ("postgres://h:notaport/db", "port"),
            ("postgres://h:70000/db", "port"),
            ("postgres://h/db?sslmode=sometimes", "sslmode"),
            ("host=h connect_timeout=soon", "connect_timeout"),
            ("mysql://h/db", "mysql"),
        ]
    )
    func garbage(input: String, expectedMention: String) throws {
        let error = #expect(throws: PostgresError.self) { try PostgresConfiguration(input) }
        guard case .invalidConfiguration(let message)? = error else {
            Issue.record("expected invalidConfiguration, got \(String(describing: error))")
            return
        }
        #expect(message.localizedCaseInsensitiveContains(expectedMention), "message: \(message)")
    }
}
