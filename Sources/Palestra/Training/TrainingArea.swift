extension Area {
    /// Training groups with their weekly slots, athletes, and the sessions generated from the slots: the
    /// re-sync when a schedule changes, next month's sessions on the 1st, the weekly cleanup.
    static let training = Area(
        name: "training",
        resources: [TrainingGroupsAdmin.resource, TrainingSessionsAdmin.resource, AthletesAdmin.resource],
        settings: .integer(
            "PALESTRA_TRAINING_SESSION_RETENTION_DAYS",
            "the weekly cleanup deletes never-held training sessions without attendance older than this many days (default 90)",
            in: 1...3650, into: \.training.sessionRetentionDays
        ),
        jobs: { registry, configuration, database in
            let generator = TrainingSessionGenerator(database: database, timeZone: configuration.timeZone)
            registry.register(ScheduleResyncJob(generator: generator))
            registry.register(GenerateMonthTrainingSessionsJob(generator: generator))
            registry.register(CleanupOldTrainingSessionsJob(generator: generator, settings: configuration.training))
        },
        periodicJobs: { configuration in
            [
                // The 1st of each month at 00:05: next month's training sessions for every active group.
                PeriodicJob(name: "generate-next-month-sessions", schedule: .monthly(day: 1, hour: 0, minute: 5)) { connection in
                    try await GenerateMonthTrainingSessionsJob.enqueueNextMonth(today: .today(in: configuration.timeZone), on: connection)
                },
                // Mondays at 04:15: never-held training sessions without attendance older than PALESTRA_TRAINING_SESSION_RETENTION_DAYS.
                PeriodicJob(name: "cleanup-old-sessions", schedule: .weekly(weekday: 1, hour: 4, minute: 15)) { connection in
                    try await JobQueue.enqueue(CleanupOldTrainingSessionsJob.self, .init(), on: connection)
                },
            ]
        }
    )
}
