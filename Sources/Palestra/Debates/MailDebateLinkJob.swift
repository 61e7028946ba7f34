import Foundation
import Postgres

/// Mails a registration's private link to its address: after it was confirmed, or when someone asked to
/// register that address again. The job makes the link itself (only its hash is stored), so the secret
/// is never in the jobs table; a retry makes another link, and every link made stays valid.
struct MailDebateLinkJob: JobKind {
    enum Reason: String, Codable, Sendable {
        case confirmed
        case askedAgain = "asked_again"
    }

    struct Arguments: Codable, Sendable, Equatable {
        let registrationID: Int
        let reason: Reason
    }

    static let name = "MailDebateLink"

    let notifications: NotificationSettings
    let debates: DebateSettings
    let localizer: Localizer

    func run(_ arguments: Arguments, context: JobContext) async throws {
        try await context.database.transaction { connection in
            guard let registration = try await DebateStore.registration(id: arguments.registrationID, on: connection), registration.isActive,
                  let event = try await connection.query("SELECT \(DebateEvent.columns) FROM debate_events WHERE id = $1", [registration.eventID])
                    .first.map(DebateEvent.init) else { return }
            let link = DebateLinkToken.make()
            try await DebateSeatStore.addLink(link, registration: registration.id, on: connection)
            let address = debates.absolute(DebateURL.registration(link.value))
            let values: KeyValuePairs<String, String> = ["name": registration.fullName, "event": event.title, "case": registration.caseName]
            let opening = switch arguments.reason {
            case .confirmed: localizer.t("You are registered for {event}, case {case}.", values)
            case .askedAgain:
                localizer.t("Someone (perhaps you) tried to register this address again for {event}. It is already registered, for case {case}.", values)
            }
            let body = [
                localizer.t("Hello {name},", values), opening,
                localizer.t("Your private link to view, switch or cancel your registration (keep it to yourself):") + "\n" + address,
            ].joined(separator: "\n\n")
            let mail = DebateMail(
                to: MailAddress(displayName: registration.fullName, address: registration.email),
                subject: localizer.t("Your registration for {event}", ["event": event.title]), body: body,
                token: "debate-link.\(context.jobID).\(context.attempt)", kind: "debates.link"
            )
            try await mail.send(with: notifications, logger: context.logger)
        }
    }
}
