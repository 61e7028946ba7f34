import Foundation
@testable import Palestra
import Testing

/// The one CSV writer of every export, against the cells an attacker would type into a name.
@Suite("CSV writer")
struct CSVWriterTests {
    /// What an attacker (or a careless user) types into a name that ends up in an export.
    static let hostile = [
        "SECX;=2+5;y", "a\t=1", "=HYPERLINK(\"http://x\")", "@SUM(1)", "-2+3", "-5", "+7", "1,5", "say \"hi\"",
        "a\r\nb", "a\r\n=1", "a\n+1", "a\r-1+1", "\t=1", "\r=1", "x;-5", "-5;=1", "a;\"=1\"", "\"@x\"", "-1,5", "-1,-5",
        "Анна Смирнова", "=Анна", "", "=\u{301}1+1", "-inf", "--5", "+0x1F",
    ]

    @Test("each hostile field is written exactly so", arguments: [
        ("SECX;=2+5;y", "\"SECX;'=2+5;y\""),
        ("a\t=1", "\"a\t'=1\""),
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("@SUM(1)", "'@SUM(1)"),
        ("-2+3", "'-2+3"),
        ("-5", "-5"),
        ("+7", "+7"),
        ("-2.5", "-2.5"),
        ("1,5", "\"1,5\""),
        ("-1,5", "\"-1,5\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("a\r\nb", "\"a\r\nb\""),
        ("a\r\n=1", "\"a\r\n'=1\""),
        ("a\n+1", "\"a\n'+1\""),
        ("a\r-1+1", "\"a\r'-1+1\""),
        ("\t=1", "\"'\t'=1\""),
        ("x;-5", "\"x;'-5\""),
        ("-1,-5", "\"'-1,'-5\""),
        ("-5;=1", "\"'-5;'=1\""),
        ("a;\"=1\"", "\"a;\"\"'=1\"\"\""),
        ("Анна Смирнова", "Анна Смирнова"),
        ("=Анна", "'=Анна"),
        ("", ""),
        ("=\u{301}1", "'=\u{301}1"),
        ("-inf", "'-inf"),
        ("--5", "'--5"),
        ("a-b=c", "a-b=c"),
    ])
    func field(value: String, written: String) {
        #expect(CSVWriter.field(value) == written)
    }

    @Test("a file: byte-order mark, rows joined by the separator and ended by CRLF")
    func file() {
        var comma = CSVWriter()
        comma.append(["Athlete", "Attendance %"])
        comma.append(["SECX;=2+5;y", "-5"])
        comma.append(["", "Анна"])
        #expect(comma.text == "\u{FEFF}Athlete,Attendance %\r\n\"SECX;'=2+5;y\",-5\r\n,Анна\r\n")

        var semicolon = CSVWriter(separator: ";")
        semicolon.append(["SECX;=2+5;y", "1,5", "+7"])
        #expect(semicolon.text == "\u{FEFF}\"SECX;'=2+5;y\";\"1,5\";+7\r\n")

        let response = comma.response(fileName: "report.csv")
        #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
        #expect(response.headers[.contentDisposition] == "attachment; filename=\"report.csv\"")
    }

    @Test("read back by Python's csv module in the file's own dialect, every field is one cell, as written", arguments: [",", ";"])
    func sameDialect(separator: String) throws {
        let file = Self.file(separator: Character(separator))
        let rows = try Self.pythonRows(file, delimiter: separator)
        #expect(rows.count == Self.hostile.count)
        for (row, value) in zip(rows, Self.hostile) {
            let cell = CSVWriter.neutralised(value)
            #expect(row == [cell, "x", cell], "\(value.debugDescription)")
            #expect(!Self.startsWithFormula(cell), "\(value.debugDescription) reads back as \(cell.debugDescription)")
        }
    }

    @Test("read by a program assuming another separator, no cell starts with a formula", arguments: [
        (",", ";"), (",", "\t"), (";", ","), (";", "\t"),
    ])
    func otherDialect(separator: String, delimiter: String) throws {
        let rows = try Self.pythonRows(Self.file(separator: Character(separator)), delimiter: delimiter)
        #expect(rows.count >= Self.hostile.count)
        for cell in rows.joined() {
            #expect(!Self.startsWithFormula(cell), "\(cell.debugDescription)")
        }
    }

    /// Each hostile value twice in a row: first in the row (where every reader starts a cell) and after another field.
    static func file(separator: Character) -> String {
        var csv = CSVWriter(separator: separator)
        for value in hostile { csv.append([value, "x", value]) }
        return csv.text
    }

    /// A cell a spreadsheet would read as a formula: starts with one of its characters, and not with a field that
    /// is a plain number (what follows such a field, read with another separator, is the next field: see ``CSVWriter``).
    /// Written out here, not taken from ``CSVWriter``, so that the writer is checked against what spreadsheets do.
    static func startsWithFormula(_ cell: String) -> Bool {
        let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
        let cellBreaks: Set<Unicode.Scalar> = [",", ";", "\t", "\r", "\n"]
        guard let first = cell.unicodeScalars.first, formulaStarts.contains(first) else { return false }
        let field = String(String.UnicodeScalarView(Substring(cell).unicodeScalars.prefix { !cellBreaks.contains($0) && $0 != "\"" }))
        return field.wholeMatch(of: /[+-]?[0-9]+([.,][0-9]+)?/) == nil
    }

    /// The rows Python's `csv.reader` reads from `text` with this delimiter (BOM taken off as Excel does).
    static func pythonRows(_ text: String, delimiter: String) throws -> [[String]] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("palestra-csv-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
                json.dump(list(csv.reader(f, delimiter=sys.argv[2])), sys.stdout)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path.path, delimiter]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 failed")
        return try JSONDecoder().decode([[String]].self, from: data)
    }
}
