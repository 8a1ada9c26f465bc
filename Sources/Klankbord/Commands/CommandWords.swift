import KlankbordLocalization
import KlankbordProtocol

/// The Dutch and Spanish words a person may type instead of the English command words, options and role
/// values, so that nobody has to type English. Every English word keeps working, and any language's word works
/// whatever language is chosen: a Spanish speaker who reads a Dutch hint can still type it.
///
/// The words were chosen to be everyday B1 words, written without accents (the accented form is accepted too),
/// and no word of one language names another command in another language. `CommandWordsTests` checks that.
enum CommandWords {
    /// A word in Dutch and in Spanish, the first one shown in help; further forms (accents, plural) are accepted too.
    struct Translations: Sendable {
        let nl: [String]
        let es: [String]

        /// The form shown to a person reading `language`, or nil for English.
        func shown(in language: Language) -> String? {
            switch language {
            case .en: nil
            case .nl: nl.first
            case .es: es.first
            }
        }

        var all: [String] { nl + es }
    }

    /// The first word of each command (the group word for `room …` and `invite …`), keyed by its English word.
    static let commands: [String: Translations] = [
        "join": Translations(nl: ["meedoen"], es: ["unirse", "unirme"]),
        "whoami": Translations(nl: ["wiebenik"], es: ["quiensoy", "quiénsoy"]),
        "lang": Translations(nl: ["taal"], es: ["idioma"]),
        "rooms": Translations(nl: ["groepen"], es: ["grupos"]),
        "members": Translations(nl: ["leden"], es: ["miembros"]),
        "room": Translations(nl: ["groep"], es: ["grupo"]),
        "send": Translations(nl: ["stuur"], es: ["enviar"]),
        "read": Translations(nl: ["lees"], es: ["leer"]),
        "chat": Translations(nl: ["chatten"], es: ["chatear"]),
        "dm": Translations(nl: ["prive", "privé"], es: ["privado"]),
        "contact": Translations(nl: ["contactcode"], es: ["contacto"]),
        "invite": Translations(nl: ["uitnodiging"], es: ["invitacion", "invitación"]),
        "verify": Translations(nl: ["controleer"], es: ["comprobar"]),
        "unlock": Translations(nl: ["ontgrendel"], es: ["abrir"]),
        "lock": Translations(nl: ["vergrendel"], es: ["cerrar"]),
        "report": Translations(nl: ["meld"], es: ["denunciar"]),
        "reports": Translations(nl: ["meldingen"], es: ["denuncias"]),
        "block": Translations(nl: ["blokkeer"], es: ["bloquear"]),
        "unblock": Translations(nl: ["deblokkeer"], es: ["desbloquear"]),
        "blocked": Translations(nl: ["geblokkeerd"], es: ["bloqueados"]),
        "announce": Translations(nl: ["aankondigen"], es: ["anunciar"]),
        "seen": Translations(nl: ["gezien"], es: ["vistos"]),
        "meeting": Translations(nl: ["bijeenkomst"], es: ["reunion", "reunión"]),
        "agenda": Translations(nl: ["afspraken"], es: ["citas"]),
        "consult": Translations(nl: ["raadpleging"], es: ["consulta"]),
        "ledger": Translations(nl: ["kasboek"], es: ["cuentas"]),
        "panic": Translations(nl: ["paniek"], es: ["panico", "pánico"]),
        "help": Translations(nl: ["hulp"], es: ["ayuda"]),
    ]

