import Foundation
import Logging
@testable import Postgres
import Synchronization
import TestSupport
import Testing

@Suite("LISTEN/NOTIFY")
struct ListenerTests {
    static func consume(_ stream: AsyncStream<PostgresListenEvent>, into recorder: Recorder<PostgresListenEvent>) -> Task<Void, Never> {
        Task {
            for await event in stream {
                recorder.append(event)
            }
            recorder.finish()
        }
    }

    static func listeningCount(_ recorder: Recorder<PostgresListenEvent>) -> Int {
        recorder.elements.filter { $0 == .listening }.count
    }

    @Test("notifications arrive; after the backend is terminated the listener reconnects and re-LISTENs")
    func notificationsAndReconnect() async throws {
        try await TestDatabase.withAdmin { admin in
            try await TestDatabase.withClient(maxConnections: 2) { client in
                let applicationName = client.configuration.applicationName
                let channel = "Palestra \"jobs\" " + TestDatabase.uniqueName("ch")
                let recorder = Recorder<PostgresListenEvent>()
                let consumer = Self.consume(client.listen(channel: channel), into: recorder)
                try await eventually("first .listening") { Self.listeningCount(recorder) == 1 }

                let notifier = try PostgresClient(
                    configuration: client.configuration.replacingApplicationName("pgtest_notifier"),
                    maxConnections: 1,
                    logger: TestDatabase.logger
                )
                try await notifier.execute("SELECT pg_notify($1, $2)", [channel, "first Привет"])
                try await notifier.execute("SELECT pg_notify($1, $2)", ["other channel", "ignored"])
                try await eventually("first notification") {
                    recorder.elements.contains(.notification(channel: channel, payload: "first Привет"))
                }

                // The only backend with this application name is the listener's: the pool was never used.
                #expect(try await TestDatabase.connectionCount(admin, applicationName: applicationName) == 1)
                try await TestDatabase.terminateBackends(admin, applicationName: applicationName)
                try await eventually("second .listening") { Self.listeningCount(recorder) == 2 }

                try await notifier.execute("SELECT pg_notify($1, $2)", [channel, "after reconnect"])
                try await eventually("notification after reconnect") {
                    recorder.elements.contains(.notification(channel: channel, payload: "after reconnect"))
                }
                #expect(recorder.elements == [
                    .listening,
                    .notification(channel: channel, payload: "first Привет"),
                    .listening,
                    .notification(channel: channel, payload: "after reconnect"),
                ])

                // The consumer stops iterating: the listener closes its connection.
                consumer.cancel()
                try await eventually("the listener's connection closed") {
                    try await TestDatabase.connectionCount(admin, applicationName: applicationName) == 0
                }
                await notifier.shutdown()
            }
        }
    }

    @Test("shutdown ends the stream and closes the listener's connection")
    func shutdownStopsListener() async throws {
        try await TestDatabase.withAdmin { admin in
            var configuration = try TestDatabase.maintenanceConfiguration()
            configuration.applicationName = TestDatabase.uniqueName("pgtest_listen")
            let client = PostgresClient(configuration: configuration, maxConnections: 1, logger: TestDatabase.logger)
            let recorder = Recorder<PostgresListenEvent>()
            let consumer = Self.consume(client.listen(channel: "shutdown_test"), into: recorder)
            try await eventually(".listening") { Self.listeningCount(recorder) == 1 }
            await client.shutdown()
            try await eventually("the stream finished") { recorder.isFinished }
            await consumer.value
            #expect(try await TestDatabase.connectionCount(admin, applicationName: configuration.applicationName) == 0)

            // Listening on a client that is shut down ends at once.
            let late = Recorder<PostgresListenEvent>()
            await Self.consume(client.listen(channel: "late"), into: late).value
            #expect(late.elements.isEmpty)
        }
    }

    @Test("a listener whose wake-up pipe cannot be created ends its stream at once and logs why")
    func wakePipeFailure() async throws {
        // Never reached: the listener must give up before connecting.
        let configuration = try PostgresConfiguration("postgres://postgres@/postgres?host=/nonexistent-pgtest-socket-dir")
        let (logger, log) = RecordingLogHandler.logger()
        let (stream, continuation) = AsyncStream.makeStream(of: PostgresListenEvent.self)
        let finishCalls = Atomic<Int>(0)
        let listener = PostgresListener(
            channel: "no_pipe",
            configuration: configuration,
            logger: logger,
            continuation: continuation,
            onFinish: { finishCalls.add(1, ordering: .relaxed) },
            makeWakePipe: { .failure(.connectionFailed("simulated pipe() failure: errno 24")) }
        )
        let recorder = Recorder<PostgresListenEvent>()
        let consumer = Self.consume(stream, into: recorder)
        listener.start()
        try await eventually("the stream finished") { recorder.isFinished }
        await consumer.value
        await listener.waitUntilFinished()
        #expect(recorder.elements.isEmpty)
        #expect(finishCalls.load(ordering: .relaxed) == 1)
        let errors = log.elements.filter { $0.level == .error }
        #expect(errors.count == 1, "logged: \(log.elements)")
        #expect(errors.first?.message.contains("LISTEN") == true)
        #expect(errors.first?.message.contains("simulated pipe() failure") == true, "logged: \(errors)")
        listener.stop()  // harmless without a pipe
    }

    @Test("the wake-up pipe is created normally")
    func wakePipeCreation() throws {
        let pipe = try PostgresListener.WakePipe.make().get()
        #expect(pipe.readDescriptor >= 0 && pipe.writeDescriptor >= 0 && pipe.readDescriptor != pipe.writeDescriptor)
        close(pipe.readDescriptor)
        close(pipe.writeDescriptor)
    }

    @Test("a listener keeps retrying while the database refuses connections")
    func retriesUntilServerIsBack() async throws {
        try await TestDatabase.withAdmin { admin in
            try await TestDatabase.withClient(maxConnections: 1) { client in
                let database = try #require(client.configuration.databaseName)
                let applicationName = client.configuration.applicationName
                try await admin.execute("ALTER DATABASE \(database) ALLOW_CONNECTIONS false")
                let recorder = Recorder<PostgresListenEvent>()
                let consumer = Self.consume(client.listen(channel: "retry"), into: recorder)
                // Let a few attempts fail (50 ms, 100 ms, 200 ms backoff), then allow connections.
                let started = ContinuousClock.now
                try await eventually("some failed attempts") { ContinuousClock.now - started > .milliseconds(300) }
                #expect(recorder.elements.isEmpty)
                try await admin.execute("ALTER DATABASE \(database) ALLOW_CONNECTIONS true")
                try await eventually(".listening once the database accepts connections") { Self.listeningCount(recorder) == 1 }
                #expect(try await TestDatabase.connectionCount(admin, applicationName: applicationName) == 1)
                consumer.cancel()
                await consumer.value
            }
        }
    }
}

extension PostgresConfiguration {
    func replacingApplicationName(_ name: String) throws -> PostgresConfiguration {
        var copy = self
        copy.applicationName = name
        return copy
    }
}
