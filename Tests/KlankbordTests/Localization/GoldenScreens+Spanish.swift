extension GoldenScreens {
    /// What a person who reads Spanish sees.
    static let spanish = GoldenScreens(
        overviewHelp: """
            klankbord: chat de grupo seguro, con un nombre que eliges tú.

            Cómo se usa: klankbord <comando> [opciones]

            Empezar:
              unirse (join)                            Únete con un código de invitación.
              quiensoy (whoami)                        Muestra tu nombre y tu rol.
              idioma (lang)                            Elige tu idioma (Nederlands, English, español).

            Grupos:
              grupos (rooms)                           Muestra tus grupos.
              miembros (members)                       Muestra quién está en un grupo.
              grupo crear (room create)                Crea un grupo nuevo (personas facilitadoras).
              grupo invitar (room invite)              Crea un código de invitación para un grupo.
              grupo salir (room leave)                 Sal de un grupo.
              grupo quitar (room remove)               Saca a alguien de un grupo (personas facilitadoras).
              grupo reglas (room rules)                Muestra o elige las reglas de un grupo.
              anunciar (announce)                      Publica un aviso (personas facilitadoras).
              vistos (seen)                            Mira quién leyó tus avisos.

            Mensajes:
              enviar (send)                            Envía un mensaje a un grupo.
              leer (read)                              Lee los mensajes nuevos.
              chatear (chat)                           Chatea en un grupo: los mensajes nuevos aparecen mientras escribes.
              privado (dm)                             Envía un mensaje privado a una persona.
              contacto (contact)                       Crea un código para que alguien pueda escribirte.
              cuentas (ledger)                         Paga a las personas por su tiempo, y mira tus propios pagos.

            Invitaciones (personas facilitadoras):
              invitacion crear (invite create)         Crea un código de invitación (personas facilitadoras).
              invitacion lista (invite list)           Muestra las invitaciones y si todavía funcionan.
              invitacion anular (invite revoke)        Anula una invitación para que ya no funcione.

            Seguridad:
              comprobar (verify)                       Comprueba el código de seguridad de una persona.
              abrir (unlock)                           Escribe tu frase de contraseña una vez para un rato.
              cerrar (lock)                            Pedir la frase de contraseña otra vez desde ahora.
              denunciar (report)                       Cuenta un mensaje a las personas facilitadoras.
              denuncias (reports)                      Lee las denuncias que recibiste (personas facilitadoras).
              bloquear (block)                         Deja de ver los mensajes de una persona.
              desbloquear (unblock)                    Vuelve a ver los mensajes de una persona bloqueada.
              bloqueados (blocked)                     Muestra a quién bloqueaste.
              panico (panic)                           Borra todo de una vez.

            Reuniones:
              reunion encuesta (meeting poll)          Pregunta qué horas van bien (personas facilitadoras).
              reunion votar (meeting vote)             Responde a una encuesta.
              reunion recuento (meeting tally)         Comparte los totales de una encuesta (personas facilitadoras).
              reunion fijar (meeting fix)              Elige una hora de una encuesta (personas facilitadoras).
              reunion crear (meeting create)           Planea una reunión sin encuesta (personas facilitadoras).
              reunion mover (meeting move)             Da una hora nueva a una reunión (personas facilitadoras).
              reunion cancelar (meeting cancel)        Cancela una reunión (personas facilitadoras).
              reunion apuntarse (meeting rsvp)         Di si vienes a una reunión.
              reunion asistencia (meeting attend)      Anota quién vino (personas facilitadoras).
              reunion pagos (meeting fees)             Muestra los pagos de una reunión (personas facilitadoras).
              reunion serie (meeting series)           Planea cuatro reuniones para un año (personas facilitadoras).
              reunion calendario (meeting ics)         Escribe tus reuniones como archivo de calendario.
              reunion lista (meeting list)             Muestra encuestas y reuniones con su código.
              citas (agenda)                           Muestra las próximas reuniones y encuestas abiertas.

            Preguntas de organizaciones:
              consulta preguntar (consult pose)        Haz una pregunta al grupo (personas facilitadoras).
              consulta lista (consult list)            Muestra las preguntas abiertas.
              consulta responder (consult answer)      Responde a una pregunta. Solo la ven las personas facilitadoras.
              consulta cambiar (consult change)        Cambia tu respuesta.
              consulta retirar (consult withdraw)      Retira tu respuesta.
              consulta respuestas (consult answers)    Lee las respuestas, sin nombres (personas facilitadoras).
              consulta seguimiento (consult followup)  Pregunta más a quien escribió una respuesta (personas facilitadoras).
              consulta recordar (consult remind)       Recuerda a quien todavía no respondió (personas facilitadoras).
              consulta terminar (consult close)        Termina ahora el plazo para responder (personas facilitadoras).
              consulta informe (consult report)        Haz el informe sin nombres (personas facilitadoras).

            Opciones para todos los comandos:
              --perfil <carpeta>  usa el perfil de esta carpeta (--profile)
              --idioma nl|en|es   el idioma para este comando (--lang)
              --json              muestra listas para scripts (JSON)
              --ayuda             muestra la ayuda (--help)

            Escribe klankbord <comando> --ayuda para saber más sobre un comando.
            """,
        inviteCreateHelp: """
            Cómo se usa: klankbord invitacion crear [--rol <rol>] [--grupo <grupo>] [--usos <número>] [--dias <número>]

            Crea un código de invitación para una persona nueva. --rol: lo que puede hacer. Elige --rol miembro, --rol confianza (persona de confianza) o --rol facilitadora (persona facilitadora). Una persona administradora elige --rol facilitadora o --rol administradora. --grupo: el grupo donde entra. --usos: cuántas personas pueden usarlo (máximo 1000). --dias: cuántos días funciona (máximo 90; si no lo eliges, 7).

            Escribe un grupo como #nombre y una persona como @nombre. Basta con el nombre solo si ningún grupo ni ninguna persona se llama así. Pon comillas alrededor de una palabra que empieza con #, como '#Peers'. Sin comillas el comando no la ve.

            Opciones para todos los comandos:
              --perfil <carpeta>  usa el perfil de esta carpeta (--profile)
              --idioma nl|en|es   el idioma para este comando (--lang)
              --json              muestra listas para scripts (JSON)
              --ayuda             muestra la ayuda (--help)
            """,
        notJoinedYet: "No hay ningún perfil en /nonexistent/x. ¿Te uniste con otra carpeta? Entonces añade --perfil y esa carpeta. ¿Es tu primera vez? Pide un código de invitación a una persona facilitadora. Después escribe: klankbord unirse <código>",
        inviteExpired: "Esta invitación ha caducado. Pide una nueva a la persona que te la dio.",
        unreadOne: "1 mensaje nuevo",
        unreadThree: "3 mensajes nuevos",
        meetingDateTime: "jueves 14 ene 2027, 19:00",
        twentyFiveEuros: "€ 25,00"
    )
}