    /// The second word of the commands with subcommands, per group (English words).
    static let subcommands: [String: [String: Translations]] = [
        "room": [
            "create": Translations(nl: ["maak"], es: ["crear"]),
            "invite": Translations(nl: ["uitnodigen"], es: ["invitar"]),
            "leave": Translations(nl: ["verlaat"], es: ["salir"]),
            "remove": Translations(nl: ["verwijder"], es: ["quitar"]),
            "rules": Translations(nl: ["regels"], es: ["reglas"]),
        ],
        "meeting": [
            "poll": Translations(nl: ["peiling"], es: ["encuesta"]),
            "vote": Translations(nl: ["stem"], es: ["votar"]),
            "tally": Translations(nl: ["telling"], es: ["recuento"]),
            "fix": Translations(nl: ["vastleggen"], es: ["fijar"]),
            "create": Translations(nl: ["maak"], es: ["crear"]),
            "move": Translations(nl: ["verzet"], es: ["mover"]),
            "cancel": Translations(nl: ["afzeggen"], es: ["cancelar"]),
            "rsvp": Translations(nl: ["aanmelden"], es: ["apuntarse"]),
            "attend": Translations(nl: ["aanwezig"], es: ["asistencia"]),
            "fees": Translations(nl: ["vergoedingen"], es: ["pagos"]),
            "ics": Translations(nl: ["kalender"], es: ["calendario"]),
            "list": Translations(nl: ["lijst"], es: ["lista"]),
            "series": Translations(nl: ["reeks"], es: ["serie"]),
        ],
        "consult": [
            "pose": Translations(nl: ["vraag"], es: ["preguntar"]),
            "list": Translations(nl: ["lijst"], es: ["lista"]),
            "answer": Translations(nl: ["antwoord"], es: ["responder"]),
            "change": Translations(nl: ["wijzig"], es: ["cambiar"]),
            "withdraw": Translations(nl: ["intrekken"], es: ["retirar"]),
            "answers": Translations(nl: ["antwoorden"], es: ["respuestas"]),
            "followup": Translations(nl: ["doorvragen"], es: ["seguimiento"]),
            "remind": Translations(nl: ["herinner"], es: ["recordar"]),
            "close": Translations(nl: ["sluit"], es: ["terminar"]),
            "report": Translations(nl: ["verslag"], es: ["informe"]),
        ],
        "ledger": [
            "init": Translations(nl: ["begin"], es: ["iniciar"]),
            "add": Translations(nl: ["nieuw"], es: ["anotar"]),
            "proposals": Translations(nl: ["voorstellen"], es: ["propuestas"]),
            "approve": Translations(nl: ["goedkeuren"], es: ["aprobar"]),
            "pay": Translations(nl: ["betaald"], es: ["pagado"]),
            "reject": Translations(nl: ["afwijzen"], es: ["rechazar"]),
            "reverse": Translations(nl: ["terugdraaien"], es: ["revertir"]),
            "mine": Translations(nl: ["mijn"], es: ["mios", "míos"]),
            "confirm": Translations(nl: ["ontvangen"], es: ["recibido"]),
            "verify": Translations(nl: ["controleer"], es: ["comprobar"]),
            "budget": Translations(nl: ["begroting"], es: ["presupuesto"]),
            "export": Translations(nl: ["exporteer"], es: ["exportar"]),
            "backup": Translations(nl: ["reservekopie"], es: ["copia"]),
            "restore": Translations(nl: ["herstel"], es: ["restaurar"]),
            "handover": Translations(nl: ["overdragen"], es: ["traspasar"]),
            "allowance": Translations(nl: ["grens"], es: ["limite", "límite"]),
        ],
        "invite": [
            "create": Translations(nl: ["maak"], es: ["crear"]),
            "list": Translations(nl: ["lijst"], es: ["lista"]),
            "revoke": Translations(nl: ["intrekken"], es: ["anular"]),
        ],
    ]

