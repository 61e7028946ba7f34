import Postgres

extension AdminServices {
    /// A change list's page for `state`, a foreign-key filter's value the user is not offered (a group that
    /// does not exist, or is not theirs) refused first: named beside its filter, it filters nothing, rather
    /// than silently matching no row. The page's own lookups tell; only a refusal costs a second read. `version`: the
    /// data's version read with the session (``AdminMatchMemory`` trusts a count while it stands); `nil` after a write
    /// of this request's own, or for a list whose rows change without moving it (the job queue's).
    func listPage(
        of resource: AdminResource, for user: User, state: AdminListState, at version: DataVersion?
    ) async throws -> (AdminListState, AdminListPage) {
        let version = AdminPageCache.movesDataVersion(resource) ? version : nil
        let page = try await lists.page(of: resource, for: user, state: state, at: version)
        let refused = Self.unofferedChoices(resource, state: state, lookups: page.filterChoices)
        guard !refused.isEmpty else { return (state, page) }
        let narrowed = refused.reduce(state) { $0.refusing($1) }
        return (narrowed, try await lists.page(of: resource, for: user, state: narrowed, at: version))
    }

    /// The state a bulk action over "all matching" applies to: the same refusals as the page it was chosen on.
    func offeredState(_ state: AdminListState, of resource: AdminResource, for user: User) async throws -> AdminListState {
        var lookups: [String: [AdminChoice]] = [:]
        for filter in resource.list.filters where state.filterValue(filter.name) != nil {
            if case .foreignKey(let lookup) = filter.kind { lookups[filter.name] = try await lists.choices(lookup, filteringFor: user) }
        }
        return Self.unofferedChoices(resource, state: state, lookups: lookups).reduce(state) { $0.refusing($1) }
    }

    /// Foreign-key filters whose value is none of the choices the user is offered (a lookup cut at its
    /// 1,000 rows cannot tell, so its value is applied as it is).
    static func unofferedChoices(_ resource: AdminResource, state: AdminListState, lookups: [String: [AdminChoice]]) -> [String] {
        resource.list.filters.compactMap { filter in
            guard case .foreignKey = filter.kind, let value = state.filterValue(filter.name), let offered = lookups[filter.name],
                  offered.count < 1000, !offered.contains(where: { $0.value == value })
            else { return nil }
            return filter.name
        }
    }
}
