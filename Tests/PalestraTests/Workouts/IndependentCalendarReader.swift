import Foundation

/// An iCalendar reader that is not Palestra's: Python's `icalendar` with `recurring-ical-events` (over
/// python-dateutil's rrule), in a virtualenv the first run makes under `.build/workouts-python` from PyPI
/// (`PALESTRA_TEST_PYTHON` names another interpreter that has them).
enum IndependentCalendarReader {
    static let packages = ["python-dateutil==2.9.0.post0", "icalendar==7.3.2", "recurring-ical-events==3.8.2"]
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/workouts-python").path

    static let script = """
        import json, sys, datetime, icalendar, recurring_ical_events
        calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        start, end = datetime.date.fromisoformat(sys.argv[2]), datetime.date.fromisoformat(sys.argv[3]) + datetime.timedelta(days=1)
        events = recurring_ical_events.of(calendar).between(start, end)
        print(json.dumps(sorted(f"{e['DTSTART'].dt.date().isoformat()} {e['SUMMARY']}" for e in events if str(e.get('STATUS', '')) != 'CANCELLED')))
        """

    /// `YYYY-MM-DD name` of every event that is not cancelled from `from` through `through`, sorted.
    static func events(in ics: String, from: String, through: String) throws -> [String] {
        let python = try interpreter()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("workouts-\(UUID().uuidString).ics")
        try ics.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try run(python, ["-c", script, file.path, from, through])
        return try JSONDecoder().decode([String].self, from: Data(output.utf8))
    }

    static func interpreter() throws -> String {
        if let python = ProcessInfo.processInfo.environment["PALESTRA_TEST_PYTHON"] { return python }
        let python = folder + "/bin/python"
        if (try? run(python, ["-c", "import icalendar, recurring_ical_events, dateutil"])) == nil {
            _ = try run("/usr/bin/env", ["python3", "-m", "venv", folder])
            _ = try run(folder + "/bin/pip", ["install", "--quiet", "--disable-pip-version-check"] + packages)
        }
        return python
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) \(arguments.prefix(1)) failed: " + String(decoding: errorData, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
