/// Sends one message to the organisers' Telegram chat (``TelegramBotChat``); a refused or failed send
/// is retried by the queue. With no bot configured the message is dropped.
struct SendTelegramMessageJob: JobKind {
    struct Arguments: Codable, Sendable, Equatable {
        let text: String
    }

    static let name = "SendTelegramMessage"
    static var maxAttempts: Int { 10 }

    let chat: TelegramBotChat?

    func run(_ arguments: Arguments, context: JobContext) async throws {
        guard let chat else {
            context.logger.info("no Telegram chat configured: message dropped")
            return
        }
        try await chat.send(arguments.text)
    }
}
