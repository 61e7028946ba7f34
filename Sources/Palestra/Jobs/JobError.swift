/// Why the queue itself failed a job.
enum JobError: Error, CustomStringConvertible {
    case unknownKind(String)

    var description: String {
        switch self {
        case .unknownKind(let kind): "no job kind named \(kind) is registered in this process"
        }
    }
}
