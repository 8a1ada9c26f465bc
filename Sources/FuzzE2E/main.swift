import KlankbordFuzzing

/// libFuzzer's entry point; the input logic is `FuzzEntry`'s, shared with the corpus replay test.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzEntry.fuzzOneInput(.e2e, data, size)
}

#if !KLANKBORD_FUZZING
// Built without libFuzzer (plain `swift build`), this program replays the corpus instead. A
// declaration rather than a bare call: fuzz builds parse this file as a library, and there a
// top-level expression is an error even inside an inactive #if.
let replayed: Never = FuzzEntry.replayCorpus(.e2e, arguments: CommandLine.arguments, sourceFile: #filePath) { print($0) }
#endif
