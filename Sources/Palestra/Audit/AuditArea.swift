extension Area {
    /// The audit log, read at the desk.
    static let audit = Area(name: "audit", resources: [AuditAdmin.resource])
}
