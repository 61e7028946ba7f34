import Foundation
import Postgres

/// What coaches and administrators are told about sessions they did not change themselves: a coach
/// when an administrator reopens their session or changes their group's weekly schedule, the
/// administrators when the nightly auto-close closes a session nobody marked. Each notice goes through
/// ``Notifier`` on the caller's connection — it commits with the change, or not at all — in the
/// recipient's language (their setting, else the organisation's default); the actor is never told.
struct SessionNotices: Sendable {
    let localizations: Localizations
    /// For recipients who follow their browser: a notice has no browser to ask.
    let defaultLanguage: Language

    static let reopenedKind = "attendance.session_reopened"
    static let scheduleChangedKind = "training.schedule_changed"
    static let leftUnmarkedKind = "attendance.left_unmarked"

    /// A closed session was reopened by `actor`: its coach is told, unless they reopened it.
    func sessionReopened(_ session: JournalSession, by actor: User, on connection: PostgresConnection) async throws {
        guard let (coach, _) = try await SessionNoticeStore.coach(ofGroup: session.groupID, on: connection), coach.id != actor.id else { return }
        let localizer = localizer(for: coach)
        let when = Self.when(date: session.date, time: session.startsAt, localizer: localizer)
        try await Notifier.notify(
            recipient: coach.id, kind: Self.reopenedKind,
            subject: localizer.t("Your session was reopened: {group}, {when}", ["group": session.groupName, "when": when]),
            body: localizer.t("{name} reopened the journal of {group}, {when}: its marks can be changed again.", [
                "name": actor.displayName, "group": session.groupName, "when": when,
            ]),
            link: AttendanceURL.journal(session.id), on: connection
        )
    }

    /// `actor` changed the weekly schedule of `group`: its coach is told, unless they changed it.
    func scheduleChanged(group: Int, actorID: Int, actorName: String, on connection: PostgresConnection) async throws {
        guard let (coach, groupName) = try await SessionNoticeStore.coach(ofGroup: group, on: connection), coach.id != actorID else { return }
        let localizer = localizer(for: coach)
        try await Notifier.notify(
            recipient: coach.id, kind: Self.scheduleChangedKind,
            subject: localizer.t("The schedule of {group} was changed", ["group": groupName]),
            body: localizer.t("{name} changed the weekly schedule of {group}. Its coming sessions follow the new schedule; see them under My sessions.", [
                "name": actorName, "group": groupName,
            ]),
            link: AdminURL.changeForm(TrainingGroupsAdmin.resource.slug, String(group)), on: connection
        )
    }

    /// The auto-close closed `sessions` that nobody had marked: every administrator is told, once for all of them.
    func sessionsLeftUnmarked(_ sessions: [AttendanceStore.ClosedSession], on connection: PostgresConnection) async throws {
        guard !sessions.isEmpty else { return }
        for admin in try await SessionNoticeStore.administrators(on: connection) {
            let localizer = localizer(for: admin)
            let lines = sessions.map { session in
                "- [\(Self.markdownEscaped("\(session.groupName), \(Self.when(date: session.date, time: session.startsAt, localizer: localizer))"))]"
                    + "(\(AttendanceURL.journal(session.id)))"
            }
            try await Notifier.notify(
                recipient: admin.id, kind: Self.leftUnmarkedKind,
                subject: localizer.plural("{count} sessions were closed with no marks", count: sessions.count),
                body: localizer.t("These sessions closed by themselves with not one athlete marked. Reopen one to mark it:") + "\n\n"
                    + lines.joined(separator: "\n"),
                link: sessions.count == 1 ? AttendanceURL.journal(sessions[0].id) : SiteURL.dashboard.path, on: connection
            )
        }
    }

    private func localizer(for recipient: SessionNoticeStore.Recipient) -> Localizer {
        localizations.localizer(for: recipient.language ?? defaultLanguage)
    }

    /// "21 Nov 2026, 18:00" / "21.11.2026, 18:00".
    static func when(date: CalendarDate, time: TimeOfDay, localizer: Localizer) -> String {
        localizer.format.date(date) + ", " + localizer.format.time(time)
    }

    /// A group's name inside a Markdown link's text: the characters Markdown would read there escaped
    /// (dots and hyphens are plain text inside a link, and stay readable in the mail).
    static func markdownEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\\`*_[]<>&".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

extension SessionNotices {
    /// The notices of a process that renders no pages (a job's): the catalogs read from the configured
    /// templates folder. They are a start-up invariant: a process without them stops, naming the folder.
    init(configuration: AppConfiguration) {
        let directory = "\(configuration.templatesDirectory)/locales"
        do {
            self.init(localizations: try Localizations(directory: directory), defaultLanguage: configuration.defaultLanguage)
        } catch {
            preconditionFailure("the catalogs in \(directory) cannot be read: \(error)")
        }
    }
}
