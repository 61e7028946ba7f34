import Mustache

/// A read-only panel of a change form: its heading, column labels and formatted rows.
struct AdminPanelView: Sendable {
    let label: String
    let headingID: String
    let help: String
    let hasHelp: Bool
    let headers: [String]
    let rows: [AdminFormFieldView.TableRow]
    let hasRows: Bool
    let empty: String

    init(panel: AdminPanel, index: Int, rows: [[String?]], formatter: AdminCellFormatter) {
        let localizer = formatter.localizer
        label = localizer.t(panel.label)
        headingID = "panel-\(index)"
        help = panel.help.map(localizer.t) ?? ""
        hasHelp = panel.help != nil
        headers = panel.columns.map { localizer.t($0.label) }
        self.rows = rows.map { values in
            AdminFormFieldView.TableRow(cells: zip(panel.columns, values).map { column, value in
                let names = column.altFrom.flatMap { key in panel.columns.firstIndex { $0.key == key } }.flatMap { values.indices.contains($0) ? values[$0] : nil }
                return AdminFormFieldView.TableCell(
                    label: localizer.t(column.label), value: value, format: column.format, formatter: formatter, names: names
                )
            })
        }
        hasRows = !rows.isEmpty
        empty = localizer.t(panel.empty)
    }
}

extension AdminPanelView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("headingID", \.headingID), .text("help", \.help), .bool("hasHelp", \.hasHelp),
        .list("headers", \.headers), .list("rows", \.rows), .bool("hasRows", \.hasRows), .text("empty", \.empty),
    ])
}
