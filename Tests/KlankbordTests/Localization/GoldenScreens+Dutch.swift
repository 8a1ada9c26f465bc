extension GoldenScreens {
    /// What a person who reads Dutch sees.
    static let dutch = GoldenScreens(
        overviewHelp: """
            klankbord: veilig chatten in een groep, met een naam die je zelf kiest.

            Zo gebruik je het: klankbord <opdracht> [opties]

            Beginnen:
              join            Doe mee met een uitnodigingscode.
              whoami          Bekijk je naam en rol.
              lang            Kies je taal (Nederlands, English, español).

            Groepen:
              rooms           Bekijk je groepen.
              members         Bekijk wie er in een groep zit.
              room create     Maak een nieuwe groep (begeleiders).
              room invite     Maak een uitnodigingscode voor een groep.
              room leave      Ga uit een groep.
              room remove     Haal iemand uit een groep (begeleiders).

            Berichten:
              send            Stuur een bericht naar een groep.
              read            Lees nieuwe berichten.
              chat            Chat in een groep: nieuwe berichten verschijnen terwijl je typt.
              dm              Stuur een privébericht aan één persoon.
              contact         Maak een code zodat iemand jou een bericht kan sturen.
              ledger          Betaal mensen voor hun tijd, en zie je eigen betalingen.

            Uitnodigingen (begeleiders):
              invite create   Maak een uitnodigingscode (begeleiders).
              invite list     Bekijk de uitnodigingen en of ze nog werken.
              invite revoke   Stop een uitnodiging, zodat hij niet meer werkt.

            Veiligheid:
              verify          Controleer de veiligheidscode van iemand.
              unlock          Typ je wachtwoordzin één keer voor een tijdje.
              lock            Vraag vanaf nu weer om de wachtwoordzin.
              panic           Verwijder alles in één keer.

            Opties voor elke opdracht:
              --profile <map>     gebruik het profiel in deze map
              --lang nl|en|es     de taal voor deze opdracht
              --json              laat lijsten zien voor scripts (JSON)
              --help              laat de hulp zien

            Typ klankbord <opdracht> --help voor meer uitleg over één opdracht.
            """,
        inviteCreateHelp: """
            Zo gebruik je het: klankbord invite create [--role <rol>] [--room <groep>] [--uses <aantal>] [--days <aantal>]

            Maakt een uitnodigingscode voor een nieuwe persoon. --role: wat die persoon mag. Kies member (lid), trusted (vertrouwenspersoon) of facilitator (begeleider). Een beheerder kiest facilitator of operator. --room: de groep waar de persoon in komt. --uses: hoeveel mensen de code kunnen gebruiken (maximaal 1000). --days: hoeveel dagen de code werkt (maximaal 90; standaard 7).

            Schrijf een groep als #naam en een persoon als @naam. Alleen de naam is genoeg als geen groep en geen persoon zo heet. Zet aanhalingstekens om een woord dat met # begint, zoals '#Peers'. Zonder aanhalingstekens ziet de opdracht het woord niet.

            Opties voor elke opdracht:
              --profile <map>     gebruik het profiel in deze map
              --lang nl|en|es     de taal voor deze opdracht
              --json              laat lijsten zien voor scripts (JSON)
              --help              laat de hulp zien
            """,
        notJoinedYet: "Je doet nog niet mee. Vraag een begeleider om een uitnodigingscode. Typ daarna: klankbord join <code>",
        inviteExpired: "Deze uitnodiging is verlopen. Vraag de persoon die je de code gaf om een nieuwe.",
        unreadOne: "1 nieuw bericht",
        unreadThree: "3 nieuwe berichten",
        meetingDateTime: "do 14 jan 2027, 19:00",
        twentyFiveEuros: "€ 25,00"
    )
}
