extension AttendanceReportRow: MustacheKeyed {
    static let mustacheKeys: [String: @Sendable (Self) -> Any?] = [
        "name": { $0.name }, "url": { $0.url }, "hasURL": { $0.hasURL }, "held": { $0.held }, "present": { $0.present }, "late": { $0.late },
        "excused": { $0.excused }, "absent": { $0.absent }, "unmarked": { $0.unmarked }, "percentage": { $0.percentage }, "isLow": { $0.isLow },
    ]
}

extension AttendanceChart.Bar: MustacheKeyed {
    static let mustacheKeys: [String: @Sendable (Self) -> Any?] = [
        "label": { $0.label }, "valueText": { $0.valueText }, "labelY": { $0.labelY }, "barY": { $0.barY }, "width": { $0.width }, "isLow": { $0.isLow }, "trackWidth": { $0.trackWidth },
    ]
}
