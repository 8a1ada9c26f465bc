import KlankbordClient
import KlankbordLocalization
import KlankbordProtocol

/// The sentence a person reads for each failure: what happened and what to do next.
enum ErrorText {
    static func sentence(for error: ClientError, server: ServerAddress?, _ t: Localizer) -> String {
        let address = server?.description ?? ""
        switch error {
        case .cannotReachServer: return t("error.client.cannot_reach", ["server": address])
        case .serverDown: return t("error.client.server_down", ["server": address])
        case .timedOut: return t("error.client.timed_out")
        case .handshakeFailed: return t("error.client.handshake_failed")
        case .unsupportedVersion: return t("error.client.unsupported_version")
        case .protocolViolation: return t("error.client.protocol")
        case let .server(code): return sentence(for: code, t)
        }
    }

    /// Each server error code has its own sentence; the switch keeps every key visible to the catalog test.
    static func sentence(for code: ErrorCode, _ t: Localizer) -> String {
        switch code {
        case .malformed: t("error.server.malformed")
        case .unsupportedVersion: t("error.server.unsupported_version")
        case .unknownType: t("error.server.unknown_type")
        case .tooLarge: t("error.server.too_large", ["limit": String(ChatView.textLimit)])
        case .rateLimited: t("error.server.rate_limited")
        case .serverBusy: t("error.server.server_busy")
        case .notRegistered: t("error.server.not_registered")
        case .alreadyRegistered: t("error.server.already_registered")
        case .inviteUnknown: t("error.server.invite_unknown")
        case .inviteExpired: t("error.server.invite_expired")
        case .inviteUsedUp: t("error.server.invite_used_up")
        case .inviteRevoked: t("error.server.invite_revoked")
        case .handleTaken: t("error.server.handle_taken")
        case .handleInvalid: t("error.server.handle_invalid")
        case .forbidden: t("error.server.forbidden")
        case .nameInvalid: t("error.server.name_invalid")
        case .nameTaken: t("error.server.name_taken")
        case .roomUnknown: t("error.server.room_unknown")
        case .notAMember: t("error.server.not_a_member")
        case .alreadyMember: t("error.server.already_member")
        case .handleUnknown: t("error.server.handle_unknown")
        case .directNotAllowed: t("error.server.direct_not_allowed")
        case .contactCodeUnknown: t("error.server.contact_code_unknown")
        case .limitReached: t("error.server.limit_reached")
        case .logConflict: t("error.server.log_conflict")
        case .inviteBanned: t("error.server.invite_banned")
        case .slowMode: t("error.server.slow_mode")
        case .announcementOnly: t("error.server.announcement_only")
        case .storageFull: t("error.server.storage_full")
        case .unavailable: t("error.server.unavailable")
        case .serverRestarting: t("error.server.server_restarting")
        }
    }

    static func sentence(for error: Profile.Failure, directory: String, _ t: Localizer) -> String {
        switch error {
        case .missing: t("cli.profile.missing", ["folder": directory])
        case .alreadyExists: t("cli.profile.exists", ["folder": directory])
        case .unusable: t("cli.profile.unusable", ["folder": directory])
        case .passphraseNeeded: t("cli.passphrase.needed")
        case .wrongPassphrase: t("cli.passphrase.wrong")
        }
    }
}
