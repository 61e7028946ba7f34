import Postgres

/// Tells the organisers of a registration, switch or cancellation: a notification to every active
/// administrator (their inbox, and mail through ``DeliverNotification``) and, when a bot is configured,
/// a message to the Telegram chat (its own job, so a Telegram outage delays nothing else). All of it is
/// written in one transaction, so a retry never tells anyone twice.
struct DebateChangeNoticeJob: JobKind {
    struct Arguments: Codable, Sendable, Equatable {
        let registrationID: Int
        let change: DebateNotices.Change
        let fromCase: String?
        /// The case when the change was made (the registration may have moved since).
        let caseName: String?
    }

    static let name = "DebateChangeNotice"
    static let kind = "debates.registration_changed"

    let localizer: Localizer
    let telegram: TelegramBotChat?

    func run(_ arguments: Arguments, context: JobContext) async throws {
        try await context.database.transaction { connection in
            guard let registration = try await DebateStore.registration(id: arguments.registrationID, on: connection) else { return }
            let subject = text(arguments, registration: registration)
            let link = AdminURL.changeForm(DebateRegistrationsAdmin.resource.slug, String(registration.id))
            for admin in try await DebateStore.administrators(on: connection) {
                try await Notifier.notify(recipient: admin, kind: Self.kind, subject: subject, body: subject, link: link, on: connection)
            }
            if telegram != nil {
                try await JobQueue.enqueue(SendTelegramMessageJob.self, .init(text: subject), on: connection)
            }
        }
    }

    func text(_ arguments: Arguments, registration: DebateRegistration) -> String {
        let caseName = arguments.caseName ?? registration.caseName
        return switch arguments.change {
        case .registered:
            localizer.t("New debate registration: {name}, {case}", ["name": registration.fullName, "case": caseName])
        case .switched:
            localizer.t("{name} switched from {from} to {case}", [
                "name": registration.fullName, "from": arguments.fromCase ?? "", "case": caseName,
            ])
        case .cancelled:
            localizer.t("Debate registration cancelled: {name}, {case}", ["name": registration.fullName, "case": caseName])
        case .cancelledLate:
            localizer.t("Debate registration cancelled after registration closed: {name}, {case}", ["name": registration.fullName, "case": caseName])
        }
    }
}
