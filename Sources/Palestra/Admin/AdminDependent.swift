/// Something that goes with an object when it is deleted, listed on the confirmation page:
/// `countSQL` counts it for the ids in `$1` (a `bigint[]`); `label` is a plural catalog key with `{count}`.
///
/// A *blocking* dependent (``blocking(_:table:foreignKey:labelExpression:slug:)``) is one whose foreign
/// key refuses the deletion (`ON DELETE RESTRICT`): an object that has such rows is not offered for
/// deletion; its confirmation page says how many there are and links the first ones instead.
public struct AdminDependent: Sendable {
    /// Where a blocking dependent's rows are and how they are named and linked.
    public struct Blocking: Sendable {
        public let table: String
        public let foreignKey: String
        /// Names one row (trusted SQL over the unaliased `table`).
        public let labelExpression: String
        /// The resource whose change form shows one row.
        public let slug: String
    }

    /// How many rows of a blocking dependent are named on the page, per object.
    static let namedLimit = 5

    public let label: String
    public let countSQL: String
    public let blocking: Blocking?

    public init(label: String, countSQL: String) {
        self.label = label
        self.countSQL = countSQL
        blocking = nil
    }

    /// Rows of `table` whose `foreignKey` refers to the object and keep it from being deleted.
    public static func blocking(_ label: String, table: String, foreignKey: String, labelExpression: String, slug: String) -> AdminDependent {
        AdminDependent(
            label: label, countSQL: "SELECT count(*)::bigint FROM \(table) WHERE \(foreignKey) = ANY($1::bigint[])",
            blocking: Blocking(table: table, foreignKey: foreignKey, labelExpression: labelExpression, slug: slug)
        )
    }

    private init(label: String, countSQL: String, blocking: Blocking) {
        self.label = label
        self.countSQL = countSQL
        self.blocking = blocking
    }

    /// Each object's blocking rows: the object's id as `owner`, how many it has as `total`, and the most
    /// recent ``namedLimit`` of them (`id`, `label`), for the ids in `$1`.
    var blockersSQL: String? {
        guard let blocking else { return nil }
        return """
            SELECT owner, id, label, total FROM (
                SELECT \(blocking.foreignKey) AS owner, \(blocking.table).id AS id, (\(blocking.labelExpression))::text AS label,
                       count(*) OVER (PARTITION BY \(blocking.foreignKey)) AS total,
                       row_number() OVER (PARTITION BY \(blocking.foreignKey) ORDER BY \(blocking.table).id DESC) AS n
                FROM \(blocking.table) WHERE \(blocking.foreignKey) = ANY($1::bigint[])
            ) AS found WHERE n <= \(Self.namedLimit) ORDER BY owner, n
            """
    }
}

/// The rows of one blocking dependent that keep one object from being deleted: how many, and the first ones.
struct AdminDeletionBlocker: Sendable {
    struct Named: Sendable {
        let label: String
        let url: String
    }

    /// A plural catalog key with `{count}`.
    let label: String
    let count: Int
    let named: [Named]
}
