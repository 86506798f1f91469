"""Requests, look-alike negatives, everyday mail and forward labels in Swedish, Danish, Norwegian and Finnish.

Same shapes as ``languages`` (which merges these tables into its own): per language the request grammar, the
look-alikes by (label, kind), how a mail client in that language writes a forward, and a manager's note. Every
look-alike asks for the same minutes, coffee or call as the requests do, for another purpose.
"""

from __future__ import annotations

LANGS = ("sv", "da", "nb", "fi")

REQUEST: dict[str, dict[str, tuple[str, ...]]] = {
    "sv": {
        "greet": ("Hej {name}!", "Hej {name},", "Hej,", "Hej allihop,", "God morgon,"),
        "intro": (
            "Jag läser sista året inom {f} och är mycket intresserad av det arbete ni gör.",
            "Jag heter {me} och håller på att avsluta min master i {f}.",
            "Efter flera år i en annan bransch vill jag byta bana och börja arbeta med {f}.",
            "Jag tog nyligen examen inom {f} och vill förstå hur arbetet ser ut i vardagen.",
            "En tidigare kurskamrat gav mig ditt namn och sa att du kanske kunde ge mig några råd.",
            "Jag har varit hemma med barnen i några år och funderar nu på att gå tillbaka till {f}.",
        ),
        "ask": (
            "Skulle du ha {minutes} minuter för ett kort samtal om din karriär?",
            "Jag skulle gärna prata {minutes} minuter med någon i teamet om hur det är att jobba hos er.",
            "Kan vi ta en kaffe eller ett kort telefonsamtal så att jag får ställa några frågor om din väg in i yrket?",
            "Har du möjlighet till ett kort videosamtal om hur du kom dit du är i dag?",
            "Jag skulle uppskatta några råd om hur man kommer in i branschen, kanske över en kopp kaffe?",
        ),
        "avail": (
            "Jag kan på {d} efter lunch.",
            "Det passar mig bra på {d} mellan tio och tolv.",
            "Jag anpassar mig gärna efter din tid.",
        ),
        "thanks": ("Tack på förhand!", "Tack för din tid.", "Jag ser fram emot att höra från dig."),
        "close": ("Vänliga hälsningar,", "Med vänlig hälsning,", "Hälsningar,", "Tack,"),
        "subject": ("Förfrågan om ett kort samtal", "Fråga om din karriär", "En kaffe?", "Råd om {f}?"),
        "f": ("dataanalys", "informationssäkerhet", "marknadsföring", "produktdesign", "ekonomi"),
        "d": ("måndag", "tisdag", "onsdag", "torsdag", "fredag"),
        "neutral": (
            "Har du {minutes} minuter för ett kort samtal nästa vecka?",
            "Kan vi ta ett kort telefonsamtal eller en kaffe någon dag i veckan?",
        ),
        "bump": (
            "Jag skriver igen ifall mitt förra meddelande försvann i mängden.",
            "Förlåt att jag tjatar, jag ville bara höra om du hunnit läsa mitt mejl.",
        ),
    },
    "da": {
        "greet": ("Hej {name},", "Kære {name},", "Hej,", "Godmorgen,", "Hej alle,"),
        "intro": (
            "Jeg er på sidste år af min uddannelse i {f} og er meget interesseret i jeres område.",
            "Jeg hedder {me} og er ved at afslutte min kandidat i {f}.",
            "Efter flere år i en anden branche vil jeg gerne skifte spor og arbejde med {f}.",
            "Jeg er nyuddannet inden for {f} og vil gerne forstå, hvordan hverdagen i faget ser ud.",
            "En tidligere studiekammerat gav mig dit navn og sagde, at du måske kunne give mig nogle råd.",
            "Jeg har været væk fra arbejdsmarkedet i nogle år og overvejer nu at vende tilbage til {f}.",
        ),
        "ask": (
            "Har du {minutes} minutter til en kort snak om din karriere?",
            "Jeg vil rigtig gerne tale {minutes} minutter med en fra teamet om, hvordan det er at arbejde hos jer.",
            "Kunne vi tage en kop kaffe eller en kort telefonsamtale, så jeg kan stille et par spørgsmål om din vej ind i faget?",
            "Er et kort videoopkald muligt, hvor du fortæller lidt om, hvordan du er kommet hertil?",
            "Jeg ville sætte stor pris på et par råd om, hvordan man kommer ind i branchen.",
        ),
        "avail": (
            "Jeg kan {d} eftermiddag.",
            "Det passer mig fint {d} mellem ti og tolv.",
            "Jeg tilpasser mig gerne din kalender.",
        ),
        "thanks": ("På forhånd tak.", "Tak for din tid.", "Jeg glæder mig til at høre fra dig."),
        "close": ("Venlig hilsen,", "Med venlig hilsen,", "Mange hilsner,", "Tak,"),
        "subject": (
            "Forespørgsel om en kort snak",
            "Spørgsmål om din karriere",
            "En kop kaffe?",
            "Råd om {f}?",
        ),
        "f": ("dataanalyse", "it-sikkerhed", "marketing", "produktdesign", "økonomi"),
        "d": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag"),
        "neutral": (
            "Har du {minutes} minutter til en kort snak i næste uge?",
            "Kan vi tage en kort telefonsamtale eller en kop kaffe en af dagene?",
        ),
        "bump": (
            "Jeg skriver igen, hvis nu min sidste mail er druknet i indbakken.",
            "Undskyld, at jeg spørger igen; jeg ville bare høre, om du har nået at læse min mail.",
        ),
    },
    "nb": {
        "greet": ("Hei {name},", "Hei,", "Kjære {name},", "God morgen,", "Hei alle sammen,"),
        "intro": (
            "Jeg går siste året på studiet i {f} og er veldig interessert i fagfeltet deres.",
            "Jeg heter {me} og holder på å fullføre en master i {f}.",
            "Etter flere år i en annen bransje ønsker jeg å bytte retning og jobbe med {f}.",
            "Jeg er nyutdannet innen {f} og vil gjerne forstå hvordan arbeidshverdagen ser ut.",
            "En tidligere studievenn ga meg navnet ditt og sa at du kanskje kunne gi meg noen råd.",
            "Jeg har vært hjemme med barna i noen år og vurderer nå å gå tilbake til {f}.",
        ),
        "ask": (
            "Har du {minutes} minutter til en kort prat om karrieren din?",
            "Jeg vil gjerne snakke {minutes} minutter med noen i teamet om hvordan det er å jobbe hos dere.",
            "Kan vi ta en kaffe eller en kort telefonsamtale, så jeg kan stille noen spørsmål om veien din inn i yrket?",
            "Er det mulig med en kort videosamtale om hvordan du kom dit du er i dag?",
            "Jeg ville satt stor pris på noen råd om hvordan man kommer inn i bransjen.",
        ),
        "avail": (
            "Jeg kan {d} ettermiddag.",
            "Det passer fint for meg {d} mellom ti og tolv.",
            "Jeg tilpasser meg gjerne kalenderen din.",
        ),
        "thanks": ("Takk på forhånd.", "Takk for at du tok deg tid.", "Jeg ser fram til å høre fra deg."),
        "close": ("Vennlig hilsen,", "Med vennlig hilsen,", "Hilsen,", "Takk,"),
        "subject": ("Forespørsel om en kort prat", "Spørsmål om karrieren din", "En kaffe?", "Råd om {f}?"),
        "f": ("dataanalyse", "informasjonssikkerhet", "markedsføring", "produktdesign", "økonomi"),
        "d": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag"),
        "neutral": (
            "Har du {minutes} minutter til en kort prat neste uke?",
            "Kan vi ta en kort telefonsamtale eller en kaffe en av dagene?",
        ),
        "bump": (
            "Jeg skriver igjen i tilfelle den forrige e-posten min forsvant i innboksen.",
            "Beklager at jeg maser; jeg ville bare høre om du har fått lest e-posten min.",
        ),
    },
    "fi": {
        "greet": ("Hei {name},", "Hei,", "Hyvä {name},", "Huomenta,", "Hei kaikki,"),
        "intro": (
            "Opiskelen viimeistä vuotta, ja pääaineeni on {f}.",
            "Nimeni on {me}, ja viimeistelen maisterin tutkintoani. Pääaineeni on {f}.",
            "Olen työskennellyt vuosia toisella alalla, ja nyt haluaisin vaihtaa suuntaa. Minua kiinnostaa erityisesti {f}.",
            "Valmistuin hiljattain, ja haluaisin ymmärtää, millaista työ alalla on käytännössä.",
            "Entinen opiskelukaverini antoi nimesi ja sanoi, että voisit ehkä antaa minulle neuvoja.",
            "Olin muutaman vuoden kotona lasten kanssa, ja nyt suunnittelen paluuta työelämään.",
        ),
        "ask": (
            "Olisiko sinulla {minutes} minuuttia aikaa lyhyeen keskusteluun urastasi?",
            "Haluaisin jutella {minutes} minuuttia jonkun tiiminne jäsenen kanssa siitä, millaista teillä on työskennellä.",
            "Voisimmeko käydä kahvilla tai puhua lyhyesti puhelimessa? Minulla olisi muutama kysymys urapolustasi.",
            "Onnistuisiko lyhyt videopuhelu siitä, miten päädyit nykyiseen työhösi?",
            "Olisin kiitollinen muutamasta neuvosta siitä, miten alalle pääsee sisään.",
        ),
        "avail": (
            "Pääsen {d} iltapäivällä.",
            "Minulle sopisi {d} kello kymmenen ja kahdentoista välillä.",
            "Joustan mielelläni aikataulusi mukaan.",
        ),
        "thanks": ("Kiitos jo etukäteen.", "Kiitos ajastasi.", "Jään odottamaan vastaustasi."),
        "close": ("Ystävällisin terveisin,", "Terveisin,", "Parhain terveisin,", "Kiitos,"),
        "subject": (
            "Pyyntö lyhyestä keskustelusta",
            "Kysymys urastasi",
            "Kahville?",
            "Neuvoja alalle pääsemiseen?",
        ),
        "f": ("data-analytiikka", "tietoturva", "markkinointi", "tuotesuunnittelu", "talous"),
        "d": ("maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina"),
        "neutral": (
            "Olisiko sinulla ensi viikolla {minutes} minuuttia lyhyeen puheluun?",
            "Voisimmeko puhua lyhyesti puhelimessa tai käydä kahvilla lähipäivinä?",
        ),
        "bump": (
            "Kirjoitan uudestaan siltä varalta, että edellinen viestini hukkui postilaatikkoon.",
            "Anteeksi, että kysyn uudelleen; halusin vain varmistaa, ehditkö lukea viestini.",
        ),
    },
}

