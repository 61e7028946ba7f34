import Foundation

/// A plain-text mail (RFC 5322 with MIME headers) for one notification: the Markdown text as written,
/// then the link.
struct MailMessage: Sendable, Equatable {
    let from: MailAddress
    let to: MailAddress
    let subject: String
    let date: Date
    /// Without angle brackets: `notification.42.1795260600000000@palestra.example`.
    let messageID: String
    let kind: String
    let body: String
    /// An HTML alternative of `body`: the message is then `multipart/alternative`, the text part first.
    var html: String? = nil

    /// RFC 5322 allows 998 bytes a line; a body with a longer one is sent quoted-printable, else `8bit`.
    static let longestLine = 998

    /// The message with `lineEnding` after every line: CRLF in a `.eml` file, LF for `sendmail`, which
    /// takes the local convention and writes CRLF on the wire itself.
    func rendered(lineEnding: String) -> String {
        let lines = body.replacing("\r\n", with: "\n").replacing("\r", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let isEightBit = lines.allSatisfy { $0.utf8.count <= Self.longestLine }
        let headers = [
            MailHeaderEncoding.field("From", from.headerValue, lineEnding: lineEnding),
            MailHeaderEncoding.field("To", to.headerValue, lineEnding: lineEnding),
            MailHeaderEncoding.field("Subject", MailHeaderEncoding.unstructured(subject), lineEnding: lineEnding),
            "Date: " + Self.dateHeader(date),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
        ]
        // RFC 3834: an automatic message, so auto-responders stay quiet.
        let trailer = ["Auto-Submitted: auto-generated", "X-Palestra-Notification-Kind: \(kind)"]
        let text = isEightBit ? lines.joined(separator: lineEnding) : QuotedPrintable.encode(lines: lines, lineEnding: lineEnding)
        let textType = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: " + (isEightBit ? "8bit" : "quoted-printable")]
        guard let html else {
            return (headers + textType + trailer).joined(separator: lineEnding) + lineEnding + lineEnding + text + lineEnding
        }
        // The boundary cannot occur in either part: quoted-printable never writes "--=_", and the text part is checked.
        var boundary = "=_palestra_" + String(messageID.prefix { $0 != "@" }.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") })
        while text.contains(boundary) { boundary += "_" }
        let htmlLines = html.replacing("\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let parts = [
            (textType + [""]).joined(separator: lineEnding) + lineEnding + text,
            (["Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", ""]).joined(separator: lineEnding)
                + lineEnding + QuotedPrintable.encode(lines: htmlLines, lineEnding: lineEnding),
        ]
        let head = (headers + ["Content-Type: multipart/alternative; boundary=\"\(boundary)\""] + trailer).joined(separator: lineEnding)
        return head + lineEnding + lineEnding + parts.map { "--\(boundary)" + lineEnding + $0 + lineEnding }.joined()
            + "--\(boundary)--" + lineEnding
    }

    /// `Sat, 21 Nov 2026 11:30:00 +0000` (RFC 5322 §3.3), in UTC.
    static func dateHeader(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let two = { (value: Int?) in String(format: "%02d", value ?? 0) }
        return "\(weekdays[((parts.weekday ?? 1) - 1) % 7]), \(parts.day ?? 1) \(months[((parts.month ?? 1) - 1) % 12]) \(parts.year ?? 1970) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }
}
