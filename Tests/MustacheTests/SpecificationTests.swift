import Foundation
import Mustache
import Testing

/// The Mustache specification's cases (interpolation, sections, inverted, comments, partials and
/// inheritance; lambdas and delimiter changes are not supported), read from `../shared/mustache-spec/`
/// beside the project when it is there (it is in CI).
struct SpecificationTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/mustache-spec")

    static let files = ["interpolation", "sections", "inverted", "comments", "partials", "~inheritance"]

    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let name: String
        let template: String
        let partials: [String: String]
        let data: String
        let expected: String
        var testDescription: String { "\(file): \(name)" }
    }

    static var cases: [Case] {
        files.flatMap { file -> [Case] in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("\(file).json").path),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let tests = json["tests"] as? [[String: Any]]
            else { return [] }
            return tests.map { test in
                let data = (try? JSONSerialization.data(withJSONObject: test["data"] ?? NSNull(), options: [.fragmentsAllowed])) ?? Data()
                return Case(
                    file: file, name: test["name"] as? String ?? "?", template: test["template"] as? String ?? "",
                    partials: test["partials"] as? [String: String] ?? [:], data: String(decoding: data, as: UTF8.self),
                    expected: test["expected"] as? String ?? "")
            }
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: folder.path), "../shared/mustache-spec is not beside the project"))
    func theSpecificationFolderHoldsEveryFile() {
        #expect(Self.cases.count > 100)
        for file in Self.files {
            #expect(Self.cases.contains { $0.file == file }, "\(file).json")
        }
    }

    @Test(arguments: cases)
    func specificationCase(_ test: Case) throws {
        var sources = test.partials
        sources["__main"] = test.template
        let library = try MustacheLibrary(sources, missingPartialsRenderNothing: true)
        let json = try JSONSerialization.jsonObject(with: Data(test.data.utf8), options: [.fragmentsAllowed])
        let rendered = library.renderText(MustacheDynamicValue(json: json is NSNull ? nil : json), template: "__main")
        #expect(rendered == test.expected, "template \(test.template.debugDescription)")
    }
}

extension MustacheDynamicValue {
    /// `JSONSerialization`'s values: dictionaries, arrays, strings, numbers (an `NSNumber` made from
    /// `true` is a boolean, from `1` a number), null.
    convenience init(json: Any?) {
        switch json {
        case nil, is NSNull: self.init(.null)
        case let value as String: self.init(.string(value))
        case let value as [Any]: self.init(.list(value.map { MustacheDynamicValue(json: $0) }))
        case let value as [String: Any]:
            let keys = value.keys.sorted()
            self.init(.object(keys: keys, values: keys.map { MustacheDynamicValue(json: value[$0]) }))
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" {
                self.init(.bool(number.boolValue))
            } else if number.doubleValue == number.doubleValue.rounded(), abs(number.doubleValue) < 1e15 {
                self.init(.number(String(number.int64Value)))
            } else {
                self.init(.number(String(number.doubleValue)))
            }
        default: self.init(.string("\(json!)"))
        }
    }
}