NEGATIVE: dict[tuple[str, str], dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    ("other", "sales_coffee"): {
        "sv": (
            ("En kaffe?", "Idé till {org}"),
            (
                "Jag heter {me} och jobbar på {sales}. Vi hjälper företag som ert att sänka sina molnkostnader.",
                "Får jag bjuda på en digital kaffe och visa en demo på 15 minuter?",
                "Om du inte är rätt person, vem ska jag kontakta om inköp?",
            ),
        ),
        "da": (
            ("En kop kaffe?", "Idé til {org}"),
            (
                "Jeg hedder {me} og arbejder hos {sales}. Vi hjælper virksomheder som jeres med at skære ned på cloud-udgifterne.",
                "Må jeg give en virtuel kop kaffe og vise dig en demo på 15 minutter?",
                "Hvis du ikke er den rette, hvem skal jeg så tale med om indkøb?",
            ),
        ),
        "nb": (
            ("En kaffe?", "Idé til {org}"),
            (
                "Jeg heter {me} og jobber i {sales}. Vi hjelper bedrifter som deres med å kutte skykostnadene.",
                "Kan jeg spandere en digital kaffe og vise deg en demo på 15 minutter?",
                "Hvis du ikke er rett person, hvem bør jeg snakke med om innkjøp?",
            ),
        ),
        "fi": (
            ("Kahville?", "Idea: {org}"),
            (
                "Olen {me} yrityksestä {sales}. Autamme kaltaisianne yrityksiä pienentämään pilvikuluja.",
                "Saisinko tarjota virtuaalikahvit ja näyttää 15 minuutin esittelyn?",
                "Jos et ole oikea henkilö, kenen kanssa voisin puhua hankinnoista?",
            ),
        ),
    },
    ("other", "recruiter"): {
        "sv": (
            ("Spännande roll som {role}", "Öppen för något nytt?"),
            (
                "Jag är rekryterare och min kund söker just en profil som din.",
                "Tjänsten är helt på distans och lönen ligger över marknaden. Vill du höra mer om den?",
            ),
        ),
        "da": (
            ("Spændende stilling som {role}", "Åben for noget nyt?"),
            (
                "Jeg er rekrutteringskonsulent, og min kunde søger netop en profil som din.",
                "Stillingen er fuldt remote, og lønnen ligger over markedet. Vil du høre mere?",
            ),
        ),
        "nb": (
            ("Spennende stilling som {role}", "Åpen for noe nytt?"),
            (
                "Jeg er rekrutterer, og kunden min ser etter akkurat en profil som din.",
                "Stillingen er helt fjernbasert, og lønnen ligger over markedet. Vil du høre mer?",
            ),
        ),
        "fi": (
            ("Kiinnostava rooli: {role}", "Avoin uusille haasteille?"),
            (
                "Olen rekrytoija, ja asiakkaani etsii juuri sinun kaltaistasi osaajaa.",
                "Tehtävän voi tehdä täysin etänä, ja palkka on markkinatasoa parempi. Haluaisitko kuulla lisää?",
            ),
        ),
    },
    ("other", "thanks"): {
        "sv": (
            ("Tack!", "Tack för samtalet"),
            (
                "Stort tack för samtalet i går, dina råd hjälpte mig verkligen.",
                "Jag har redan hört av mig till personen du tipsade om. Jag håller dig uppdaterad.",
            ),
        ),
        "da": (
            ("Tak!", "Tak for snakken"),
            (
                "Mange tak for snakken i går, dine råd hjalp mig virkelig.",
                "Jeg har allerede skrevet til den person, du anbefalede. Jeg holder dig opdateret.",
            ),
        ),
        "nb": (
            ("Takk!", "Takk for praten"),
            (
                "Tusen takk for praten i går, rådene dine hjalp meg mye.",
                "Jeg har allerede tatt kontakt med personen du anbefalte. Jeg holder deg oppdatert.",
            ),
        ),
        "fi": (
            ("Kiitos!", "Kiitos keskustelusta"),
            (
                "Suuri kiitos eilisestä keskustelusta, neuvoistasi oli paljon apua.",
                "Otin jo yhteyttä suosittelemaasi henkilöön. Kerron, miten asiat etenevät.",
            ),
        ),
    },
    ("other", "research"): {
        "sv": (
            ("Intervju till min uppsats", "Forskningsintervju"),
            (
                "Jag skriver min masteruppsats om hur företag redovisar sin klimatpåverkan.",
                "Skulle du kunna ställa upp på en intervju på {minutes} minuter som expert på området?",
                "Svaren anonymiseras och används bara i uppsatsen.",
            ),
        ),
        "da": (
            ("Interview til mit speciale", "Forskningsinterview"),
            (
                "Jeg skriver speciale om, hvordan virksomheder rapporterer deres klimaaftryk.",
                "Har du {minutes} minutter til et interview som ekspert på området?",
                "Svarene bliver anonymiseret og bruges kun i specialet.",
            ),
        ),
        "nb": (
            ("Intervju til masteroppgaven min", "Forskningsintervju"),
            (
                "Jeg skriver masteroppgave om hvordan bedrifter rapporterer klimaavtrykket sitt.",
                "Har du {minutes} minutter til et intervju som ekspert på feltet?",
                "Svarene anonymiseres og brukes bare i oppgaven.",
            ),
        ),
        "fi": (
            ("Haastattelupyyntö gradua varten", "Tutkimushaastattelu"),
            (
                "Kirjoitan pro gradu -tutkielmaa siitä, miten yritykset raportoivat ilmastovaikutuksistaan.",
                "Olisiko sinulla {minutes} minuuttia aikaa haastatteluun alan asiantuntijana?",
                "Vastaukset anonymisoidaan, ja niitä käytetään vain tutkielmassa.",
            ),
        ),
    },
    ("job_application", "application"): {
        "sv": (
            ("Ansökan: {role}", "Ansökan till tjänsten som {role}"),
            (
                "Jag söker härmed tjänsten som {role} som ni annonserat på er webbplats.",
                "Jag har fem års erfarenhet i branschen och bifogar mitt CV.",
                "Jag ser fram emot att få komma på intervju.",
            ),
        ),
        "da": (
            ("Ansøgning: {role}", "Ansøgning til stillingen som {role}"),
            (
                "Hermed søger jeg stillingen som {role}, som I har slået op på jeres hjemmeside.",
                "Jeg har fem års erfaring i branchen og vedhæfter mit CV.",
                "Jeg kommer gerne til en samtale.",
            ),
        ),
        "nb": (
            ("Søknad: {role}", "Søknad på stillingen som {role}"),
            (
                "Jeg søker herved på stillingen som {role} som dere har lyst ut på nettsiden.",
                "Jeg har fem års erfaring fra bransjen og legger ved CV-en min.",
                "Jeg stiller gjerne til intervju.",
            ),
        ),
        "fi": (
            ("Työhakemus: {role}", "Hakemus tehtävään {role}"),
            (
                "Haen verkkosivuillanne ilmoitettua tehtävää ({role}).",
                "Minulla on viiden vuoden kokemus alalta, ja liitän ansioluetteloni mukaan.",
                "Tulen mielelläni haastatteluun.",
            ),
        ),
    },
}

