/// Every template a handler renders. Start-up fails when one is missing, naming it.
public enum PageTemplate: String, CaseIterable, Sendable {
    case layout
    case error
    case dashboard
    case login = "accounts/login"
    case account = "accounts/account"
    case userPassword = "accounts/user_password"
    case adminIndex = "admin/index"
    case adminList = "admin/change_list"
    case adminForm = "admin/change_form"
    case adminDelete = "admin/delete_confirmation"
    case adminActionConfirmation = "admin/action_confirmation"
    case adminHistory = "admin/history"
    case jobsOverview = "jobs/overview"
    case notificationInbox = "notifications/inbox"
    case attendanceReport = "attendance-reports/attendance"
    case athleteAttendance = "attendance-reports/athlete_attendance"
    case coachSessions = "attendance/sessions"
    case attendanceJournal = "attendance/journal"
}
