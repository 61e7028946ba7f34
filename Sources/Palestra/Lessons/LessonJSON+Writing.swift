/// The lessons API's documents written by hand (``JSONWriter``), key for key as their `Encodable` conformances.
extension LessonJSON.Person: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.raw(#"{"id":"#)
        json.number(id)
        json.raw(#","name":"#)
        json.string(name)
        json.raw("}")
    }
}

extension LessonJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.raw(#"{"id":"#)
        json.number(id)
        json.raw(#","title":"#)
        json.string(title)
        json.raw(#","description":"#)
        json.string(description)
        json.raw(#","teacher":"#)
        teacher.write(to: &json)
        json.raw(#","room":"#)
        if let room { room.write(to: &json) } else { json.raw("null") }
        json.raw(#","starts_at":"#)
        json.time(startsAt, timeZone)
        json.raw(#","ends_at":"#)
        json.time(endsAt, timeZone)
        json.raw(#","status":"#)
        json.string(status)
        json.raw(#","started_at":"#)
        json.time(startedAt, timeZone)
        json.raw(#","completed_at":"#)
        json.time(completedAt, timeZone)
        json.raw(#","cancelled_at":"#)
        json.time(cancelledAt, timeZone)
        json.raw(#","cancel_reason":"#)
        json.string(cancelReason)
        json.raw(#","students":"#)
        switch students {
        case .people(let people): json.array(people)
        case .roster(let roster): json.json(roster)
        }
        json.raw(#","version":"#)
        json.number(version)
        json.raw(#","created_at":"#)
        json.time(createdAt, timeZone)
        json.raw(#","updated_at":"#)
        json.time(updatedAt, timeZone)
        json.raw("}")
    }
}

extension LessonPageJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.raw(#"{"count":"#)
        json.number(count)
        json.raw(#","next":"#)
        json.string(next)
        json.raw(#","previous":"#)
        json.string(previous)
        json.raw(#","results":"#)
        json.array(results)
        json.raw("}")
    }
}
