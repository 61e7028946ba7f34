import Foundation

/// Who a worker process is, as `jobs.locked_by` and `job_workers` record it.
struct WorkerIdentity: Sendable {
    let id: String
    let host: String
    let pid: Int
    let slots: Int

    static func make(slots: Int) -> WorkerIdentity {
        let host = ProcessInfo.processInfo.hostName
        let pid = Int(ProcessInfo.processInfo.processIdentifier)
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return WorkerIdentity(id: "\(host)-\(pid)-\(suffix)", host: host, pid: pid, slots: slots)
    }
}
