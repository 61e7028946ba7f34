import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The organisers' Telegram chat, reached through the Bot API's `sendMessage`
/// (`POST <api>/bot<token>/sendMessage` with `chat_id` and `text`; the answer is `{"ok": true, …}`).
struct TelegramBotChat: Sendable, Equatable {
    let apiURL: String
    let botToken: String
    let chatID: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends one message; throws when the Bot API does not answer `ok` (the job is then retried).
    func send(_ text: String) async throws {
        let base = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        guard let url = URL(string: "\(base)/bot\(botToken)/sendMessage") else { throw Failure(description: "the Bot API address is not a URL") }
        var request = URLRequest(url: url, timeoutInterval: 15)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["chat_id": chatID, "text": String(text.prefix(4096))])
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let answer = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        guard status == 200, answer?["ok"] as? Bool == true else {
            let reason = answer?["description"] as? String ?? "no description"
            throw Failure(description: "the Bot API answered \(status): \(reason)")
        }
    }
}
