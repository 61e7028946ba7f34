import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Asks for a password twice on the terminal without echoing it.
enum PasswordPrompt {
    static func ask() throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            FileHandle.standardError.write(Data("palestra: no terminal to ask for the password; use --password-stdin\n".utf8))
            throw ExitCode.failure
        }
        let first = read(prompt: "Password: ")
        let second = read(prompt: "Password again: ")
        guard first == second else {
            FileHandle.standardError.write(Data("palestra: the two passwords differ\n".utf8))
            throw ExitCode.failure
        }
        return first
    }

    private static func read(prompt: String) -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
