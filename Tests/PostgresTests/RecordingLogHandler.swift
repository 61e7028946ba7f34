import Logging

/// A log handler that keeps what is logged (level and message), for tests that check a failure is reported.
struct RecordingLogHandler: LogHandler {
    let recorder: Recorder<(level: Logger.Level, message: String)>
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    /// Records the message followed by the metadata, e.g. `failed [error: …]`.
    func log(event: LogEvent) {
        let metadata = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        recorder.append((event.level, event.message.description + " [" + metadata.joined(separator: ", ") + "]"))
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// A logger writing into a fresh recorder.
    static func logger() -> (Logger, Recorder<(level: Logger.Level, message: String)>) {
        let recorder = Recorder<(level: Logger.Level, message: String)>()
        return (Logger(label: "PostgresTests.recording", factory: { _ in RecordingLogHandler(recorder: recorder) }), recorder)
    }
}
