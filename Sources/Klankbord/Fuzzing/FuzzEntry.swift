/// One input of each fuzz target, shared by the libFuzzer executables (`Sources/Fuzz*/main.swift`),
/// their corpus-replay mode and the corpus regression test, so all three run exactly the same code.
///
/// Each target feeds attacker-controlled bytes to a parser or state machine and checks what must
/// hold for any input: nothing traps, and whatever decodes comes back the same after encoding
/// again. A broken property is reported as a `FuzzViolation`; a crash is a crash.
public enum FuzzEntry {
    /// The fuzz targets; the raw value names the executable and its corpus folder
    /// (`Tests/Fuzz/Corpus/<rawValue>`).
    public enum Target: String, CaseIterable, Sendable {
        /// `Noise.FrameDecoder` fed arbitrary chunks.
        case frameDecoder = "FuzzFrameDecoder"
        /// The server side of the Noise handshake and `ServerConnection`.
        case handshake = "FuzzHandshake"
        /// `WireMessage.decode`.
        case wireMessage = "FuzzWireMessage"
        /// The end-to-end layouts and decryption of messages and sender-key messages.
        case e2e = "FuzzE2E"
        /// `Config.parse`.
        case config = "FuzzConfig"
        /// `InviteCode(parsing:)` and `ServerAddress(_:)`.
        case inviteCode = "FuzzInviteCode"
    }

    /// Runs one input through `target`; throws when a property that must hold for any input broke.
    public static func run(_ target: Target, _ bytes: [UInt8]) throws(FuzzViolation) {
        switch target {
        case .frameDecoder: try frameDecoder(bytes)
        case .handshake: try handshake(bytes)
        case .wireMessage: try wireMessage(bytes)
        case .e2e: try e2e(bytes)
        case .config: try config(bytes)
        case .inviteCode: try inviteCode(bytes)
        }
    }

    /// The body of `LLVMFuzzerTestOneInput`: runs the input and traps on a violation, which
    /// libFuzzer reports as a crash and saves the input for.
    public static func fuzzOneInput(_ target: Target, _ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        do {
            try run(target, bytes)
        } catch {
            fatalError("\(target.rawValue): \(error)")
        }
        return 0
    }
}

/// A property that must hold for every input did not.
public enum FuzzViolation: Error, Equatable, Sendable {
    /// A value of the named type that decoded came back different after encoding and decoding again.
    case roundTripChanged(type: String)
    /// The frame decoder handed out frames other than those a plain reading of the stream gives.
    case framingDisagrees
    /// A message one end of a Noise session sealed did not open unchanged at the other end.
    case transportMismatch
    /// A decoder accepted an input under a tighter limit but decoded it differently than under the default.
    case limitChangedResult
}
