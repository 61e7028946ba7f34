import Foundation

/// Django's system checks for a declaration: every name it uses resolves (columns, fields, list-editable
/// fields, filters, orderings, related rows, object-link placeholders, constraint and stamp fields) and every
/// SQL fragment holds only the placeholders its slot allows. What the schema holds is checked by the tests,
/// which `EXPLAIN` every resource's queries against the migrated database.
extension AdminResource {
    func declarationProblems() -> [AdminDeclarationProblem] {
        var check = Check(resource: slug)
        check.sql(labelExpression, .label, "labelExpression")
        if let label = list.labelExpression { check.sql(label, .label, "list labelExpression") }
        check.unique(list.columns.map(\.name), "column")
        for column in list.columns { check.sql(column.expression, .column, "column “\(column.name)”") }
        for expression in list.searchExpressions { check.sql(expression, .search, "searchExpressions “\(expression)”") }
        check.unique(list.filters.map(\.name), "filter")
        for filter in list.filters {
            check.sql(filter.expression, .filterExpression, "filter “\(filter.name)”")
            if let condition = filter.condition { check.sql(condition, .filterCondition, "filter “\(filter.name)”") }
            if case .foreignKey(let lookup) = filter.kind { check.lookup(lookup, "filter “\(filter.name)”") }
            if let value = filter.defaultValue, !filter.offers(value) {
                check.fail("filter “\(filter.name)”", "its default “\(value)” is none of its fixed choices")
            }
        }
        checkOrdering(&check)
        checkRelated(&check)
        check.unique(list.actions.map(\.name), "action")
        for action in list.actions {
            if case .setField(let name, _) = action.operation, field(named: name) == nil {
                check.fail("action “\(action.name)”", "sets “\(name)”, which is not a field")
            }
            if let condition = action.condition { check.sql(condition.sql, .readOnlyCondition, "action “\(action.name)” condition") }
            for name in action.showing where field(named: name).map(\.isSecret) ?? true {
                check.fail("action “\(action.name)”", "shows “\(name)”, which is not a field")
            }
        }
        check.unique(form.fields.map(\.name), "field")
        for field in form.fields {
            if case .foreignKey(let lookup) = field.kind { check.lookup(lookup, "field “\(field.name)”") }
        }
        for name in list.editable {
            let place = "listEditable “\(name)”"
            guard let field = field(named: name) else { check.fail(place, "not a field"); continue }
            if !field.isEditable(adding: false) { check.fail(place, "the field is never editable") }
            if !list.columns.contains(where: { $0.name == name }) { check.fail(place, "no column of the same name shows it") }
        }
        for inline in form.inlines { checkInline(inline, &check) }
        for panel in form.panels { check.sql(panel.query, .panel, "panel “\(panel.label)”") }
        for rule in access.readOnlyRules {
            check.sql(rule.sql, .readOnlyCondition, "readOnlyRule “\(rule.reason)”")
            if let onList = rule.onList { check.sql(onList, .readOnlyCondition, "readOnlyRule “\(rule.reason)” onList") }
        }
        check.scope(access.scope, "scope")
        for (constraint, target) in form.uniqueConstraints.merging(form.constraintMessages, uniquingKeysWith: { first, _ in first })
        where field(named: target.field) == nil {
            check.fail("uniqueConstraints “\(constraint)”", "“\(target.field)” is not a field")
        }
        for dependent in dependents { check.sql(dependent.countSQL, .dependentCount, "dependent “\(dependent.label)”") }
        for link in form.objectLinks {
            let place = "objectLinks “\(link.path)”"
            for name in link.placeholders where name != "id" && field(named: name).map(\.isSecret) ?? true {
                check.fail(place, "“\(name)” is neither id nor a field")
            }
            for parameter in link.parameters where link.fields[parameter] == nil {
                check.fail(place, ":\(parameter) is filled by no field")
            }
            for parameter in link.fields.keys.sorted() where !link.parameters.contains(parameter) {
                check.fail(place, "the route has no :\(parameter)")
            }
            if link.isObjectPage, hooks.objectPage(named: link.path) == nil {
                check.fail(place, "not one of the resource's object pages")
            }
        }
        for stamp in form.stamps where field(named: stamp.field) == nil {
            check.fail("stamps “\(stamp.column)”", "“\(stamp.field)” is not a field")
        }
        return check.problems
    }

