extension GoldenScreens {
    /// What a person who reads Spanish sees.
    static let spanish = GoldenScreens(
        overviewHelp: """
            klankbord: chat de grupo seguro, con un nombre que eliges tú.

            Cómo se usa: klankbord <comando> [opciones]

            Empezar:
              join            Únete con un código de invitación.
              whoami          Muestra tu nombre y tu rol.
              lang            Elige tu idioma (Nederlands, English, español).

            Grupos:
              rooms           Muestra tus grupos.
              members         Muestra quién está en un grupo.
              room create     Crea un grupo nuevo (personas facilitadoras).
              room invite     Crea un código de invitación para un grupo.
              room leave      Sal de un grupo.
              room remove     Saca a alguien de un grupo (personas facilitadoras).

            Mensajes:
              send            Envía un mensaje a un grupo.
              read            Lee los mensajes nuevos.
              chat            Chatea en un grupo: los mensajes nuevos aparecen mientras escribes.
              dm              Envía un mensaje privado a una persona.
              contact         Crea un código para que alguien pueda escribirte.
              ledger          Paga a las personas por su tiempo, y mira tus propios pagos.

            Invitaciones (personas facilitadoras):
              invite create   Crea un código de invitación (personas facilitadoras).
              invite list     Muestra las invitaciones y si todavía funcionan.
              invite revoke   Anula una invitación para que ya no funcione.

            Seguridad:
              verify          Comprueba el código de seguridad de una persona.
              unlock          Escribe tu frase de contraseña una vez para un rato.
              lock            Pedir la frase de contraseña otra vez desde ahora.
              panic           Borra todo de una vez.

            Opciones para todos los comandos:
              --profile <carpeta>  usa el perfil de esta carpeta
              --lang nl|en|es      el idioma para este comando
              --json               muestra listas para scripts (JSON)
              --help               muestra la ayuda

            Escribe klankbord <comando> --help para saber más sobre un comando.
            """,
        inviteCreateHelp: """
            Cómo se usa: klankbord invite create [--role <rol>] [--room <grupo>] [--uses <número>] [--days <número>]

            Crea un código de invitación para una persona nueva. --role: lo que puede hacer. Elige member (miembro), trusted (persona de confianza) o facilitator (persona facilitadora). Una persona administradora elige facilitator u operator. --room: el grupo donde entra. --uses: cuántas personas pueden usarlo (máximo 1000). --days: cuántos días funciona (máximo 90; si no lo eliges, 7).

            Escribe un grupo como #nombre y una persona como @nombre. Basta con el nombre solo si ningún grupo ni ninguna persona se llama así. Pon comillas alrededor de una palabra que empieza con #, como '#Peers'. Sin comillas el comando no la ve.

            Opciones para todos los comandos:
              --profile <carpeta>  usa el perfil de esta carpeta
              --lang nl|en|es      el idioma para este comando
              --json               muestra listas para scripts (JSON)
              --help               muestra la ayuda
            """,
        notJoinedYet: "Todavía no te has unido. Pide un código de invitación a una persona facilitadora. Después escribe: klankbord join <código>",
        inviteExpired: "Esta invitación ha caducado. Pide una nueva a la persona que te la dio.",
        unreadOne: "1 mensaje nuevo",
        unreadThree: "3 mensajes nuevos",
        meetingDateTime: "jue 14 ene 2027, 19:00",
        twentyFiveEuros: "€ 25,00"
    )
}
