/// The users resource of the admin engine (admins only): list with search by email and name, filters
/// by role, active and last login; activate / deactivate; add and change forms; a new password set by
/// an admin on the user's own object page (``UserPasswordPage``).
enum UsersAdmin {
    static let roleChoices = Role.allCases.map { AdminChoice($0.rawValue, $0.label) }
    static let languageChoices = Language.allCases.map { AdminChoice($0.rawValue, $0.nativeName) }

    static let resource = AdminResource(
        slug: "users", singularName: "user", pluralName: "users", table: "users",
        labelExpression: "email",
        dependents: [AdminDependent(label: "{count} signed-in sessions", countSQL: BrowserSessionStore.countOfUsersSQL)],
        list: AdminListDeclaration(
            columns: [
                AdminColumn("email", label: "Email"),
                AdminColumn("display_name", label: "Name"),
                AdminColumn("role", label: "Role", format: .choice(roleChoices)),
                AdminColumn("is_active", label: "Active", format: .boolean),
                AdminColumn("last_login_at", label: "Last login", format: .dateTime, secondary: true),
                AdminColumn("created_at", label: "Created", format: .dateTime, secondary: true),
            ],
            // An address by its beginning, whole or after the `@` (an index range however many addresses share
            // text); a name anywhere in it (a trigram index).
            searchExpressions: [
                "lower(email::text) LIKE lower({prefix})", "split_part(lower(email::text), '@', 2) LIKE lower(ltrim({prefix}, '@'))",
                "display_name",
            ],
            filters: [
                AdminFilter("role", label: "Role", kind: .choices(roleChoices)),
                AdminFilter("is_active", label: "Active", kind: .boolean),
                AdminFilter("last_login_at", label: "Last login", kind: .date(isTimestamp: true)),
                AdminFilter("created_at", label: "Created", kind: .date(isTimestamp: true)),
            ],
            defaultOrdering: [1],
            actions: [
                AdminAction("activate", label: "Activate selected users", operation: .setField("is_active", to: "true")),
                AdminAction("deactivate", label: "Deactivate selected users (signs them out)",
                            operation: .setField("is_active", to: "false")),
            ]
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("email", label: "Email", kind: .email, required: true),
                AdminField("display_name", label: "Name", kind: .text(maxLength: 150), required: true),
                AdminField("role", label: "Role", kind: .select(roleChoices), required: true, default: Role.student.rawValue),
                AdminField("is_active", label: "Active", kind: .checkbox,
                           help: "Inactive users cannot sign in; deactivating a user signs them out everywhere.", default: "true"),
                AdminField("language", label: "Interface language", kind: .select(languageChoices),
                           help: "Empty: the browser's language."),
                AdminField("password", label: "Password", kind: .newPassword, required: true, column: "password_hash",
                           help: "8 to 256 characters; not a common password, a repetition, a keyboard run, or the account's name or email.", editable: .onAdd),
                AdminField("last_login_at", label: "Last login", kind: .dateTime, editable: .never),
            ],
            validate: { submission in
                guard submission.objectID == String(submission.actor.id) else { return [:] }
                var errors: [String: String] = [:]
                if submission.values["is_active"] == "false" { errors["is_active"] = CatalogKey.t("You cannot deactivate your own account.") }
                if let role = submission.values["role"], role != Role.admin.rawValue {
                    errors["role"] = CatalogKey.t("You cannot take away your own administrator role.")
                }
                return errors
            },
            uniqueConstraints: ["users_email_key": (field: "email", message: "A user with this email address already exists.")],
            objectLinks: [
                AdminObjectLink(label: "Set a new password", page: UserPasswordPage.page.name),
                AdminObjectLink(label: "API tokens", page: UserTokensPage.page.name),
            ]
        ),
        access: AdminAccess(
            permissions: [.admin: Set(AdminPermission.allCases)],
            refusal: { operation, id, actor in
                guard id == String(actor.id) else { return nil }
                switch operation {
                case .delete: return CatalogKey.t("You cannot delete your own account.")
                case .setField("is_active", "false"): return CatalogKey.t("You cannot deactivate your own account.")
                case .setField, .perform: return nil
                }
            }
        ),
        hooks: AdminHooks(
            afterSave: { event, connection in
                if let id = Int(event.objectID), event.changes.contains(where: { $0.field == "is_active" && $0.new == "false" }) {
                    try await BrowserSessionStore.endAll(ofUser: id, on: connection)
                }
            },
            objectPages: [UserPasswordPage.page, UserTokensPage.page]
        )
    )
}
