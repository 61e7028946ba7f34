/// What deleting rows did: their labels, and the stored files their file fields held (removed from the
/// media folder once the deletion has committed).
struct AdminDeletion: Sendable {
    let labels: [String]
    let files: [String]
}
