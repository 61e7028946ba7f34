import Mustache

/// One case as a radio button of the public forms: its name, its pool's free seats, whether it can be chosen.
struct DebateCaseChoice: Sendable {
    let value: String
    let name: String
    let descriptionHTML: String
    let hasDescription: Bool
    let seats: String
    let isFull: Bool
    let isChosen: Bool
    /// The id of the radio button, for its label.
    let inputID: String

    init(_ seats: DebateCaseSeats, chosen: Int?, localizer: Localizer) {
        value = String(seats.id)
        name = seats.name
        descriptionHTML = Markdown.html(seats.description)
        hasDescription = !seats.description.isEmpty
        self.seats = seats.isFull ? localizer.t("Full") : localizer.plural("{count} seats free", count: seats.free)
        isFull = seats.isFull
        isChosen = chosen == seats.id && !seats.isFull
        inputID = "case-\(seats.id)"
    }
}

extension DebateCaseChoice: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("value", \.value), .text("name", \.name), .html("descriptionHTML", \.descriptionHTML), .bool("hasDescription", \.hasDescription),
        .text("seats", \.seats), .bool("isFull", \.isFull), .bool("isChosen", \.isChosen), .text("inputID", \.inputID),
    ])
}
