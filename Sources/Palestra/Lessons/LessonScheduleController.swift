import Foundation
import Hummingbird
import Postgres

/// My lessons and the week timetables, for everyone signed in (each sees the lessons ``LessonAccess`` gives them).
struct LessonScheduleController: Sendable {
    let database: PostgresClient
    let views: Views
    var timeZone: TimeZone { views.timeZone }

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.get(LessonsURL.myLessons, use: mine)
        routes.get(LessonsURL.timetable, use: timetable)
    }

    @Sendable func mine(_ request: Request, context: SignedInContext) async throws -> Response {
        let now = Date()
        let today = CalendarDate.today(in: timeZone, now: now)
        let monday = today.adding(days: -(today.weekday - 1)) ?? today
        let week = (start: start(of: monday), end: start(of: monday.adding(days: 7) ?? monday))
        let day = (start: start(of: today), end: start(of: today.adding(days: 1) ?? today))
        let access = LessonAccess(user: context.user)
        // A student's list reaches four weeks each way; a teacher's this week and every lesson not held.
        let from = context.user.role == .student ? start(of: today.adding(days: -28) ?? today) : week.start
        let to = context.user.role == .student ? start(of: today.adding(days: 28) ?? today) : week.end
        let teacher = context.user.role == .coach ? context.user.id : nil
        let lessons = try await LessonStore.lessons(
            access: access, from: from, to: to, teacher: teacher, includeNotHeld: context.user.role != .student, on: database
        )
        let localizer = views.localizer(for: context)
        let view = MyLessonsView(lessons: lessons, user: context.user, now: now, week: week, today: day, localizer: localizer, timeZone: timeZone)
        return views.render(.myLessons, title: localizer.t("My lessons"), content: view, context: context)
    }

    @Sendable func timetable(_ request: Request, context: SignedInContext) async throws -> Response {
        let query = request.queryData
        let today = CalendarDate.today(in: timeZone)
        let chosen = query.value("week").flatMap { CalendarDate($0) } ?? today
        let monday = chosen.adding(days: -(chosen.weekday - 1)) ?? chosen
        var room = query.value("room").flatMap(LessonDraft.id)
        var teacher = query.value("teacher").flatMap(LessonDraft.id)
        if room == nil, teacher == nil, context.user.role == .coach { teacher = context.user.id }
        if room != nil, teacher != nil { room = nil }
        let teachers = try await LessonChoiceStore.teachers(on: database)
        let rooms = try await LessonChoiceStore.rooms(on: database)
        let localizer = views.localizer(for: context)
        let subject = teachers.first { $0.id == teacher }?.name ?? rooms.first { $0.id == room }?.name ?? localizer.t("All lessons")
        let lessons = try await LessonStore.lessons(
            access: LessonAccess(user: context.user), from: start(of: monday), to: start(of: monday.adding(days: 7) ?? monday),
            teacher: teacher, room: room, on: database
        )
        let view = TimetableView(
            lessons: lessons, monday: monday, today: today, subject: subject, query: (teacher, room), teachers: teachers, rooms: rooms,
            localizer: localizer, timeZone: timeZone
        )
        return views.render(.timetable, title: view.heading, content: view, context: context)
    }

    /// Midnight at the start of `date` on the organisation's clock.
    private func start(of date: CalendarDate) -> Date {
        LessonDraft.moment("\(date)T00:00", timeZone: timeZone) ?? Date()
    }
}
