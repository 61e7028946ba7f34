/// What ``PostgresClient/listen(channel:)`` reports.
public enum PostgresListenEvent: Sendable, Equatable {
    /// `LISTEN` is in effect — after the first connect and again after every reconnect
    /// (notifications sent while reconnecting are lost: re-check state when this arrives).
    case listening
    /// A `NOTIFY` on the channel.
    case notification(channel: String, payload: String)
}
