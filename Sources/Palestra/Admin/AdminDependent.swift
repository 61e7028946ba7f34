/// Something that goes with an object when it is deleted, listed on the confirmation page:
/// `countSQL` counts it for the ids in `$1` (a `bigint[]`); `label` is a plural catalog key with `{count}`.
public struct AdminDependent: Sendable {
    public let label: String
    public let countSQL: String

    public init(label: String, countSQL: String) {
        self.label = label
        self.countSQL = countSQL
    }
}
