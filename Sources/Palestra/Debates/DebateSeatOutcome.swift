/// What a registration, switch or cancellation came to.
enum DebateSeatOutcome: Sendable, Equatable {
    /// Done; for a new registration, the private link made for the confirmation page.
    case done(registration: Int, link: DebateLinkToken?)
    /// The case's pool had no seat left in the deciding transaction: nothing changed.
    case full
    /// The address already has an active registration for the event: its link is mailed to it.
    case alreadyRegistered
    /// The event does not accept registrations now (not yet open, closed or archived).
    case closed
    /// No such case in the event, or no such active registration.
    case notFound
    /// A switch to the case the registration already has.
    case unchanged
}
