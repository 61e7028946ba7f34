/// The global audit log (admins only, read-only): filters by actor, action, object type and date.
enum AuditAdmin {
    static let actionChoices = AuditAction.allCases.map { AdminChoice($0.rawValue, $0.label) }

    static let resource = AdminResource(
        slug: "audit", singularName: "audit record", pluralName: "audit records", table: "audit_records",
        // What the record is about, as people read it (the stored action and object type are shown by label beside it)
        labelExpression: "coalesce(nullif(object_label, ''), nullif(actor_label, ''), id::text)", isVersioned: false,
        list: AdminListDeclaration(
            columns: [
                AdminColumn("occurred_at", label: "When", format: .dateTime),
                AdminColumn("actor_label", label: "Actor"),
                AdminColumn("action", label: "Action", format: .choice(actionChoices)),
                AdminColumn("object_type", label: "Object type", format: .choice(AuditObjectType.choices), secondary: true),
                AdminColumn("object_label", label: "Object"),
                AdminColumn("address", label: "Address", secondary: true),
            ],
            searchExpressions: ["object_label", "actor_label"],
            filters: [
                AdminFilter("actor", label: "Actor", expression: "actor_id",
                            kind: .foreignKey(AdminLookup(
                                table: "users", labelExpression: "display_name || ' <' || email || '>'",
                                condition: "id IN (SELECT actor_id FROM audit_records WHERE actor_id IS NOT NULL)"
                            ))),
                AdminFilter("action", label: "Action", kind: .choices(actionChoices)),
                AdminFilter("object_type", label: "Object type", kind: .choices(AuditObjectType.choices)),
                AdminFilter("occurred_at", label: "When", kind: .date(isTimestamp: true)),
            ],
            defaultOrdering: [-1],
            pageSize: 100
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("occurred_at", label: "When", kind: .dateTime, editable: .never),
                AdminField("actor_label", label: "Actor", kind: .text(maxLength: 300), editable: .never),
                AdminField("action", label: "Action", kind: .select(actionChoices), editable: .never),
                AdminField("object_type", label: "Object type", kind: .select(AuditObjectType.choices), editable: .never),
                AdminField("object_id", label: "Object id", kind: .text(maxLength: 100), editable: .never),
                AdminField("object_label", label: "Object", kind: .text(maxLength: 300), editable: .never),
                AdminField("changes", label: "Changes", kind: .fieldChanges(objectTypeField: "object_type"), editable: .never),
                AdminField("address", label: "Address", kind: .text(maxLength: 100), editable: .never),
            ]
        ),
        access: AdminAccess(
            permissions: [.admin: [.view]]
        )
    )
}
