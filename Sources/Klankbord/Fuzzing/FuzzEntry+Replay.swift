#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc

extension FuzzEntry {
    /// What a fuzz executable does when built without libFuzzer (a plain `swift build`): runs
    /// every file in the folders or files named in `arguments` (options starting with `-` are
    /// ignored), or else in the target's corpus folder found from `sourceFile` (the executable's
    /// `#filePath`, `Sources/<target>/main.swift`). Hands each line of its report to `report`
    /// (the library itself never prints). Exits 0 when every input passed and 1 when a property
    /// broke or there was nothing to replay; a crash stops it as it would under libFuzzer.
    public static func replayCorpus(_ target: Target, arguments: [String], sourceFile: String,
                                    report: (String) -> Void) -> Never {
        let named = arguments.dropFirst().filter { !$0.hasPrefix("-") }
        let paths = named.isEmpty ? [corpusFolder(target, packageRoot: packageRoot(ofSourceFile: sourceFile, depth: 3))] : Array(named)
        var count = 0
        var failures = 0
        let files = paths.flatMap { path in
            let found = inputFiles(at: path)
            if found.isEmpty { report("\(target.rawValue): nothing to replay in \(path)") }
            return found
        }
        for file in files {
            count += 1
            do {
                try run(target, readFile(file))
            } catch {
                failures += 1
                report("\(target.rawValue): \(file): \(error)")
            }
        }
        report("\(target.rawValue): replayed \(count) inputs from \(paths.joined(separator: " ")), \(failures) failed")
        exit(failures == 0 && count > 0 ? 0 : 1)
    }

    /// `Tests/Fuzz/Corpus/<target>` under the package root.
    static func corpusFolder(_ target: Target, packageRoot: String) -> String {
        packageRoot + "/Tests/Fuzz/Corpus/" + target.rawValue
    }

    /// The package root for a source file `depth` folders below it.
    static func packageRoot(ofSourceFile path: String, depth: Int) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.dropLast(depth).joined(separator: "/")
    }

    /// The files in a folder, sorted and without hidden ones, the path itself when it is a file,
    /// or nothing when there is no such path.
    static func inputFiles(at path: String) -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [path] }
        return names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
    }

    /// The bytes of a file; an unreadable one counts as empty input.
    static func readFile(_ path: String) -> [UInt8] {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
    }
}
