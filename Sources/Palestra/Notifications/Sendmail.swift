import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Hands a message to the local mail system: `<path> -t -i` (recipients from the headers; a lone `.`
/// line does not end the message). The message goes in from a temporary file and what the program
/// prints goes to another, so no pipe can fill up or break; exit status 0 means accepted.
///
/// The program is started with `posix_spawn`, with an empty signal mask and default signal handlers:
/// the threads that start it (NIO's thread pool) block every signal, and a child inherits that mask,
/// so with Foundation's `Process` a SIGTERM would not reach it.
struct Sendmail: Sendable {
    let path: String
    /// A program still running after this long gets SIGTERM (SIGKILL 5 s later) and the delivery fails:
    /// the job holds the notification's row lock meanwhile.
    var timeout: Duration = .seconds(60)

    /// How often the child's exit is looked for (`waitpid` with `WNOHANG`, so no thread waits on it).
    static let pollInterval: Duration = .milliseconds(10)

    func send(_ message: String) async throws {
        let folder = FileManager.default.temporaryDirectory.path
        let input = folder + "/palestra-sendmail-\(UUID().uuidString).eml"
        let output = folder + "/palestra-sendmail-\(UUID().uuidString).log"
        defer {
            unlink(input)
            unlink(output)
        }
        let path = path
        let pid = try await offload { () throws -> pid_t in
            guard FileManager.default.createFile(atPath: input, contents: Data(message.utf8)) else {
                throw NotificationDeliveryError.sendmailNotStarted(path: path, reason: "cannot write a temporary file in \(folder)")
            }
            return try Self.spawn(path, input: input, output: output)
        }
        let status = await Self.wait(for: pid, timeout: timeout)
        if status.timedOut {
            throw NotificationDeliveryError.sendmailTimedOut(path: path, after: timeout)
        }
        guard status.code == 0 else {
            let printed = try await offload { (try? String(contentsOfFile: output, encoding: .utf8)) ?? "" }
            let firstLines = printed.split(whereSeparator: \.isNewline).prefix(3).joined(separator: " / ")
            throw NotificationDeliveryError.sendmailFailed(path: path, status: status.code, output: String(firstLines.prefix(500)))
        }
    }

    /// Starts `path -t -i` reading `input`, writing both of its outputs to `output`.
    private static func spawn(_ path: String, input: String, output: String) throws -> pid_t {
        let inputFD = open(input, O_RDONLY | O_CLOEXEC)
        let outputFD = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            if inputFD >= 0 { close(inputFD) }
            if outputFD >= 0 { close(outputFD) }
        }
        guard inputFD >= 0, outputFD >= 0 else {
            throw NotificationDeliveryError.sendmailNotStarted(path: path, reason: String(cString: strerror(errno)))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inputFD, 0)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 2)
        // Nothing else of ours (database sockets, listeners, files) goes to the child.
        _ = addCloseFrom?(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        var all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var arguments: [UnsafeMutablePointer<CChar>?] = [path, "-t", "-i"].map { (text: String) in strdup(text) }
        arguments.append(nil)
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, path, &actions, &attributes, arguments, environ)
        guard result == 0 else {
            throw NotificationDeliveryError.sendmailNotStarted(path: path, reason: String(cString: strerror(result)))
        }
        return pid
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift does not see because
    /// `spawn.h` declares it for `_GNU_SOURCE` only; looked up once. Without it, descriptors opened with
    /// close-on-exec (libpq's and NIO's sockets are) still stay out of the child.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32)? = {
        guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32).self)
    }()

    /// Waits for the child to end, polling; past `timeout` (or when the task is cancelled) it is sent
    /// SIGTERM, and SIGKILL 5 s later. The child is always reaped. The exit code is 128 + the signal's
    /// number when a signal ended it.
    private static func wait(for pid: pid_t, timeout: Duration) async -> (code: Int32, timedOut: Bool) {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var terminatedAt: ContinuousClock.Instant?
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped == -1 && errno != EINTR { return (-1, terminatedAt != nil) }
            if terminatedAt == nil && (clock.now >= deadline || Task.isCancelled) {
                kill(pid, SIGTERM)
                terminatedAt = clock.now
            } else if let terminated = terminatedAt, clock.now - terminated > .seconds(5) {
                kill(pid, SIGKILL)
            }
            try? await Task.sleep(for: pollInterval)
        }
        let signal = status & 0x7F
        return (signal == 0 ? (status >> 8) & 0xFF : 128 + signal, terminatedAt != nil)
    }
}
