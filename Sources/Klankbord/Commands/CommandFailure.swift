import KlankbordClient
import KlankbordLocalization
import KlankbordProtocol

/// Why a command stopped. Each case becomes a translated sentence and an exit code:
/// 0 success, 1 usage, 2 the server said no, 3 the server could not be reached, 4 the local profile.
enum CommandFailure: Error {
    /// The command was typed wrongly: the sentence (catalog key and arguments), then the command's usage.
    case usage(L10nKey, [String: String] = [:], command: String?)
    case client(ClientError, server: ServerAddress?)
    case profile(Profile.Failure)
    /// Something the person can fix, said in one sentence, with an exit code.
    case message(L10nKey, [String: String] = [:], exitCode: Int32)

    var exitCode: Int32 {
        switch self {
        case .usage: 1
        case let .client(error, _):
            switch error {
            case .server: 2
            case .cannotReachServer, .serverDown, .timedOut, .handshakeFailed, .unsupportedVersion, .protocolViolation: 3
            }
        case .profile: 4
        case let .message(_, _, code): code
        }
    }
}
