import Foundation

/// Runs `klankbordd <admin command> … --data-dir DIR` to the end, as an operator would.
enum DaemonAdmin {
    static let passphrase = "a long passphrase for tests"

    @discardableResult
    static func run(_ words: [String], dataDirectory: URL, language: String = "C", passphrase: String? = DaemonAdmin.passphrase,
                    environment extra: [String: String] = [:]) throws -> CLIResult {
        let process = Process()
        process.executableURL = Products.daemon
        process.arguments = words + ["--data-dir", dataDirectory.path]
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = language
        environment.removeValue(forKey: "LC_ALL")
        environment.removeValue(forKey: "LC_MESSAGES")
        environment.removeValue(forKey: "KLANKBORD_BACKUP_PASSPHRASE")
        environment.removeValue(forKey: "CREDENTIALS_DIRECTORY")
        if let passphrase { environment["KLANKBORD_BACKUP_PASSPHRASE"] = passphrase }
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), error: String(decoding: err, as: UTF8.self))
    }
}