# Separator, From/Sent/To/Subject labels, forward and reply subject prefixes, as these clients write them.
FORWARD: dict[str, tuple[str, tuple[str, str, str, str], str, str]] = {
    "sv": (
        "-------- Vidarebefordrat meddelande --------",
        ("Från:", "Skickat:", "Till:", "Ämne:"),
        "VB: ",
        "SV: ",
    ),
    "da": ("-----Oprindelig meddelelse-----", ("Fra:", "Sendt:", "Til:", "Emne:"), "VS: ", "SV: "),
    "nb": ("-----Opprinnelig melding-----", ("Fra:", "Sendt:", "Til:", "Emne:"), "VS: ", "SV: "),
    "fi": (
        "---------- Välitetty viesti ----------",
        ("Lähettäjä:", "Lähetetty:", "Vastaanottaja:", "Aihe:"),
        "VL: ",
        "VS: ",
    ),
}
NOTES = {
    "sv": ("Kan någon ta det här?", "För kännedom, tack."),
    "da": ("Kan nogen tage sig af den her?", "Til orientering, tak."),
    "nb": ("Kan noen ta denne?", "Til orientering, takk."),
    "fi": ("Voisiko joku hoitaa tämän?", "Tiedoksi, kiitos."),
}
EVERYDAY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sv": (
        ("helgen", "bilder", "Veckans nyhetsbrev", "nytt från föreningen", "Sommarrea"),
        (
            "Middagen i lördags var jättegod; nästa gång lagar jag maten.",
            "Mamma ringde i morse och vill ha receptet på kakan.",
            "Jobbet går bra, men jag har ont om tid den här månaden.",
            "I det här numret: människor som flyttar från stan och jobbar hemifrån.",
            "Medlemmar som du gör föreningen möjlig. Tack för ännu en fin säsong.",
            "Fri frakt på alla beställningar i helgen.",
            "Barnen hade jättekul på stranden; jag skickar bilderna sen.",
        ),
    ),
    "da": (
        ("weekenden", "billeder", "Ugens nyhedsbrev", "nyt fra foreningen", "Sommerudsalg"),
        (
            "Middagen i lørdags var skøn; næste gang laver jeg maden.",
            "Mor ringede i morges og vil gerne have opskriften på kagen.",
            "Arbejdet går godt, men jeg har ikke meget tid i denne måned.",
            "I dette nummer: folk, der flytter fra byen og arbejder hjemmefra.",
            "Medlemmer som dig gør foreningen mulig. Tak for endnu en god sæson.",
            "Gratis fragt på alle ordrer i weekenden.",
            "Børnene hyggede sig på stranden; jeg sender billederne senere.",
        ),
    ),
    "nb": (
        ("helgen", "bilder", "Ukens nyhetsbrev", "nytt fra foreningen", "Sommersalg"),
        (
            "Middagen på lørdag var nydelig; neste gang lager jeg maten.",
            "Mamma ringte i morges og vil ha oppskriften på kaka.",
            "Jobben går fint, men jeg har lite tid denne måneden.",
            "I denne utgaven: folk som flytter fra byen og jobber hjemmefra.",
            "Medlemmer som deg gjør foreningen mulig. Takk for nok en fin sesong.",
            "Gratis frakt på alle bestillinger i helgen.",
            "Barna koste seg på stranden; jeg sender bildene senere.",
        ),
    ),
    "fi": (
        ("viikonloppu", "kuvat", "Viikon uutiskirje", "kerhon kuulumisia", "Kesäale"),
        (
            "Lauantain illallinen oli ihana; ensi kerralla minä kokkaan.",
            "Äiti soitti aamulla ja haluaa kakun reseptin.",
            "Töissä menee hyvin, mutta tässä kuussa minulla on vähän aikaa.",
            "Tässä numerossa: ihmiset, jotka muuttavat maalle ja tekevät etätöitä.",
            "Sinunlaisesi jäsenet pitävät kerhon pystyssä. Kiitos taas hienosta kaudesta.",
            "Ilmainen toimitus kaikkiin tilauksiin tänä viikonloppuna.",
            "Lapset viihtyivät rannalla; lähetän kuvat myöhemmin.",
        ),
    ),
}
