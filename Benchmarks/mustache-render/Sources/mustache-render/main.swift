// The attendance change list's page (Templates/admin/change_list.mustache inside the layout) rendered
// with 50 list-editable rows shaped as AdminListView builds them, read the way Palestra's views are read
// (rows, cells and inputs through closure tables, as MustacheKeyed does). Prints the time of one render
// (the median of 15 runs of 40 renders) and the page's size. Usage: mustache-render TEMPLATES_DIRECTORY
import Foundation
import Mustache

protocol Keyed: MustacheParent { static var keys: [String: (Self) -> Any?] { get } }
extension Keyed { func child(named name: String) -> Any? { Self.keys[name]?(self) ?? nil } }

struct Option: Keyed {
    var value: String, label: String, isSelected: Bool
    static let keys: [String: (Self) -> Any?] = ["value": { $0.value }, "label": { $0.label }, "isSelected": { $0.isSelected }]
}

struct Hidden: Keyed {
    var name: String, value: String
    static let keys: [String: (Self) -> Any?] = ["name": { $0.name }, "value": { $0.value }]
}

struct Field: Keyed {
    var id = "", name = "", value = "", inputType = "text", maxLength = "", describedBy = "", error = ""
    var isInput = false, isSelect = false, hasMaxLength = false, hasDescribedBy = false, hasError = false
    var options: [Option] = []
    static let keys: [String: (Self) -> Any?] = [
        "id": { $0.id }, "name": { $0.name }, "value": { $0.value }, "inputType": { $0.inputType },
        "maxLength": { $0.maxLength }, "describedBy": { $0.describedBy }, "error": { $0.error }, "isInput": { $0.isInput },
        "isSelect": { $0.isSelect }, "hasMaxLength": { $0.hasMaxLength }, "hasDescribedBy": { $0.hasDescribedBy },
        "hasError": { $0.hasError }, "options": { $0.options }, "isTextarea": { _ in false }, "isFile": { _ in false },
        "isPassword": { _ in false }, "isRequired": { _ in false }, "isMultiple": { _ in false }, "hasRange": { _ in false },
    ]
}

struct Cell: Keyed {
    var text = "", url = "", imageURL = "", imageAlt = "", editorLabel = ""
    var isLink = false, isSecondary = false, isMoment = false, isImage = false, hasImage = false, isEditable = false
    var editor: [Field] = []
    static let keys: [String: (Self) -> Any?] = [
        "text": { $0.text }, "url": { $0.url }, "imageURL": { $0.imageURL }, "imageAlt": { $0.imageAlt },
        "editorLabel": { $0.editorLabel }, "isLink": { $0.isLink }, "isSecondary": { $0.isSecondary },
        "isMoment": { $0.isMoment }, "isImage": { $0.isImage }, "hasImage": { $0.hasImage },
        "isEditable": { $0.isEditable }, "editor": { $0.editor }, "yourValue": { _ in "" }, "hasYourValue": { _ in false },
    ]
}

struct Row: Keyed {
    var id: String, label: String, cells: [Cell], versionName: String, version: String, was: [Hidden]
    static let keys: [String: (Self) -> Any?] = [
        "id": { $0.id }, "label": { $0.label }, "cells": { $0.cells }, "hasCheckbox": { _ in true },
        "isEditable": { _ in true }, "versionName": { $0.versionName }, "version": { $0.version }, "was": { $0.was },
        "message": { _ in "" }, "hasMessage": { _ in false }, "columnCount": { _ in "8" },
    ]
}

