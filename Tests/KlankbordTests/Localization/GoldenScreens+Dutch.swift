extension GoldenScreens {
    /// What a person who reads Dutch sees.
    static let dutch = GoldenScreens(
        overviewHelp: """
            klankbord: veilig chatten in een groep, met een naam die je zelf kiest.

            Zo gebruik je het: klankbord <opdracht> [opties]

            Beginnen:
              meedoen (join)                             Doe mee met een uitnodigingscode.
              wiebenik (whoami)                          Bekijk je naam en rol.
              taal (lang)                                Kies je taal (Nederlands, English, español).

            Groepen:
              groepen (rooms)                            Bekijk je groepen.
              leden (members)                            Bekijk wie er in een groep zit.
              groep maak (room create)                   Maak een nieuwe groep (begeleiders).
              groep uitnodigen (room invite)             Maak een uitnodigingscode voor een groep.
              groep verlaat (room leave)                 Ga uit een groep.
              groep verwijder (room remove)              Haal iemand uit een groep (begeleiders).
              groep regels (room rules)                  Zie of kies de regels van een groep.
              aankondigen (announce)                     Plaats een mededeling (begeleiders).
              gezien (seen)                              Zie wie je mededelingen las.

            Berichten:
              stuur (send)                               Stuur een bericht naar een groep.
              lees (read)                                Lees nieuwe berichten.
              chatten (chat)                             Chat in een groep: nieuwe berichten verschijnen terwijl je typt.
              prive (dm)                                 Stuur een privébericht aan één persoon.
              contactcode (contact)                      Maak een code zodat iemand jou een bericht kan sturen.
              kasboek (ledger)                           Betaal mensen voor hun tijd, en zie je eigen betalingen.

            Uitnodigingen (begeleiders):
              uitnodiging maak (invite create)           Maak een uitnodigingscode (begeleiders).
              uitnodiging lijst (invite list)            Bekijk de uitnodigingen en of ze nog werken.
              uitnodiging intrekken (invite revoke)      Stop een uitnodiging, zodat hij niet meer werkt.

            Veiligheid:
              controleer (verify)                        Controleer de veiligheidscode van iemand.
              ontgrendel (unlock)                        Typ je wachtwoordzin één keer voor een tijdje.
              vergrendel (lock)                          Vraag vanaf nu weer om de wachtwoordzin.
              meld (report)                              Meld een bericht aan de begeleiders.
              meldingen (reports)                        Lees de meldingen die je kreeg (begeleiders).
              blokkeer (block)                           Zie geen berichten meer van iemand.
              deblokkeer (unblock)                       Zie weer berichten van iemand die je blokkeerde.
              geblokkeerd (blocked)                      Zie wie je blokkeerde.
              paniek (panic)                             Verwijder alles in één keer.

            Afspraken:
              bijeenkomst peiling (meeting poll)         Vraag welke tijden mensen passen (begeleiders).
              bijeenkomst stem (meeting vote)            Beantwoord een peiling.
              bijeenkomst telling (meeting tally)        Deel de tellingen van een peiling (begeleiders).
              bijeenkomst vastleggen (meeting fix)       Kies een tijd uit een peiling (begeleiders).
              bijeenkomst maak (meeting create)          Plan een afspraak zonder peiling (begeleiders).
              bijeenkomst verzet (meeting move)          Geef een afspraak een nieuwe tijd (begeleiders).
              bijeenkomst afzeggen (meeting cancel)      Zeg een afspraak af (begeleiders).
              bijeenkomst aanmelden (meeting rsvp)       Zeg of je naar een afspraak komt.
              bijeenkomst aanwezig (meeting attend)      Noteer wie er kwam (begeleiders).
              bijeenkomst vergoedingen (meeting fees)    Toon de vergoedingen van een afspraak (begeleiders).
              bijeenkomst reeks (meeting series)         Plan vier afspraken voor een jaar (begeleiders).
              bijeenkomst kalender (meeting ics)         Schrijf je afspraken als agendabestand.
              bijeenkomst lijst (meeting list)           Toon peilingen en afspraken met hun code.
              afspraken (agenda)                         Toon komende afspraken en open peilingen.

            Vragen van organisaties:
              raadpleging vraag (consult pose)           Stel de groep een vraag (begeleiders).
              raadpleging lijst (consult list)           Toon de open vragen.
              raadpleging antwoord (consult answer)      Beantwoord een vraag. Alleen de begeleiders zien het.
              raadpleging wijzig (consult change)        Verander je antwoord.
              raadpleging intrekken (consult withdraw)   Trek je antwoord terug.
              raadpleging antwoorden (consult answers)   Lees de antwoorden, zonder namen (begeleiders).
              raadpleging doorvragen (consult followup)  Vraag de schrijver van één antwoord meer (begeleiders).
              raadpleging herinner (consult remind)      Herinner wie nog niet antwoordde (begeleiders).
              raadpleging sluit (consult close)          Stop nu de tijd om te antwoorden (begeleiders).
              raadpleging verslag (consult report)       Maak het verslag zonder namen (begeleiders).

            Opties voor elke opdracht:
              --profiel <map>     gebruik het profiel in deze map (--profile)
              --taal nl|en|es     de taal voor deze opdracht (--lang)
              --json              laat lijsten zien voor scripts (JSON)
              --hulp              laat de hulp zien (--help)

            Typ klankbord <opdracht> --hulp voor meer uitleg over één opdracht.
            """,
        inviteCreateHelp: """
            Zo gebruik je het: klankbord uitnodiging maak [--rol <rol>] [--groep <groep>] [--keer <aantal>] [--dagen <aantal>]

            Maakt een uitnodigingscode voor een nieuwe persoon. --rol: wat die persoon mag. Kies lid, vertrouwd (vertrouwenspersoon) of begeleider. Een beheerder kiest begeleider of beheerder. --groep: de groep waar de persoon in komt. --keer: hoeveel mensen de code kunnen gebruiken (maximaal 1000). --dagen: hoeveel dagen de code werkt (maximaal 90; standaard 7).

            Schrijf een groep als #naam en een persoon als @naam. Alleen de naam is genoeg als geen groep en geen persoon zo heet. Zet aanhalingstekens om een woord dat met # begint, zoals '#Peers'. Zonder aanhalingstekens ziet de opdracht het woord niet.

            Opties voor elke opdracht:
              --profiel <map>     gebruik het profiel in deze map (--profile)
              --taal nl|en|es     de taal voor deze opdracht (--lang)
              --json              laat lijsten zien voor scripts (JSON)
              --hulp              laat de hulp zien (--help)
            """,
        notJoinedYet: "Er is geen profiel in /nonexistent/x. Deed je mee met een andere map? Zet dan --profiel en die map erachter. Ben je nieuw? Vraag een begeleider om een uitnodigingscode. Typ daarna: klankbord meedoen <code>",
        inviteExpired: "Deze uitnodiging is verlopen. Vraag de persoon die je de code gaf om een nieuwe.",
        unreadOne: "1 nieuw bericht",
        unreadThree: "3 nieuwe berichten",
        meetingDateTime: "do 14 jan 2027, 19:00",
        twentyFiveEuros: "€ 25,00"
    )
}
