/// Runs when a waiting-list offer's time is up: an offer still unanswered expires, its seat goes to the
/// next person waiting. An offer answered before is left alone, so this runs harmlessly more than once.
struct ExpireDebateOfferJob: JobKind {
    struct Arguments: Codable, Sendable, Equatable {
        let entryID: Int
    }

    static let name = "ExpireDebateOffer"

    func run(_ arguments: Arguments, context: JobContext) async throws {
        _ = try await context.database.transaction { connection in
            try await DebateWaitlistStore.expire(entry: arguments.entryID, on: connection)
        }
    }
}
