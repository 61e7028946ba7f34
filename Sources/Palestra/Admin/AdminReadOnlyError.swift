/// A new row would be one the resource's `readOnlyCondition` holds for (e.g. a session of an archived
/// group): nothing was saved; `message` (a catalog key) says why.
struct AdminReadOnlyError: Error {
    let message: String
}
