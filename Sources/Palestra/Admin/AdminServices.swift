import Hummingbird

import Foundation
import Postgres

/// What the admin controllers share: the registered resources, their stores, sessions (for flash
/// messages), the views, the password policy and the authenticator.
struct AdminServices: Sendable {
    let site: AdminSite
    let lists: AdminListStore
    let records: AdminRecordStore
    let browserSessions: BrowserSessionStore
    let views: Views
    let passwordPolicy: PasswordPolicy
    let hasher: PasswordHasher
    let media: MediaStorage
    /// For the users' password page (``UserPasswordPage``).
    let authenticator: Authenticator
    /// For the users' API tokens page (``UserTokensPage``).
    let apiTokens: APITokenStore
    /// Change lists kept while nothing they show has changed.
    let pageCache: AdminPageCache

    /// The organisation's date now (a change list's "From today").
    var today: CalendarDate { .today(in: views.timeZone) }

    func formatter(for context: SignedInContext) -> AdminCellFormatter {
        AdminCellFormatter(localizer: views.localizer(for: context), timeZone: views.timeZone)
    }

    /// The resource named by the route, if the user may view it: 404 for an unknown slug, 403 for one
    /// the user's role may not see.
    func resource(_ context: SignedInContext) throws -> AdminResource {
        guard let resource = site.resource(context.parameters.get("slug")) else { throw AppError.notFound }
        guard resource.allows(.view, for: context.user) else { throw AppError.forbidden }
        return resource
    }

    /// Why each read-only row of a list-editable page shows no inputs: the short reason of the first
    /// read-only rule that holds for it, translated, by row id.
    func readOnlyReasons(of resource: AdminResource, page: AdminListPage, localizer: Localizer) -> [Int: String] {
        var reasons: [Int: String] = [:]
        for row in page.rows {
            if let rule = row.edit?.readOnlyRule { reasons[row.id] = localizer.t(rule.reason) }
        }
        return reasons
    }

    /// The route's object id: anything but a positive whole number is a 404.
    func objectID(_ context: SignedInContext) throws -> Int {
        guard let id = context.parameters.get("id").flatMap(Int.init), id > 0 else { throw AppError.notFound }
        return id
    }

    /// Choices of the foreign-key fields of a resource and its inlines (inline fields as `<inline>.<field>`).
    func lookups(for resource: AdminResource) async throws -> [String: [AdminChoice]] {
        var found: [String: [AdminChoice]] = [:]
        for field in resource.form.fields {
            if case .foreignKey(let lookup) = field.kind { found[field.name] = try await lists.choices(lookup) }
        }
        for inline in resource.form.inlines {
            for field in inline.fields {
                if case .foreignKey(let lookup) = field.kind { found[inline.name + "." + field.name] = try await lists.choices(lookup) }
            }
        }
        return found
    }

    /// Hashes new passwords and stores accepted uploads, putting what the row holds into `input.values`;
    /// returns the stored files' names, to remove them if the row is not saved after all.
    func prepare(_ input: inout AdminFormInput, resource: AdminResource) async throws -> [String] {
        for (name, password) in input.passwords {
            input.values[name] = .text(try await hasher.hash(password))
        }
        var stored: [String] = []
        for (name, upload) in input.uploads {
            let relative = try await media.store(upload.bytes, kind: upload.kind, under: resource.slug)
            stored.append(relative)
            input.values[name] = .text(relative)
        }
        return stored
    }

    /// Removes stored files no row refers to any more: call it once the change that let go of them has
    /// committed (a rolled-back change keeps its files).
    func removeFiles(_ files: [String]) async {
        for file in files { await media.remove(file) }
    }

    /// The files a saved change let go of: the old values of its file fields that changed.
    static func replacedFiles(_ changes: [FieldChange], of resource: AdminResource) -> [String] {
        changes.compactMap { change in
            guard resource.field(named: change.field)?.isFile == true, let old = change.old, !old.isEmpty else { return nil }
            return old
        }
    }

    /// A 303 to `location` with a message for the page it leads to.
    func redirect(to location: String, flash: FlashMessage, context: SignedInContext) async throws -> Response {
        try await browserSessions.redirect(to: location, flash: flash, session: context.signedInSession)
    }
}