    /// Column indexes, 1-based, negative for descending: each names a sortable column, once.
    private func checkOrdering(_ check: inout Check) {
        if list.defaultOrdering.isEmpty { check.fail("defaultOrdering", "empty") }
        var seen = Set<Int>()
        for index in list.defaultOrdering {
            let place = "defaultOrdering \(index)"
            guard index != 0, abs(index) <= list.columns.count else {
                check.fail(place, "no such column (1 to \(list.columns.count), negative for descending)")
                continue
            }
            if list.columns[abs(index) - 1].sortExpression == nil { check.fail(place, "column “\(list.columns[abs(index) - 1].name)” does not sort") }
            if !seen.insert(abs(index)).inserted { check.fail(place, "the column is named twice") }
        }
    }

    /// Related rows are joined once the page is chosen: what chooses it (ordering, search, filters) cannot
    /// read them.
    private func checkRelated(_ check: inout Check) {
        check.unique(list.related.map(\.alias), "related")
        for related in list.related {
            let place = "related “\(related.alias)”"
            if related.alias == table { check.fail(place, "the alias is the list's own table") }
            let reads = { (fragment: String?) in
                fragment.map { $0.range(of: "(?<![A-Za-z0-9_.])\(related.alias)\\.", options: .regularExpression) != nil } ?? false
            }
            for column in list.columns where reads(column.sortExpression) {
                check.fail(place, "column “\(column.name)” sorts by it, but the page is chosen before it is joined: make the column sortable: false")
            }
            for expression in list.searchExpressions where reads(expression) {
                check.fail(place, "the search “\(expression)” reads it, but the page is chosen before it is joined")
            }
            for filter in list.filters where reads(filter.expression) || reads(filter.condition) {
                check.fail(place, "filter “\(filter.name)” reads it, but the page is chosen before it is joined")
            }
        }
    }

    private func checkInline(_ inline: AdminInline, _ check: inout Check) {
        let place = "inline “\(inline.name)”"
        check.sql(inline.labelExpression, .label, place)
        check.sql(inline.ordering, .ordering, place)
        if let condition = inline.readOnlyCondition { check.sql(condition.sql, .readOnlyCondition, place) }
        check.unique(inline.fields.map(\.name), place + " field")
        for field in inline.fields {
            if case .foreignKey(let lookup) = field.kind { check.lookup(lookup, place + " field “\(field.name)”") }
        }
        for (constraint, target) in inline.constraints where !inline.fields.contains(where: { $0.name == target.field }) {
            check.fail(place + " constraint “\(constraint)”", "“\(target.field)” is not a field of the inline")
        }
    }

    /// The problems found so far, in the declaration's order.
    private struct Check {
        let resource: String
        var problems: [AdminDeclarationProblem] = []

        mutating func fail(_ place: String, _ message: String) {
            problems.append(AdminDeclarationProblem(resource: resource, place: place, message: message))
        }

        mutating func sql(_ fragment: String, _ slot: SQLPlaceholder.Slot, _ place: String) {
            for message in SQLPlaceholder.problems(in: fragment, slot: slot) { fail(place, message) }
        }

        mutating func unique(_ names: [String], _ kind: String) {
            var seen = Set<String>()
            for name in names where !seen.insert(name).inserted { fail("\(kind) “\(name)”", "declared twice") }
        }

        /// A scope as each role sees it (each condition once, named after the first role given it).
        mutating func scope(_ scope: @Sendable (User) -> AdminScope, _ place: String) {
            var seen = Set<String>()
            for role in Role.allCases {
                if case .rows(let condition) = scope(User(id: 0, email: "", displayName: "", role: role, language: nil)),
                   seen.insert(condition).inserted {
                    sql(condition, .scope, place + " (\(role.rawValue))")
                }
            }
        }

        mutating func lookup(_ lookup: AdminLookup, _ place: String) {
            sql(lookup.labelExpression, .label, place + " lookup")
            if let condition = lookup.condition { sql(condition, .lookup, place + " lookup") }
            scope(lookup.filterScope, place + " lookup filterScope")
        }
    }
}

extension AdminSite {
    /// Every declaration's problems, slugs named twice included.
    func declarationProblems() -> [AdminDeclarationProblem] {
        var seen = Set<String>()
        var problems: [AdminDeclarationProblem] = []
        for resource in resources {
            if !seen.insert(resource.slug).inserted {
                problems.append(AdminDeclarationProblem(resource: resource.slug, place: "slug", message: "another resource has it"))
            }
            problems += resource.declarationProblems()
        }
        return problems
    }

    /// Refuses to start with a broken declaration: one line per problem, naming the resource and the field.
    func check() throws {
        let problems = declarationProblems()
        guard !problems.isEmpty else { return }
        throw StartupError(problems.map(\.description).joined(separator: "\n"))
    }
}
