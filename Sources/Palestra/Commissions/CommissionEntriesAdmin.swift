/// Commission entries in the admin engine: the list with filters by member, status, date and currency,
/// a search by deal, bulk "approve" (managers) and "mark paid" (administrators); the form, whose base
/// amount and rate give the stored commission. A member sees and enters their own entries, a manager
/// their team's (another's id answers 404). Approved and paid entries cannot be changed: a correction is
/// an adjustment entry linked to the original, with a signed base and a reason.
enum CommissionEntriesAdmin {
    static let memberName = "(SELECT u.display_name FROM users u WHERE u.id = commission_entries.member_id)"

    static let approve = AdminAction(
        "approve", label: "Approve selected entries", operation: .setField("status", to: "approved"), showing: ["commission_minor"],
        note: "Approved entries can no longer be changed: a correction is an adjustment entry.",
        condition: (sql: "status = 'pending'", message: "Only a pending entry can be approved."),
        objectLabel: "Approve this entry", roles: [.manager, .admin]
    )

    static let markPaid = AdminAction(
        "mark_paid", label: "Mark selected entries paid", operation: .setField("status", to: "paid"), showing: ["commission_minor"],
        condition: (sql: "status = 'approved'", message: "Only an approved entry can be marked paid."),
        objectLabel: "Mark this entry paid", roles: [.admin]
    )

    static let resource = AdminResource(
        slug: "commission-entries", singularName: "commission entry", pluralName: "commission entries", table: "commission_entries",
        labelExpression: "'#' || commission_entries.id || ' ' || commission_entries.deal",
        list: AdminListDeclaration(
            columns: [
                AdminColumn("entry_date", label: "Date", format: .date),
                AdminColumn("member", label: "Member", expression: "member.display_name", sortable: false),
                AdminColumn("deal", label: "Deal"),
                AdminColumn("base", label: "Base amount", expression: "commission_amount_text(base_minor, currency)", sortable: false, secondary: true),
                AdminColumn("commission", label: "Commission", expression: "commission_amount_text(commission_minor, currency)", sortable: false),
                AdminColumn("status", label: "Status", format: .choice(statuses)),
            ],
            searchExpressions: ["deal"],
            filters: [
                AdminFilter("member", label: "Member", expression: "member_id", kind: .foreignKey(CommissionChoices.members)),
                AdminFilter("status", label: "Status", kind: .choices(statuses)),
                AdminFilter("entry_date", label: "Date", kind: .date(isTimestamp: false)),
                AdminFilter("currency", label: "Currency", kind: .choices(CommissionChoices.currencies)),
                AdminFilter("manager", label: "Manager on the date", expression: "manager_id", kind: .foreignKey(CommissionChoices.managers)),
            ],
            defaultOrdering: [-1],
            actions: [approve, markPaid],
            related: [AdminRelated("member", table: "users", key: "member_id")]
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("member_id", label: "Member", kind: .foreignKey(CommissionChoices.members), required: true, editable: .onAdd),
                AdminField("entry_date", label: "Date", kind: .date, required: true),
                AdminField("deal", label: "Deal", kind: .text(maxLength: 200), required: true),
                AdminField("note", label: "Note", kind: .markdown(maxLength: 5000)),
                AdminField("currency", label: "Currency", kind: .select(CommissionChoices.currencies), required: true, default: Currency.standard.code),
                AdminField(
                    "base_minor", label: "Base amount", kind: .money(currencyField: "currency", range: -100_000_000_000_000...100_000_000_000_000),
                    required: true, help: "In the entry's currency, like 1 234,56 or 1234.56. An adjustment's may be negative."
                ),
                AdminField("rate_bp", label: "Rate, basis points", kind: .integer(0...10_000), required: true, help: "1 % is 100; 12.5 % is 1250."),
                AdminField(
                    "commission_minor", label: "Commission", kind: .money(currencyField: "currency", range: Int.min...Int.max),
                    help: "The base times the rate, rounded half up to the minor unit, when the entry is saved.", editable: .never
                ),
                AdminField("status", label: "Status", kind: .select(statuses), editable: .never),
                AdminField(
                    "adjusts_id", label: "Corrects entry", kind: .integer(1...Int.max),
                    help: "For an adjustment: the number of the approved or paid entry it corrects."
                ),
                AdminField("reason", label: "Reason for the adjustment", kind: .text(maxLength: 500)),
                AdminField("manager_id", label: "Manager on the date", kind: .foreignKey(CommissionChoices.managers), editable: .never),
            ],
            validate: validate,
            stamps: [AdminStamp(when: "status", set: "status_changed_by", to: .actor), AdminStamp(when: "status", set: "status_changed_at", to: .now)],
            constraintMessages: [
                "commission_entries_adjusts_check": (
                    field: "adjusts_id",
                    message: "An adjustment corrects an approved or paid entry of the same member, in the same currency."
                ),
                "commission_entries_locked_check": (field: "status", message: "Approved and paid entries cannot be changed: add an adjustment entry instead."),
                "commission_entries_kind_check": (field: "base_minor", message: "Enter a base amount above zero, or an adjustment with a reason."),
            ]
        ),
        access: AdminAccess(
            permissions: [
                .admin: Set(AdminPermission.allCases), .manager: [.view, .add, .change], .coach: [.view, .add, .change], .student: [.view, .add, .change],
            ],
            scope: { CommissionAccess(user: $0).adminScope },
            readOnlyRules: [
                AdminReadOnlyRule(
                    sql: "commission_entries.status <> 'pending'",
                    message: "Approved and paid entries cannot be changed: add an adjustment entry instead.",
                    reason: "Locked", allowing: [markPaid.name]
                ),
            ],
            inMenu: CommissionAccess.inMenu
        )
    )

    static var statuses: [AdminChoice] { CommissionChoices.statuses }

    /// An entry's own rules: a member enters their own; an adjustment names its original and a reason,
    /// and a signed base; any other entry a base above zero.
    @Sendable static func validate(_ submission: AdminSubmission) -> [String: String] {
        var errors: [String: String] = [:]
        let values = submission.values
        if submission.objectID == nil, CommissionAccess(user: submission.actor).reach == .own(submission.actor.id),
           let member = values["member_id"], !member.isEmpty, member != String(submission.actor.id) {
            errors["member_id"] = CatalogKey.t("You can only enter your own commissions.")
        }
        let isAdjustment = !(values["adjusts_id"] ?? "").isEmpty
        if let base = values["base_minor"].flatMap(Int.init) {
            if isAdjustment, base == 0 {
                errors["base_minor"] = CatalogKey.t("An adjustment changes the base: enter an amount other than zero.")
            } else if !isAdjustment, base <= 0 {
                errors["base_minor"] = CatalogKey.t("Enter a base amount above zero; a negative one is an adjustment of another entry.")
            }
        }
        if isAdjustment, (values["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors["reason"] = CatalogKey.t("Say why the entry is corrected.")
        }
        return errors
    }
}
