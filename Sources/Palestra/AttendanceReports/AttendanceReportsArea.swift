extension PageTemplate {
    static let attendanceReport = PageTemplate("attendance-reports/attendance", rendering: AttendanceReportView.self)
    static let athleteAttendance = PageTemplate("attendance-reports/athlete_attendance", rendering: AthleteAttendanceView.self)
    static let attendanceRegister = PageTemplate("attendance-reports/register", rendering: AttendanceRegisterView.self)
}

extension Area {
    /// Attendance per group, per athlete, a group's register and an athlete over a year, on screen and as CSV.
    static let attendanceReports = Area(
        name: "attendance reports",
        templates: [.attendanceReport, .athleteAttendance, .attendanceRegister],
        navigation: [NavigationEntry("Attendance reports", url: AttendanceReportURL.groups, policy: TrainingGroupAccess.policy(for: .view), slot: .reports)],
        settings: .integer(
            "PALESTRA_ATTENDANCE_WARNING_PERCENT", "attendance reports mark athletes below this percentage, 1 to 100 (default 75)",
            in: 1...100, into: \.training.attendanceWarningPercent
        ),
        routes: { surfaces, services in
            AttendanceReportController(
                store: AttendanceReportStore(database: services.database), registerStore: AttendanceRegisterStore(database: services.database),
                views: services.views, settings: services.configuration.training
            ).addRoutes(to: surfaces.signedIn)
        }
    )
}
