import KlankbordLocalization
import KlankbordProtocol

extension Role {
    /// The catalog key of the role's name as a person reads it.
    var label: L10nKey {
        switch self {
        case .operator: L10nKey("role.operator")
        case .facilitator: L10nKey("role.facilitator")
        case .trusted: L10nKey("role.trusted")
        case .member: L10nKey("role.member")
        }
    }
}
