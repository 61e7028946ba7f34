import Foundation
@testable import Palestra
import Testing

@Suite("Mail messages: addresses, header encoding, quoted-printable")
struct MailMessageTests {
    @Test("addresses are read with or without a name; anything a header could misread is refused", arguments: [
        ("Palestra <noreply@palestra.example>", "Palestra", "noreply@palestra.example"),
        ("noreply@palestra.example", "", "noreply@palestra.example"),
        ("  \"Palestra, school\" <a@b.example> ", "Palestra, school", "a@b.example"),
        ("Школа <school@example.org>", "Школа", "school@example.org"),
    ])
    func addresses(text: String, name: String, address: String) throws {
        let parsed = try #require(MailAddress(text))
        #expect(parsed.displayName == name && parsed.address == address)
    }

    @Test("bad sender addresses", arguments: [
        "", "Palestra", "Palestra <>", "no at sign <x.example>", "a@b", "two words@x.example", "x@y.example\r\nBcc: all@x.example",
        "Name <a@b.example", "<a@b.example>>", "a@b@c.example",
    ])
    func badAddresses(text: String) {
        #expect(MailAddress(text) == nil)
    }

    @Test("a display name as atoms, a quoted string or encoded-words")
    func phrases() {
        #expect(MailAddress(displayName: "Palestra", address: "a@b.example").headerValue == "Palestra <a@b.example>")
        #expect(MailAddress(displayName: "Ivanov, Ivan \"V\"", address: "a@b.example").headerValue == #""Ivanov, Ivan \"V\"" <a@b.example>"#)
        let encoded = MailAddress(displayName: "Иван", address: "a@b.example").headerValue
        #expect(encoded == "=?UTF-8?B?0JjQstCw0L0=?= <a@b.example>")
        #expect(MailHeaderEncoding.phrase("=?UTF-8?B?x?=").hasPrefix("=?UTF-8?B?"))
    }

    @Test("encoded-words never split a character, stay within 75 characters and decode back", arguments: [
        "Занятие «Алгебра» перенесено на понедельник, 10:00, кабинет 12 — не опаздывайте",
        "😀👍🏽 emoji and ASCII mixed, 中文字符也可以",
        "é",
    ])
    func encodedWords(text: String) {
        let words = MailHeaderEncoding.encodedWords(text)
        for word in words.split(separator: " ") {
            #expect(word.count <= 75 && word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = word.dropFirst(10).dropLast(2)
            #expect(String(validating: Data(base64Encoded: String(payload)) ?? Data(), as: UTF8.self) != nil, "a word holds whole characters")
        }
        #expect(ParsedMail.decodeWords(words) == text)
        let field = MailHeaderEncoding.field("Subject", words, lineEnding: "\r\n")
        #expect(field.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
    }

    @Test("plain ASCII subjects stay readable and fold at spaces; ones that look encoded are encoded")
    func asciiSubjects() {
        #expect(MailHeaderEncoding.unstructured(#"lesson "Algebra""#) == #"lesson "Algebra""#)
        #expect(MailHeaderEncoding.unstructured("a =?x?= b").hasPrefix("=?UTF-8?B?"))
        let long = Array(repeating: "word", count: 40).joined(separator: " ")
        let field = MailHeaderEncoding.field("Subject", long, lineEnding: "\r\n")
        let lines = field.components(separatedBy: "\r\n")
        #expect(lines.count > 1 && lines.allSatisfy { $0.count <= 78 } && lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(lines.joined() == "Subject: " + long)
    }

    @Test("quoted-printable: = and non-ASCII escaped, trailing blanks encoded, lines within 76, decodes back")
    func quotedPrintable() {
        let lines: [Substring] = ["a = b ", "", String(repeating: "ж", count: 200)[...], "tab\t", String(repeating: "x", count: 300)[...]]
        let encoded = QuotedPrintable.encode(lines: lines, lineEnding: "\r\n")
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 && $0.allSatisfy(\.isASCII) })
        #expect(encoded.hasPrefix("a =3D b=20\r\n\r\n=D0=B6"))
        #expect(ParsedMail.decodeQuotedPrintable(encoded + "\r\n", lineEnding: "\r\n") == lines.joined(separator: "\r\n") + "\r\n")
    }

    @Test("the Date header is RFC 5322's, in UTC")
    func dateHeader() {
        #expect(MailMessage.dateHeader(Date(timeIntervalSince1970: 1_795_260_600)) == "Sat, 21 Nov 2026 11:30:00 +0000")
        #expect(MailMessage.dateHeader(Date(timeIntervalSince1970: 0)) == "Thu, 1 Jan 1970 00:00:00 +0000")
    }
}
