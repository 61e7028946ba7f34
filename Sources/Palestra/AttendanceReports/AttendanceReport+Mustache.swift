extension AttendanceReportRow: MustacheKeyed {
    nonisolated(unsafe) static let mustacheKeys: [String: PartialKeyPath<Self>] = [
        "name": \.name, "url": \.url, "hasURL": \.hasURL, "held": \.held, "present": \.present, "late": \.late,
        "excused": \.excused, "absent": \.absent, "unmarked": \.unmarked, "percentage": \.percentage, "isLow": \.isLow,
    ]
}

extension AttendanceChart.Bar: MustacheKeyed {
    nonisolated(unsafe) static let mustacheKeys: [String: PartialKeyPath<Self>] = [
        "label": \.label, "valueText": \.valueText, "labelY": \.labelY, "barY": \.barY, "width": \.width, "isLow": \.isLow, "trackWidth": \.trackWidth,
    ]
}
