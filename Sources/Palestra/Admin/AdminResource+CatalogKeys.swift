extension AdminResource {
    /// Every catalog key the declaration passes to the localizer (names, labels, help, choices,
    /// messages), so a test can check that each language has them.
    var catalogKeys: (messages: Set<String>, plurals: Set<String>) {
        var keys: Set<String> = [singularName, pluralName]
        keys.formUnion(list.columns.map(\.label))
        for column in list.columns { keys.formUnion(Self.choiceLabels(column.format)) }
        for filter in list.filters {
            keys.insert(filter.label)
            if case .choices(let choices) = filter.kind { keys.formUnion(choices.map(\.label)) }
        }
        for field in form.fields {
            keys.insert(field.label)
            if let help = field.help { keys.insert(help) }
            keys.formUnion(Self.choiceLabels(field.cellFormat))
            if case .table(let columns) = field.kind {
                keys.formUnion(columns.map(\.label))
                for column in columns { keys.formUnion(Self.choiceLabels(column.format)) }
            }
        }
        for inline in form.inlines {
            keys.insert(inline.label)
            keys.formUnion(inline.constraints.values.map(\.message))
            if let condition = inline.readOnlyCondition { keys.insert(condition.message) }
            for field in inline.fields {
                keys.insert(field.label)
                if let help = field.help { keys.insert(help) }
                keys.formUnion(Self.choiceLabels(field.cellFormat))
            }
        }
        for panel in form.panels {
            keys.formUnion([panel.label, panel.empty])
            if let help = panel.help { keys.insert(help) }
            keys.formUnion(panel.columns.map(\.label))
            for column in panel.columns { keys.formUnion(Self.choiceLabels(column.format)) }
        }
        for rule in access.readOnlyRules { keys.formUnion([rule.message, rule.reason]) }
        // The actions any role is offered, the engine's own ("Delete selected") among them.
        let actions = Role.allCases.flatMap { availableActions(for: User(id: 0, email: "", displayName: "", role: $0, language: nil)) }
        keys.formUnion(actions.map(\.label))
        keys.formUnion(actions.compactMap(\.objectLabel))
        keys.formUnion(actions.compactMap(\.note))
        keys.formUnion(actions.compactMap(\.condition?.message))
        keys.formUnion(form.uniqueConstraints.values.map(\.message))
        keys.formUnion(form.constraintMessages.values.map(\.message))
        keys.insert(AdminRecordStore.outOfScopeMessage)
        keys.formUnion(form.objectLinks.map(\.label))
        keys.formUnion(list.links.map(\.label))
        return (keys, Set(dependents.map(\.label)))
    }

    private static func choiceLabels(_ format: AdminCellFormat) -> [String] {
        if case .choice(let choices) = format { return choices.map(\.label) }
        return []
    }
}

extension AdminResource {
    /// The plural name as a heading or menu entry, in the user's language: "Users", "Журнал аудита".
    func title(_ localizer: Localizer) -> String {
        let name = localizer.t(pluralName)
        return name.prefix(1).uppercased() + name.dropFirst()
    }
}
