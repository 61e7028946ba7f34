@testable import Palestra
import Testing

@Suite("Form decoding")
struct FormDataTests {
    @Test("fields, repeated names, plus signs and percent-escapes")
    func decode() throws {
        let form = try FormData(urlEncoded: "name=%D0%98%D0%B2%D0%B0%D0%BD+%D0%9F&day=mon&day=wed&empty=&flag&x=a%2Bb%3D")
        #expect(form.value("name") == "Иван П")
        #expect(form.values("day") == ["mon", "wed"])
        #expect(form.value("empty") == "")
        #expect(form.value("flag") == "")
        #expect(form.value("x") == "a+b=")
        #expect(form.value("missing") == nil)
    }

    @Test("malformed input is refused as a whole", arguments: [
        "a=%", "a=%4", "a=%G1", "%ZZ=1", "a=%FF", "a=%C3%28", "a=%ED%A0%80", "a=%00", "a=x%00y", "%01=a", "a=%1B[31m", "a=%7F",
    ])
    func malformed(text: String) {
        #expect(throws: AppError.badRequest) { try FormData(urlEncoded: Substring(text)) }
    }

    @Test("tabs and line breaks are ordinary text")
    func whitespace() throws {
        let form = try FormData(urlEncoded: "notes=line+one%0D%0Aline%09two%0A")
        #expect(form.value("notes") == "line one\r\nline\ttwo\n")
    }

    @Test("hostile text stays data")
    func hostile() throws {
        let form = try FormData(urlEncoded: "q=%3Cscript%3E%27%3B+DROP+TABLE+users%3B--")
        #expect(form.value("q") == "<script>'; DROP TABLE users;--")
    }
}
