import Foundation
#if canImport(Glibc)
import Glibc
import TestSupport
#endif

/// The real `palestra` executable run as a child process, for what only a process shows:
/// start-up failures, signals, exit codes.
final class ServerProcess: @unchecked Sendable {
    static var executable: String { Repository.root + "/.build/debug/palestra" }

    let process = Process()
    let standardError = Pipe()
    let port: Int
    /// Where standard output goes when captured (a file, so a chatty process never blocks on a full pipe).
    let outputFile: URL?

    init(arguments: [String], environment: [String: String], port: Int = 0, standardInput: String? = nil, captureOutput: Bool = false) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
            throw ProcessError.missingExecutable(Self.executable)
        }
        self.port = port
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        var base = ["PATH": "/usr/bin:/bin", "PALESTRA_LOG_LEVEL": "warning"]
        base["PALESTRA_TEMPLATES"] = Repository.templates
        base["PALESTRA_PUBLIC"] = Repository.publicFiles
        base["PALESTRA_MIGRATIONS"] = Repository.migrations
        process.environment = base.merging(environment) { $1 }
        process.standardError = standardError
        if captureOutput {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("palestra-output-\(UUID().uuidString)")
            FileManager.default.createFile(atPath: file.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: file)
            outputFile = file
        } else {
            process.standardOutput = FileHandle.nullDevice
            outputFile = nil
        }
        let input = Pipe()
        if standardInput != nil { process.standardInput = input }
        try process.run()
        if let standardInput {
            input.fileHandleForWriting.write(Data(standardInput.utf8))
            try input.fileHandleForWriting.close()
        }
    }

    /// Waits for the process to end and returns its exit status and what it wrote to standard error.
    func waitForExit(timeout: Duration = .seconds(30)) async throws -> (status: Int32, errors: String) {
        do {
            try await eventually("the process ends", timeout: timeout) { !process.isRunning }
        } catch {
            process.interrupt()
            throw error
        }
        let data = standardError.fileHandleForReading.readDataToEndOfFile()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// What the process wrote to standard output (when captured), once it has ended; the file is removed.
    func output() throws -> String {
        guard let outputFile else { return "" }
        defer { try? FileManager.default.removeItem(at: outputFile) }
        return String(decoding: try Data(contentsOf: outputFile), as: UTF8.self)
    }

    func terminate() {
        process.terminate() // SIGTERM
    }

    /// Ends the process if a test left it running (SIGKILL), so no server outlives the test run.
    func stopIfRunning() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A port nothing listens on right now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw ProcessError.noPort }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// One HTTP/1.1 GET over a plain socket, on its own thread; `nil` when the connection is refused.
    static func get(port: Int, path: String) async -> (status: Int, body: String)? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: blockingGet(port: port, path: path))
            }
        }
    }

    private static func blockingGet(port: Int, path: String) -> (status: Int, body: String)? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return nil }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let statusLine = text.split(separator: "\r\n").first,
              let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return (status, text)
    }

    enum ProcessError: Error, CustomStringConvertible {
        case missingExecutable(String)
        case noPort

        var description: String {
            switch self {
            case .missingExecutable(let path): "\(path) is not built: run the tests with `make test`"
            case .noPort: "no free port"
            }
        }
    }
}