func row(_ index: Int) -> Row {
    let id = String(100_000 + index)
    let name = ["Иван Петров", "Анна Смирнова", "Léa Moreau", "O'Brien & Sons"][index % 4]
    let status = Field(
        id: "row-\(id)-status", name: "row-\(id)-status", isSelect: true,
        options: [("present", "Present"), ("late", "Late"), ("excused", "Excused"), ("absent", "Absent")].map {
            Option(value: $0.0, label: $0.1, isSelected: $0.0 == "present")
        }
    )
    let note = Field(id: "row-\(id)-note", name: "row-\(id)-note", value: index % 3 == 0 ? "Came 10 min late" : "",
                     maxLength: "500", isInput: true, hasMaxLength: true)
    let cells = [
        Cell(text: "21 Nov 2026", url: "/admin/attendance/\(id)/", isLink: true, isMoment: true),
        Cell(text: "Юниоры U-14 (\(index % 7))"),
        Cell(imageURL: "/media/athletes/\(id).jpg", imageAlt: "Photo of \(name)", isImage: true, hasImage: index % 2 == 0),
        Cell(text: name),
        Cell(editorLabel: "Status, \(name)", isEditable: true, editor: [status]),
        Cell(editorLabel: "Note, \(name)", isEditable: true, editor: [note]),
        Cell(text: "Coach Smirnova", isSecondary: true),
    ]
    return Row(id: id, label: "\(name), 2026-11-21", cells: cells, versionName: "row-\(id)-version", version: "3",
               was: [Hidden(name: "row-\(id)-was-status", value: "present"), Hidden(name: "row-\(id)-was-note", value: note.value)])
}

let headers: [[String: Any]] = ["Session date", "Group", "Photo", "Athlete", "Status", "Note", "Marked by"].map {
    ["label": $0, "sortURL": "/admin/attendance/?o=1", "isSortable": true, "isSorted": false, "ariaSort": "none", "isSecondary": false]
}
let groups: [[String: Any]] = (1...100).map { ["label": "Группа \($0)", "value": String($0), "url": "/admin/attendance/?group=\($0)", "isSelected": false] }
let filters: [[String: Any]] = [
    ["label": "Group", "name": "group", "choices": groups, "usesSelect": true, "selectID": "filter-group-select", "rangeAction": "/admin/attendance/"],
    ["label": "Status", "name": "status", "choices": ["All", "Present", "Late", "Excused", "Absent"].map { ["label": $0, "url": "/admin/attendance/?status=\($0)", "isSelected": false] }],
]
let content: [String: Any] = [
    "title": "Attendance records", "listURL": "/admin/attendance/", "hasSearchFields": true, "search": "",
    "resultSummary": "about 202,880 results", "hasFilters": true, "filters": filters, "headers": headers,
    "rows": (0..<50).map(row), "hasRows": true, "hasActions": true, "canEditList": true, "editURL": "/admin/attendance/edit",
    "actions": [["value": "mark_present", "label": "Mark present"], ["value": "mark_absent", "label": "Mark absent"]],
    "actionURL": "/admin/attendance/actions", "csrfField": "csrf_token", "csrfToken": "nG3k2vJ0QhZ5c1Xw", "hasPages": true,
    "pages": (1...7).map { ["label": String($0), "url": "/admin/attendance/?p=\($0)", "isCurrent": $0 == 1, "isGap": false] },
    "hasNext": true, "nextURL": "/admin/attendance/?p=2",
]
let page: [String: Any] = ["lang": "en", "title": "Attendance records", "appName": "Palestra", "content": content]

// The templates as Palestra compiles them: {{#t}}…{{/t}} resolved to their English text when loaded
let directory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Templates"
let translation = try NSRegularExpression(pattern: "\\{\\{#t\\}\\}(.*?)\\{\\{/t\\}\\}", options: [.dotMatchesLineSeparators])
var library = MustacheLibrary()
let files = FileManager.default.enumerator(atPath: directory)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".mustache") }
for file in files {
    let text = try String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8)
    let translated = translation.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1")
    library.register(try MustacheTemplate(string: translated), named: String(file.dropLast(".mustache".count)))
}

guard let first = library.render(page, withTemplate: "admin/change_list"), first.contains("row-100049-note") else {
    fatalError("admin/change_list did not render the 50 rows")
}
var timings: [Double] = []
var bytes = 0
for _ in 0..<15 {
    let start = ContinuousClock.now
    for _ in 0..<40 { bytes &+= library.render(page, withTemplate: "admin/change_list")!.utf8.count }
    let elapsed = ContinuousClock.now - start
    timings.append(Double(elapsed.components.attoseconds) / 1e15 / 40 + Double(elapsed.components.seconds) * 1000 / 40)
}
timings.sort()
// FNV-1a of the page, so two builds can be seen to render the same bytes
let digest = first.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
print(String(format: "%.2f ms per render (median of 15 × 40; fastest %.2f), %d bytes, FNV-1a %016llx",
             timings[7], timings[0], first.utf8.count, digest))