    /// The options (without `--`), keyed by their English name.
    static let options: [String: Translations] = [
        "profile": Translations(nl: ["profiel"], es: ["perfil"]),
        "lang": Translations(nl: ["taal"], es: ["idioma"]),
        "role": Translations(nl: ["rol"], es: ["rol"]),
        "room": Translations(nl: ["groep"], es: ["grupo"]),
        "uses": Translations(nl: ["keer"], es: ["usos"]),
        "days": Translations(nl: ["dagen"], es: ["dias", "días"]),
        "handle": Translations(nl: ["naam"], es: ["nombre"]),
        "code": Translations(nl: ["code"], es: ["codigo", "código"]),
        "limit": Translations(nl: ["hoogstens"], es: ["maximo", "máximo"]),
        "minutes": Translations(nl: ["minuten"], es: ["minutos"]),
        "json": Translations(nl: ["json"], es: ["json"]),
        "help": Translations(nl: ["hulp"], es: ["ayuda"]),
        "now": Translations(nl: ["nu"], es: ["ahora"]),
        "confirm": Translations(nl: ["bevestig"], es: ["confirmar"]),
        "accept": Translations(nl: ["accepteer"], es: ["aceptar"]),
        "announce": Translations(nl: ["aankondiging"], es: ["anuncio"]),
        "note": Translations(nl: ["notitie"], es: ["nota"]),
        "show": Translations(nl: ["toon"], es: ["mostrar"]),
        "slow": Translations(nl: ["langzaam"], es: ["lento"]),
        "disappear": Translations(nl: ["verdwijn"], es: ["desaparecer"]),
        "anonymous": Translations(nl: ["anoniem"], es: ["anonima", "anónima"]),
        "attendees": Translations(nl: ["deelnemers"], es: ["asistentes"]),
        "deadline": Translations(nl: ["uiterlijk"], es: ["plazo"]),
        "fee": Translations(nl: ["vergoeding"], es: ["pago"]),
        "place": Translations(nl: ["plek"], es: ["lugar"]),
        "quarterly": Translations(nl: ["perkwartaal"], es: ["trimestral"]),
        "rule": Translations(nl: ["regel"], es: ["regla"]),
        "time": Translations(nl: ["tijd"], es: ["hora"]),
        "year": Translations(nl: ["jaar"], es: ["año", "anio"]),
        "all": Translations(nl: ["alles"], es: ["todas"]),
        "body": Translations(nl: ["tekst"], es: ["texto"]),
        "choice": Translations(nl: ["keuze"], es: ["opcion", "opción"]),
        "fees": Translations(nl: ["vergoedingen"], es: ["pagos"]),
        "file": Translations(nl: ["bestand"], es: ["archivo"]),
        "force": Translations(nl: ["toch"], es: ["forzar"]),
        "format": Translations(nl: ["vorm"], es: ["formato"]),
        "minimum": Translations(nl: ["minimaal"], es: ["minimo", "mínimo"]),
        "open": Translations(nl: ["openbaar"], es: ["abierta"]),
        "options": Translations(nl: ["keuzes"], es: ["opciones"]),
        "output": Translations(nl: ["uitvoer"], es: ["salida"]),
        "redact": Translations(nl: ["verberg"], es: ["ocultar"]),
        "title": Translations(nl: ["titel"], es: ["titulo", "título"]),
        "purpose": Translations(nl: ["doel"], es: ["motivo"]),
        "method": Translations(nl: ["manier"], es: ["forma"]),
        "date": Translations(nl: ["datum"], es: ["fecha"]),
        "description": Translations(nl: ["omschrijving"], es: ["descripcion", "descripción"]),
        "reason": Translations(nl: ["reden"], es: ["razon", "razón"]),
        "from": Translations(nl: ["vanaf"], es: ["desde"]),
        "to": Translations(nl: ["tot"], es: ["hasta"]),
        "amount": Translations(nl: ["bedrag"], es: ["importe"]),
        "month": Translations(nl: ["maand"], es: ["mes"]),
        "over-budget": Translations(nl: ["boven-begroting"], es: ["sobre-presupuesto"]),
        "over-allowance": Translations(nl: ["boven-grens"], es: ["sobre-limite", "sobre-límite"]),
        "handles": Translations(nl: ["namen"], es: ["nombres"]),
        "summary": Translations(nl: ["overzicht"], es: ["resumen"]),
    ]

    /// The role values of `--role`, keyed by the role.
    static let roles: [Role: Translations] = [
        .member: Translations(nl: ["lid"], es: ["miembro"]),
        .trusted: Translations(nl: ["vertrouwd", "vertrouwenspersoon"], es: ["confianza"]),
        .facilitator: Translations(nl: ["begeleider"], es: ["facilitadora", "facilitador"]),
        .operator: Translations(nl: ["beheerder"], es: ["administradora", "administrador"]),
    ]

    /// The English command word for `word` in any language (lower case), or nil when it is no command word.
    static func command(_ word: String) -> String? {
        english(for: word, in: commands)
    }

    /// The English subcommand word of `group` for `word` in any language, or nil.
    static func subcommand(_ word: String, of group: String) -> String? {
        subcommands[group].flatMap { english(for: word, in: $0) }
    }

    /// The English option name for `name` (without dashes) in any language, or `name` itself when it is none.
    static func option(_ name: String) -> String {
        english(for: name, in: options) ?? name
    }

    /// The role named `value` in any language (`facilitadora`, `begeleider`, `facilitator`), or nil.
    static func role(_ value: String) -> Role? {
        let typed = value.lowercased()
        if let role = Role(name: typed) { return role }
        return roles.first { $0.value.all.contains(typed) }?.key
    }

    /// How the command `name` (English, one or two words) is written in `language`.
    static func written(_ name: String, in language: Language) -> String {
        let words = name.split(separator: " ").map(String.init)
        guard let first = words.first else { return name }
        var shown = [commands[first]?.shown(in: language) ?? first]
        if words.count > 1 { shown.append(subcommands[first]?[words[1]]?.shown(in: language) ?? words[1]) }
        return shown.joined(separator: " ")
    }

    /// How the option `name` (English, no dashes) is written in `language`, dashes included.
    static func writtenOption(_ name: String, in language: Language) -> String {
        "--" + (options[name]?.shown(in: language) ?? name)
    }

    /// The roles as a person reading `language` types them, for "use member, trusted, …".
    static func roleList(in language: Language) -> [String] {
        [Role.member, .trusted, .facilitator, .operator].map { roles[$0]?.shown(in: language) ?? $0.name }
    }

    private static func english(for word: String, in table: [String: Translations]) -> String? {
        let typed = word.lowercased()
        if table[typed] != nil { return typed }
        return table.first { $0.value.all.contains(typed) }?.key
    }
}
