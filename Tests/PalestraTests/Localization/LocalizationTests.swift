import Foundation
@testable import Palestra
import Postgres
import Testing

@Suite("Localization")
struct LocalizationTests {
    /// Every catalog key in use: `{{#t}}…{{/t}}` in templates, `t("…")` and `plural("…")` in Swift.
    static func keysInUse() throws -> (messages: Set<String>, plurals: Set<String>) {
        var messages = Set<String>()
        for text in try TemplateSource(directory: Repository.templates).templates.values {
            messages.formUnion(TemplateSource.translationKeys(in: text))
        }
        var plurals = Set<String>()
        for file in try FileManager.default.subpathsOfDirectory(atPath: Repository.sources) {
            guard file.hasSuffix(".swift") else { continue }
            let text = try String(contentsOfFile: Repository.sources + "/" + file, encoding: .utf8)
            for match in text.matches(of: /(?:^|[^A-Za-z0-9_])t\("((?:[^"\\]|\\.)*)"/) {
                messages.insert(String(match.output.1))
            }
            for match in text.matches(of: /(?:^|[^A-Za-z0-9_])plural\("((?:[^"\\]|\\.)*)"/) {
                plurals.insert(String(match.output.1))
            }
        }
        for resource in AdminSite.standard.resources {
            let keys = resource.catalogKeys
            messages.formUnion(keys.messages)
            plurals.formUnion(keys.plurals)
        }
        messages.formUnion(Role.allCases.map(\.label))
        messages.formUnion(AuditAction.allCases.map(\.label))
        messages.formUnion(DatePreset.allCases.map(\.label))
        messages.formUnion(OpenDatePreset.allCases.map(\.label))
        messages.formUnion(Language.allCases.map(\.nativeName))
        return (messages, plurals)
    }

    @Test("every key in use has a Russian translation, and every plural has its forms in each language")
    func catalogsComplete() throws {
        let localizations = try Localizations(directory: Repository.templates + "/locales")
        let (messages, plurals) = try Self.keysInUse()
        #expect(messages.count > 20, "the scan found too few keys to be working")
        let russian = localizations.localizer(for: .ru)
        for key in messages.sorted() {
            #expect(russian.messages[key] != nil, "ru.json lacks \"\(key)\"")
        }
        for key in plurals.sorted() {
            for language in Language.allCases {
                #expect(localizations.localizer(for: language).plurals[key] != nil, "\(language).json lacks the plural \"\(key)\"")
            }
        }
    }

    /// "Delete selected" was once missed: the scan took actions from each resource's declared list, and
    /// the engine adds its own delete action in `availableActions`, outside any `t("…")` call.
    @Test("every action a role is offered, the engine's own among them, has its label, button and note in Russian")
    func actionLabels() throws {
        let russian = try Localizations(directory: Repository.templates + "/locales").localizer(for: .ru)
        var checked = 0
        for resource in AdminSite.standard.resources {
            for role in Role.allCases {
                let user = User(id: 1, email: "probe@example.org", displayName: "Probe", role: role, language: .ru)
                for action in resource.availableActions(for: user) {
                    for key in [action.label] + [action.objectLabel, action.note].compactMap({ $0 }) {
                        #expect(russian.messages[key] != nil, "ru.json lacks the action text \"\(key)\" (\(resource.slug))")
                        checked += 1
                    }
                }
            }
            for rule in resource.access.readOnlyRules {
                #expect(russian.messages[rule.message] != nil && russian.messages[rule.reason] != nil, "\(resource.slug): a read-only rule is untranslated")
            }
        }
        #expect(checked > 10)
        #expect(russian.t("Delete selected") == "Удалить выбранные")
    }

    @Test("the catalogs hold no key that nothing uses")
    func noStaleKeys() throws {
        let localizations = try Localizations(directory: Repository.templates + "/locales")
        let (messages, plurals) = try Self.keysInUse()
        for language in Language.allCases {
            let localizer = localizations.localizer(for: language)
            for key in localizer.messages.keys.sorted() {
                #expect(messages.contains(key), "\(language).json has \"\(key)\", which nothing uses")
            }
            for key in localizer.plurals.keys.sorted() {
                #expect(plurals.contains(key), "\(language).json has the plural \"\(key)\", which nothing uses")
            }
        }
    }

    @Test("a catalog that writes a key twice stops start-up naming the key; the shipped catalogs write each once")
    func repeatedKey() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ru-\(UUID()).json").path
        try #"{"Keep it": "Не удалять", "Save": "Сохранить", "Keep \"it\"": ["x", "y", "z"], "Keep it": "Не отменять"}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: StartupError.self) { try Localizations.load(language: .ru, path: path) }
        do {
            _ = try Localizations.load(language: .ru, path: path)
        } catch {
            #expect("\(error)".contains("'Keep it' is written twice"))
        }
        #expect(CatalogKeys.topLevel(of: Data(#"{"a": "b, \"c\": d", "e": ["f", "g"]}"#.utf8)) == ["a", "e"])
        for language in Language.allCases {
            let data = try #require(FileManager.default.contents(atPath: "\(Repository.templates)/locales/\(language.rawValue).json"))
            let keys = CatalogKeys.topLevel(of: data)
            #expect(keys.count == Set(keys).count && !keys.isEmpty, "\(language.rawValue).json")
        }
    }

    @Test("a catalog with a wrong number of plural forms stops start-up naming it")
    func badCatalog() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ru-\(UUID()).json").path
        try #"{"{count} rows": ["a", "b"]}"#.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: StartupError.self) { try Localizations.load(language: .ru, path: path) }
    }

    @Test("Russian plural forms follow CLDR", arguments: [
        (1, "1 миграция применена"), (2, "2 миграции применены"), (5, "5 миграций применено"),
        (11, "11 миграций применено"), (21, "21 миграция применена"), (22, "22 миграции применены"),
        (14, "14 миграций применено"), (0, "0 миграций применено"), (1001, "1\u{00A0}001 миграция применена"),
    ])
    func russianPlurals(count: Int, expected: String) throws {
        let localizer = try Localizations(directory: Repository.templates + "/locales").localizer(for: .ru)
        #expect(localizer.plural("{count} migrations applied", count: count) == expected)
    }

    @Test("placeholders are filled in one pass; a value is never searched for placeholders")
    func placeholders() {
        #expect(Localizer.fill("{name} has {count} groups", with: ["name": "{count}", "count": "3"]) == "{count} has 3 groups")
        #expect(Localizer.fill("{unknown} {name} {", with: ["name": "Ann"]) == "{unknown} Ann {")
        #expect(Localizer.fill("", with: [:]) == "")
    }

    @Test("translations are HTML-escaped when they go into a template")
    func escapedTranslations() {
        let localizer = Localizer(language: .ru, messages: ["Say \"hi\"": "Скажи \"привет\" & <b>"], plurals: [:])
        #expect(localizer.templateText("Say \"hi\"") == "Скажи &quot;привет&quot; &amp; &lt;b&gt;")
        #expect(localizer.templateText("Untranslated <em>text</em>") == "Untranslated <em>text</em>")
    }

    @Test("formats never trap on odd numbers")
    func oddNumbers() {
        let en = LocalizedFormat(language: .en)
        #expect(en.weekdayName(0) == "Sunday")
        #expect(en.weekdayName(8) == "Monday")
        #expect(en.monthName(13) == "13")
        #expect(!en.decimal(.nan).isEmpty)
        #expect(!en.decimal(.infinity).isEmpty)
        #expect(!en.decimal(1e300, fractionDigits: 99).isEmpty)
        #expect(en.decimal(2.5, fractionDigits: -3) == "3")
    }

    @Test("English plural forms")
    func englishPlurals() throws {
        let localizer = try Localizations(directory: Repository.templates + "/locales").localizer(for: .en)
        #expect(localizer.plural("{count} migrations applied", count: 1) == "1 migration applied")
        #expect(localizer.plural("{count} migrations applied", count: 0) == "0 migrations applied")
        #expect(localizer.plural("{count} migrations applied", count: 12345) == "12,345 migrations applied")
    }

    @Test("dates, weekdays, months and numbers per language")
    func formats() throws {
        let date = try #require(CalendarDate("2026-11-21"))
        let ru = LocalizedFormat(language: .ru)
        let en = LocalizedFormat(language: .en)
        #expect(ru.date(date) == "21.11.2026")
        #expect(en.date(date) == "21 Nov 2026")
        #expect(ru.weekday(date) == "суббота")
        #expect(en.weekday(date) == "Saturday")
        #expect(ru.longDate(date) == "суббота, 21 ноября 2026")
        #expect(en.longDate(date) == "Saturday, 21 November 2026")
        #expect(ru.monthName(11) == "ноябрь")
        #expect(ru.number(1_234_567) == "1\u{00A0}234\u{00A0}567")
        #expect(en.number(-1_234_567) == "-1,234,567")
        #expect(ru.decimal(1234.5) == "1\u{00A0}234,50")
        #expect(en.decimal(-0.125, fractionDigits: 1) == "-0.1")
        let moment = Date(timeIntervalSince1970: 1_795_260_600) // 2026-11-21 11:30 UTC
        #expect(ru.dateTime(moment, in: TimeZone(identifier: "Europe/Moscow")!) == "21.11.2026 14:30")
        #expect(en.dateTime(moment, in: .gmt) == "21 Nov 2026, 11:30")
    }

    @Test("calendar arithmetic: weekdays and day counts agree with Foundation over decades")
    func calendarArithmetic() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        var date = try #require(CalendarDate("1999-12-25"))
        for _ in 0..<12_000 {
            let moment = Date(timeIntervalSince1970: Double(date.daysSinceEpoch) * 86_400)
            let components = calendar.dateComponents([.year, .month, .day, .weekday], from: moment)
            #expect(components.year == date.year && components.month == date.month && components.day == date.day)
            #expect((components.weekday! + 5) % 7 + 1 == date.weekday)
            date = try #require(date.adding(days: 3))
        }
        #expect(CalendarDate(daysSinceEpoch: 0) == CalendarDate("1970-01-01"))
        #expect(try #require(CalendarDate("2024-02-28")).adding(days: 1) == CalendarDate("2024-02-29"))
        #expect(try #require(CalendarDate("9999-12-31")).adding(days: 1) == nil)
        #expect(CalendarDate.split(Date(timeIntervalSince1970: 1e15), in: .gmt) == nil)
    }

    @Test("Accept-Language negotiation honours q-values and regions", arguments: [
        ("ru-RU,ru;q=0.9,en-US;q=0.8", Language.ru), ("en-GB,ru;q=0.5", .en), ("fr, ru;q=0.3", .ru),
        ("ru;q=0.2, en;q=0.9", .en), ("de", nil), ("", nil), ("*", nil), ("ru;q=0", nil), ("RU", .ru),
        ("en;q=abc, ru;q=0.4", .ru),
    ] as [(String, Language?)])
    func acceptLanguage(header: String, expected: Language?) {
        #expect(Language.preferred(byAcceptLanguage: header) == expected)
    }
}
