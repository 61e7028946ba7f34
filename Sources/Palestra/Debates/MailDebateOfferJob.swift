import Foundation

/// Mails a waiting-list offer to its person with a private link to accept or decline it. The job sets the
/// offer's token itself (only its hash is stored); a retry sets a new one, so the last mail's link works.
struct MailDebateOfferJob: JobKind {
    struct Arguments: Codable, Sendable, Equatable {
        let entryID: Int
    }

    static let name = "MailDebateOffer"

    let notifications: NotificationSettings
    let debates: DebateSettings
    let localizer: Localizer
    let timeZone: TimeZone

    func run(_ arguments: Arguments, context: JobContext) async throws {
        try await context.database.transaction { connection in
            guard let (token, offer) = try await DebateWaitlistStore.renewOfferToken(entry: arguments.entryID, on: connection) else { return }
            let body = [
                localizer.t("Hello {name},", ["name": offer.fullName]),
                localizer.t("A seat has freed for {event}, case {case}. It is held for you until {until}.", [
                    "event": offer.eventTitle, "case": offer.caseName, "until": localizer.format.dateTime(offer.expiresAt, in: timeZone),
                ]),
                localizer.t("Accept or decline it here (keep the link to yourself):") + "\n" + debates.absolute(DebateURL.offer(token.value)),
            ].joined(separator: "\n\n")
            let mail = DebateMail(
                to: MailAddress(displayName: offer.fullName, address: offer.email),
                subject: localizer.t("A seat is held for you: {event}", ["event": offer.eventTitle]), body: body,
                token: "debate-offer.\(context.jobID).\(context.attempt)", kind: "debates.offer"
            )
            try await mail.send(with: notifications, logger: context.logger)
        }
    }
}
