"""Requests and look-alike negatives in Swedish, Polish, Danish, Norwegian Bokmål, Finnish, Czech and Turkish.

The same tables as ``corpus_parts.languages`` (which merges these into its own), written for this corpus in plain,
everyday phrasing: a student or a career changer writing to a stranger. Languages that inflect a noun by its
place in the sentence keep each filler in one case throughout: Polish and Czech fields are genitives ("z zakresu
{f}", "v oblasti {f}"), Finnish ones genitives before "ala" ("{f} alalla"), Turkish ones stand before "alanında";
days carry their own preposition or case ("we wtorek", "ve středu", "tiistaina", "på tisdag").
"""

from __future__ import annotations

LANGS = ("sv", "pl", "da", "nb", "fi", "cs", "tr")

REQUEST: dict[str, dict[str, tuple[str, ...]]] = {
    "sv": {
        "greet": ("Hej {name},", "Hej!", "Hejsan,", "God morgon,", "Hej på er,"),
        "intro": (
            "Jag läser sista året inom {f} och är väldigt intresserad av det ni jobbar med.",
            "Jag heter {me} och håller på att avsluta min master i {f}.",
            "Efter flera år i en helt annan bransch håller jag på att byta karriär till {f}.",
            "Jag tog nyligen examen inom {f} och vill förstå hur vardagen i yrket faktiskt ser ut.",
            "En studiekamrat gav mig din kontakt och sa att du kanske kunde ge mig några råd.",
            "Jag jobbar i dag som lärare men funderar på att söka mig mot {f} och vill höra hur det är på riktigt.",
        ),
        "ask": (
            "Skulle du ha {minutes} minuter över för ett kort informationssamtal?",
            "Jag skulle gärna prata {minutes} minuter med någon i teamet om hur ni arbetar.",
            "Kan vi ta en kaffe eller ett kort telefonsamtal så att jag får ställa några frågor?",
            "Vore det möjligt med ett kort videosamtal om hur du själv kom in i branschen?",
            "Skulle jag kunna ringa dig en kvart någon dag nästa vecka och fråga lite om ditt jobb?",
            "Jag skulle vara väldigt tacksam för en halvtimme på telefon eller Zoom, när det passar dig.",
        ),
        "avail": (
            "Jag har tid {d} eftermiddag.",
            "Det skulle passa bra {d} mellan tio och tolv.",
            "Jag anpassar mig gärna efter din kalender.",
        ),
        "thanks": (
            "Tack på förhand!",
            "Tack för att du tar dig tid.",
            "Jag ser fram emot att höra från dig.",
        ),
        "close": ("Vänliga hälsningar,", "Med vänlig hälsning,", "Hälsningar,", "Bästa hälsningar,"),
        "subject": (
            "Förfrågan om ett informationssamtal",
            "En kaffe?",
            "Fråga om din karriärväg",
            "Kort samtal om ditt yrke?",
            "Kan jag ringa dig en kvart?",
        ),
        "f": ("dataanalys", "it-säkerhet", "digital marknadsföring", "produktdesign", "finans"),
        "d": ("på måndag", "på tisdag", "på onsdag", "på torsdag", "på fredag", "nästa tisdag"),
        "bump": (
            "Jag skriver igen ifall mitt förra mejl försvann i mängden.",
            "Ursäkta att jag tjatar, jag ville bara höra om du hunnit läsa mitt meddelande nedan.",
        ),
    },
    "pl": {
        "greet": ("Dzień dobry,", "Dzień dobry {name},", "Cześć {name},", "Szanowni Państwo,", "Witam,"),
        "intro": (
            "Jestem na ostatnim roku studiów z zakresu {f} i bardzo interesuje mnie to, czym się Państwo zajmują.",
            "Nazywam się {me} i właśnie kończę studia magisterskie z zakresu {f}.",
            "Po kilku latach pracy w zupełnie innej branży przebranżawiam się w kierunku {f}.",
            "Niedawno skończyłam studia z zakresu {f} i chciałabym lepiej zrozumieć, jak wygląda codzienna praca.",
            "Kolega ze studiów dał mi Pani kontakt i powiedział, że może mi Pani coś doradzić.",
            "Od kilku lat pracuję jako księgowa, ale coraz bardziej ciągnie mnie w stronę {f}.",
        ),
        "ask": (
            "Czy mogłabym prosić o {minutes} minut krótkiej rozmowy o Pani pracy?",
            "Bardzo chciałbym porozmawiać {minutes} minut z kimś z zespołu o tym, jak ta praca wygląda na co dzień.",
            "Czy moglibyśmy umówić się na kawę albo krótki telefon, żebym mógł zadać kilka pytań?",
            "Czy byłaby możliwa krótka rozmowa przez telefon lub wideo o tym, jak Pan zaczynał w tej branży?",
            "Czy mógłbym do Pana zadzwonić na kwadrans w przyszłym tygodniu i zapytać o kilka rzeczy?",
            "Byłabym wdzięczna za pół godziny rozmowy – przez telefon, na Zoomie albo przy kawie, jak Pani wygodniej.",
        ),
        "avail": (
            "Mogę {d} po południu.",
            "Pasowałoby mi {d} między dziesiątą a dwunastą.",
            "Chętnie dopasuję się do Państwa terminów.",
        ),
        "thanks": ("Z góry bardzo dziękuję.", "Dziękuję za poświęcony czas.", "Będę wdzięczna za odpowiedź."),
        "close": ("Pozdrawiam,", "Z pozdrowieniami,", "Z wyrazami szacunku,", "Dziękuję,"),
        "subject": (
            "Prośba o krótką rozmowę informacyjną",
            "Kawa?",
            "Pytanie o Pani ścieżkę zawodową",
            "Krótka rozmowa o pracy w branży?",
            "Prośba o 20 minut rozmowy",
        ),
        "f": (
            "analizy danych",
            "cyberbezpieczeństwa",
            "marketingu internetowego",
            "projektowania produktów",
            "finansów",
        ),
        "d": ("w poniedziałek", "we wtorek", "w środę", "w czwartek", "w piątek", "w przyszły wtorek"),
        "bump": (
            "Piszę ponownie, na wypadek gdyby moja poprzednia wiadomość gdzieś zaginęła.",
            "Przepraszam, że się przypominam – chciałam tylko zapytać, czy udało się przeczytać mojego maila poniżej.",
        ),
    },
    "da": {
        "greet": ("Hej {name},", "Hej,", "Kære {name},", "Goddag,", "Hej alle sammen,"),
        "intro": (
            "Jeg er på sidste år af min uddannelse i {f} og er meget interesseret i det, I arbejder med.",
            "Jeg hedder {me} og er ved at afslutte min kandidat i {f}.",
            "Efter flere år i en helt anden branche er jeg i gang med at skifte spor til {f}.",
            "Jeg er netop blevet færdiguddannet inden for {f} og vil gerne forstå, hvordan hverdagen i faget ser ud.",
            "En medstuderende gav mig dit navn og mente, at du måske kunne give mig et par gode råd.",
            "Jeg arbejder i dag som pædagog, men overvejer at skifte til {f} og vil gerne høre, hvordan det er i virkeligheden.",
        ),
        "ask": (
            "Har du mon {minutes} minutter til en kort snak om dit job?",
            "Jeg vil rigtig gerne tale {minutes} minutter med en fra teamet om jeres hverdag.",
            "Kunne vi tage en kop kaffe eller et kort opkald, så jeg kan stille nogle spørgsmål?",
            "Ville et kort videomøde være muligt, hvor du fortæller lidt om din vej ind i branchen?",
            "Må jeg ringe til dig et kvarter en dag i næste uge og stille et par spørgsmål?",
            "Har du tid til en halv time over en kop kaffe eller på Teams, så jeg kan høre mere om dit arbejde?",
        ),
        "avail": (
            "Jeg har tid {d} eftermiddag.",
            "Det vil passe mig fint {d} mellem klokken ti og tolv.",
            "Jeg retter mig gerne efter din kalender.",
        ),
        "thanks": ("På forhånd tak.", "Tak for din tid.", "Jeg glæder mig til at høre fra dig."),
        "close": ("Venlig hilsen,", "Med venlig hilsen,", "Mange hilsner,", "Bedste hilsner,"),
        "subject": (
            "Forespørgsel om en kort snak",
            "En kop kaffe?",
            "Spørgsmål om din karrierevej",
            "Kort samtale om dit fag?",
            "Må jeg ringe dig et kvarter?",
        ),
        "f": ("dataanalyse", "it-sikkerhed", "digital markedsføring", "produktdesign", "økonomi"),
        "d": ("på mandag", "på tirsdag", "på onsdag", "på torsdag", "på fredag", "næste tirsdag"),
        "bump": (
            "Jeg skriver igen, hvis nu min tidligere mail er druknet i indbakken.",
            "Undskyld, at jeg spørger igen – jeg ville bare høre, om du har nået at læse min mail nedenfor.",
        ),
    },
    "nb": {
        "greet": ("Hei {name},", "Hei,", "Kjære {name},", "God morgen,", "Hei alle sammen,"),
        "intro": (
            "Jeg går siste studieår innen {f} og er veldig interessert i det dere jobber med.",
            "Jeg heter {me} og holder på å fullføre en master i {f}.",
            "Etter flere år i en helt annen bransje er jeg i ferd med å bytte karriere til {f}.",
            "Jeg ble nylig ferdig utdannet innen {f} og vil gjerne forstå hvordan hverdagen i yrket faktisk er.",
            "En studievenninne ga meg navnet ditt og mente at du kanskje kunne gi meg noen råd.",
            "Jeg jobber i dag som sykepleier, men vurderer å gå over til {f} og vil gjerne høre hvordan det er i praksis.",
        ),
        "ask": (
            "Har du {minutes} minutter til en kort prat om jobben din?",
            "Jeg vil veldig gjerne snakke {minutes} minutter med noen i teamet om hvordan dere jobber.",
            "Kan vi ta en kaffe eller en kort telefon, så jeg får stilt noen spørsmål?",
            "Ville det vært mulig med en kort videosamtale om hvordan du selv kom inn i bransjen?",
            "Kan jeg ringe deg et kvarter en dag neste uke og stille noen spørsmål om jobben?",
            "Har du tid til en halvtime over en kaffe eller på Teams, så jeg får høre mer om hvordan du jobber?",
        ),
        "avail": (
            "Jeg har tid {d} ettermiddag.",
            "Det passer fint for meg {d} mellom klokka ti og tolv.",
            "Jeg tilpasser meg gjerne kalenderen din.",
        ),
        "thanks": (
            "Tusen takk på forhånd.",
            "Takk for at du tar deg tid.",
            "Jeg ser fram til å høre fra deg.",
        ),
        "close": ("Vennlig hilsen,", "Med vennlig hilsen,", "Hilsen,", "Beste hilsen,"),
        "subject": (
            "Forespørsel om en kort prat",
            "En kaffe?",
            "Spørsmål om karriereveien din",
            "Kort samtale om yrket ditt?",
            "Kan jeg ringe deg et kvarter?",
        ),
        "f": ("dataanalyse", "IT-sikkerhet", "digital markedsføring", "produktdesign", "økonomi og finans"),
        "d": ("på mandag", "på tirsdag", "på onsdag", "på torsdag", "på fredag", "neste tirsdag"),
        "bump": (
            "Jeg skriver igjen i tilfelle den forrige e-posten min forsvant i mengden.",
            "Beklager at jeg maser, jeg ville bare høre om du har rukket å lese meldingen min under.",
        ),
    },
    "fi": {
        "greet": ("Hei {name},", "Hei,", "Moi {name},", "Hyvää päivää,", "Hei kaikki,"),
        "intro": (
            "Opiskelen viimeistä vuotta ja olen hyvin kiinnostunut {f} alasta.",
            "Nimeni on {me}, ja viimeistelen parhaillaan maisteriopintojani {f} alalla.",
            "Olen ollut useamman vuoden aivan toisella alalla, ja nyt vaihdan uraa {f} pariin.",
            "Valmistuin hiljattain {f} alalta ja haluaisin ymmärtää paremmin, millaista arki alalla oikeasti on.",
            "Opiskelukaverini antoi yhteystietosi ja sanoi, että voisit ehkä antaa minulle vinkkejä.",
            "Työskentelen nyt opettajana, mutta harkitsen siirtymistä {f} alalle ja haluaisin kuulla, millaista työ on oikeasti.",
        ),
        "ask": (
            "Olisiko sinulla {minutes} minuuttia aikaa lyhyelle keskustelulle työstäsi?",
            "Haluaisin mielelläni jutella {minutes} minuuttia jonkun tiimiläisen kanssa siitä, millaista työ on.",
            "Voisimmeko käydä kahvilla tai soittaa lyhyen puhelun, jotta voisin kysyä muutaman kysymyksen?",
            "Olisiko lyhyt videopuhelu mahdollinen? Kuulisin mielelläni, miten itse päädyit alalle.",
            "Voisinko soittaa sinulle vartiksi jonain päivänä ensi viikolla ja kysyä muutaman asian työstäsi?",
            "Ehtisitkö puoleksi tunniksi kahville tai Teams-palaveriin? Haluaisin kuulla lisää työstäsi.",
        ),
        "avail": (
            "Pääsisin {d} iltapäivällä.",
            "Minulle sopisi hyvin {d} kymmenen ja kahdentoista välillä.",
            "Joustan mielelläni aikataulusi mukaan.",
        ),
        "thanks": (
            "Kiitos jo etukäteen!",
            "Kiitos, että käytät tähän aikaasi.",
            "Jään odottamaan vastaustasi.",
        ),
        "close": ("Ystävällisin terveisin,", "Terveisin,", "Parhain terveisin,", "Kiitos,"),
        "subject": (
            "Pyyntö lyhyestä keskustelusta",
            "Kahville?",
            "Kysymys urapolustasi",
            "Lyhyt keskustelu työstäsi?",
            "Ehtisitkö kahville?",
        ),
        "f": (
            "data-analytiikan",
            "kyberturvallisuuden",
            "digitaalisen markkinoinnin",
            "tuotesuunnittelun",
            "taloushallinnon",
        ),
        "d": ("maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina", "ensi tiistaina"),
        "bump": (
            "Kirjoitan uudestaan siltä varalta, että edellinen viestini hukkui muiden joukkoon.",
            "Anteeksi, että muistuttelen – halusin vain kysyä, ehditkö lukea alla olevan viestini.",
        ),
    },
    "cs": {
        "greet": ("Dobrý den,", "Ahoj {name},", "Vážená paní, vážený pane,", "Dobrý den všem,", "Zdravím,"),
        "intro": (
            "Jsem v posledním ročníku studia a velmi mě zajímá práce v oblasti {f}.",
            "Jmenuji se {me} a právě dokončuji magisterské studium v oblasti {f}.",
            "Po několika letech v úplně jiném oboru se snažím přejít do oblasti {f}.",
            "Nedávno jsem dostudovala a ráda bych lépe pochopila, jak vypadá běžný pracovní den v oblasti {f}.",
            "Spolužák mi na Vás dal kontakt a říkal, že byste mi možná mohla poradit.",
            "Teď pracuji jako účetní, ale čím dál víc mě to táhne do oblasti {f}.",
        ),
        "ask": (
            "Měla byste {minutes} minut na krátký informační rozhovor?",
            "Rád bych si {minutes} minut popovídal s někým z týmu o tom, jak ta práce vypadá v praxi.",
            "Mohli bychom zajít na kávu nebo si krátce zavolat, abych se mohl na pár věcí zeptat?",
            "Bylo by možné krátce si zavolat přes video a probrat, jak jste se k této práci dostal?",
            "Mohl bych Vám příští týden na čtvrt hodiny zavolat a zeptat se na pár věcí?",
            "Našla byste si půl hodiny na online schůzku nebo kávu někde u Vaší kanceláře?",
        ),
        "avail": (
            "Můžu {d} odpoledne.",
            "Hodilo by se mi {d} mezi desátou a dvanáctou.",
            "Rád se přizpůsobím Vašemu kalendáři.",
        ),
        "thanks": ("Předem moc děkuji.", "Děkuji za Váš čas.", "Budu ráda za odpověď."),
        "close": ("S pozdravem,", "Hezký den,", "Děkuji,", "S přáním hezkého dne,"),
        "subject": (
            "Prosba o krátký rozhovor",
            "Káva?",
            "Dotaz na Vaši profesní cestu",
            "Krátký rozhovor o Vaší práci?",
            "Můžu Vám na chvíli zavolat?",
        ),
        "f": (
            "analýzy dat",
            "kybernetické bezpečnosti",
            "digitálního marketingu",
            "produktového designu",
            "financí",
        ),
        "d": ("v pondělí", "v úterý", "ve středu", "ve čtvrtek", "v pátek", "příští úterý"),
        "bump": (
            "Píšu znovu pro případ, že se moje předchozí zpráva ztratila.",
            "Omlouvám se, že se připomínám – jen jsem se chtěla zeptat, jestli jste stihl přečíst můj e-mail níže.",
        ),
    },
    "tr": {
        "greet": ("Merhaba {name},", "Merhaba,", "İyi günler,", "Sayın yetkili,", "Herkese merhaba,"),
        "intro": (
            "Son sınıf öğrencisiyim ve {f} alanında yaptığınız işle çok ilgileniyorum.",
            "Adım {me}, {f} alanındaki yüksek lisansımı bitirmek üzereyim.",
            "Birkaç yıl başka bir sektörde çalıştıktan sonra {f} alanına geçmeye karar verdim.",
            "Kısa süre önce {f} alanındaki eğitimimi tamamladım ve bu işin günlük hayatta nasıl olduğunu anlamak istiyorum.",
            "Üniversiteden bir arkadaşım iletişim bilgilerinizi verdi ve bana yol gösterebileceğinizi söyledi.",
            "Şu anda öğretmen olarak çalışıyorum ama {f} alanına geçmeyi düşünüyorum ve işin gerçekte nasıl olduğunu merak ediyorum.",
        ),
        "ask": (
            "Kısa bir bilgilendirme görüşmesi için {minutes} dakikanız olur mu?",
            "Ekipten biriyle {minutes} dakika kadar, işin pratikte nasıl yürüdüğü hakkında konuşmak isterim.",
            "Birkaç soru sorabilmem için bir kahve içebilir ya da kısa bir telefon görüşmesi yapabilir miyiz?",
            "Bu alana nasıl girdiğinizi konuşmak için kısa bir görüntülü görüşme mümkün olur mu?",
            "Önümüzdeki hafta sizi on beş dakikalığına arayıp birkaç soru sorabilir miyim?",
            "Yarım saatinizi ayırıp bir kahve ya da kısa bir online görüşme yapabilir miyiz?",
        ),
        "avail": (
            "Benim için {d} günü öğleden sonra uygun.",
            "Saat on ile on iki arasında, {d} günü görüşebilirim.",
            "Sizin programınıza göre ayarlayabilirim.",
        ),
        "thanks": (
            "Şimdiden çok teşekkür ederim.",
            "Zaman ayırdığınız için teşekkürler.",
            "Dönüşünüzü bekliyorum.",
        ),
        "close": ("Saygılarımla,", "İyi çalışmalar,", "Teşekkürler,", "Selamlar,"),
        "subject": (
            "Bilgilendirme görüşmesi talebi",
            "Bir kahve?",
            "Kariyer yolculuğunuz hakkında bir soru",
            "Kısa bir sohbet mümkün mü?",
            "Kısa bir telefon görüşmesi rica ediyorum",
        ),
        "f": ("veri analizi", "siber güvenlik", "dijital pazarlama", "ürün tasarımı", "finans"),
        "d": ("Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "önümüzdeki Salı"),
        "bump": (
            "Önceki mesajım gözden kaçmış olabilir diye tekrar yazıyorum.",
            "Israr ettiğim için kusura bakmayın, aşağıdaki e-postamı okuma fırsatınız oldu mu diye sormak istedim.",
        ),
    },
}

# Look-alike negatives: (label, kind) -> per-language (subjects, paragraphs), the keys of ``languages.NEGATIVE``.
NEGATIVE: dict[tuple[str, str], dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    ("other", "sales_coffee"): {
        "sv": (
            ("En kaffe?", "Idé till {org}"),
            (
                "Jag heter {me} och jobbar på {sales}. Vi hjälper företag som ert att sänka sina molnkostnader.",
                "Får jag bjuda på en digital kaffe och visa en kort demo på 15 minuter?",
                "Om det inte är du som ansvarar för inköp, vem borde jag kontakta om en offert?",
            ),
        ),
        "pl": (
            ("Kawa?", "Propozycja dla {org}"),
            (
                "Nazywam się {me} i pracuję w {sales}. Pomagamy firmom takim jak Państwa obniżyć koszty chmury.",
                "Czy mogę zaprosić Pana na wirtualną kawę i pokazać 15-minutowe demo naszego narzędzia?",
                "Jeśli to nie Pan odpowiada za zakupy, z kim mogę porozmawiać o wycenie?",
            ),
        ),
        "da": (
            ("En kop kaffe?", "Idé til {org}"),
            (
                "Jeg hedder {me} og arbejder hos {sales}. Vi hjælper virksomheder som jeres med at skære i cloududgifterne.",
                "Må jeg byde på en virtuel kop kaffe og vise dig en demo på 15 minutter?",
                "Hvis det ikke er dig, der står for indkøb, hvem skal jeg så tale med om et tilbud?",
            ),
        ),
        "nb": (
            ("En kaffe?", "Idé til {org}"),
            (
                "Jeg heter {me} og jobber i {sales}. Vi hjelper bedrifter som deres med å kutte skykostnadene.",
                "Kan jeg spandere en digital kaffe og vise deg en demo på 15 minutter?",
                "Hvis det ikke er du som har ansvar for innkjøp, hvem bør jeg kontakte om et tilbud?",
            ),
        ),
        "fi": (
            ("Kahville?", "Ehdotus tiimillenne"),
            (
                "Olen {me} yrityksestä {sales}. Autamme teidän kaltaisianne yrityksiä pienentämään pilvikuluja.",
                "Saanko tarjota virtuaalisen kahvikupillisen ja näyttää 15 minuutin demon?",
                "Jos et ole oikea henkilö, keneen voisin olla yhteydessä hankinnoista?",
            ),
        ),
        "cs": (
            ("Káva?", "Nápad pro {org}"),
            (
                "Jmenuji se {me} a pracuji ve společnosti {sales}. Pomáháme firmám, jako je ta Vaše, snížit náklady na cloud.",
                "Mohu Vás pozvat na virtuální kávu a ukázat Vám patnáctiminutové demo?",
                "Pokud nejste ta správná osoba, na koho se mám obrátit ohledně cenové nabídky?",
            ),
        ),
        "tr": (
            ("Bir kahve?", "{org} için bir fikir"),
            (
                "Ben {me}, {sales} şirketinden yazıyorum. Sizin gibi şirketlerin bulut maliyetlerini düşürmesine yardımcı oluyoruz.",
                "Sizi sanal bir kahveye davet edip 15 dakikalık bir demo gösterebilir miyim?",
                "Doğru kişi siz değilseniz, fiyat teklifi için kiminle görüşmem gerektiğini söyleyebilir misiniz?",
            ),
        ),
    },
    ("other", "recruiter"): {
        "sv": (
            ("Spännande roll som {role}", "Öppen för något nytt?"),
            (
                "Jag är rekryterare och min kund letar efter just en profil som din.",
                "Tjänsten är på distans och lönen ligger över marknadsnivå. Är du intresserad av att höra mer?",
            ),
        ),
        "pl": (
            ("Oferta pracy: {role}", "Nowe wyzwanie zawodowe?"),
            (
                "Jestem rekruterką i mój klient szuka właśnie kogoś z takim doświadczeniem jak Pana.",
                "Praca jest w pełni zdalna, a wynagrodzenie powyżej rynkowego. Czy byłby Pan zainteresowany rozmową?",
            ),
        ),
        "da": (
            ("Spændende stilling som {role}", "Klar til noget nyt?"),
            (
                "Jeg er rekrutteringskonsulent, og min kunde søger netop en profil som din.",
                "Stillingen er fuldt remote, og lønnen ligger over markedsniveau. Er du interesseret i at høre mere?",
            ),
        ),
        "nb": (
            ("Spennende stilling som {role}", "Åpen for noe nytt?"),
            (
                "Jeg er rekrutterer, og kunden min ser etter akkurat en profil som din.",
                "Stillingen kan gjøres hjemmefra, og lønna ligger over markedsnivå. Er du interessert i å høre mer?",
            ),
        ),
        "fi": (
            ("Kiinnostava {role}-tehtävä", "Avoin uusille haasteille?"),
            (
                "Olen rekrytoija, ja asiakkaani etsii juuri sinunlaistasi osaajaa.",
                "Tehtävä on täysin etänä ja palkka on markkinatason yläpuolella. Kiinnostaisiko kuulla lisää?",
            ),
        ),
        "cs": (
            ("Zajímavá pozice: {role}", "Láká Vás nová výzva?"),
            (
                "Jsem personalistka a můj klient hledá přesně takový profil, jako je ten Váš.",
                "Pozice je plně na dálku a plat je nad tržním průměrem. Měl byste zájem si o tom promluvit?",
            ),
        ),
        "tr": (
            ("{role} pozisyonu için fırsat", "Yeni bir maceraya açık mısınız?"),
            (
                "İşe alım uzmanıyım ve müşterim tam da sizin gibi bir profil arıyor.",
                "Pozisyon tamamen uzaktan ve maaş piyasanın üzerinde. Konuşmak ister misiniz?",
            ),
        ),
    },
    ("other", "thanks"): {
        "sv": (
            ("Tack!", "Tack för samtalet"),
            (
                "Stort tack för samtalet i går, dina tips hjälpte mig jättemycket.",
                "Jag har redan hört av mig till personen du rekommenderade. Jag berättar sen hur det gick.",
            ),
        ),
        "pl": (
            ("Dziękuję!", "Dziękuję za rozmowę"),
            (
                "Bardzo dziękuję za wczorajszą rozmowę, Pani rady bardzo mi pomogły.",
                "Odezwałam się już do osoby, którą Pani poleciła. Dam znać, jak poszło.",
            ),
        ),
        "da": (
            ("Tak!", "Tak for snakken"),
            (
                "Tusind tak for snakken i går, dine råd hjalp mig rigtig meget.",
                "Jeg har allerede skrevet til den person, du anbefalede. Jeg holder dig orienteret.",
            ),
        ),
        "nb": (
            ("Takk!", "Takk for praten"),
            (
                "Tusen takk for praten i går, rådene dine hjalp meg veldig.",
                "Jeg har allerede tatt kontakt med personen du anbefalte. Jeg holder deg oppdatert.",
            ),
        ),
        "fi": (
            ("Kiitos!", "Kiitos keskustelusta"),
            (
                "Kiitos paljon eilisestä keskustelusta, neuvoistasi oli todella paljon apua.",
                "Otin jo yhteyttä henkilöön, jota suosittelit. Kerron myöhemmin, miten kävi.",
            ),
        ),
        "cs": (
            ("Děkuji!", "Díky za rozhovor"),
            (
                "Moc děkuji za včerejší rozhovor, Vaše rady mi hodně pomohly.",
                "Už jsem napsala člověku, kterého jste mi doporučil. Dám Vám vědět, jak to dopadlo.",
            ),
        ),
        "tr": (
            ("Teşekkürler!", "Görüşme için teşekkürler"),
            (
                "Dünkü görüşme için çok teşekkür ederim, tavsiyeleriniz bana çok yardımcı oldu.",
                "Önerdiğiniz kişiye çoktan yazdım bile. Nasıl geçtiğini size haber vereceğim.",
            ),
        ),
    },
    ("job_application", "application"): {
        "sv": (
            ("Ansökan: {role}", "Spontanansökan"),
            (
                "Jag söker härmed tjänsten som {role} som ni har annonserat på er webbplats.",
                "Bifogat finns mitt cv och personliga brev.",
                "Jag kommer gärna på en intervju när det passar er.",
            ),
        ),
        "pl": (
            ("Aplikacja na stanowisko {role}", "CV – {role}"),
            (
                "W odpowiedzi na ogłoszenie na Państwa stronie zgłaszam swoją kandydaturę na stanowisko {role}.",
                "W załączniku przesyłam CV oraz list motywacyjny.",
                "Chętnie spotkam się na rozmowie kwalifikacyjnej w dogodnym dla Państwa terminie.",
            ),
        ),
        "da": (
            ("Ansøgning: {role}", "Uopfordret ansøgning"),
            (
                "Hermed søger jeg stillingen som {role}, som er slået op på jeres hjemmeside.",
                "Mit CV og min ansøgning er vedhæftet.",
                "Jeg kommer meget gerne til en samtale, når det passer jer.",
            ),
        ),
        "nb": (
            ("Søknad: {role}", "Åpen søknad"),
            (
                "Jeg søker med dette på stillingen som {role} som er utlyst på nettsiden deres.",
                "CV og søknadsbrev ligger vedlagt.",
                "Jeg stiller gjerne til intervju når det passer for dere.",
            ),
        ),
        "fi": (
            ("Hakemus: {role}", "Avoin hakemus"),
            (
                "Haen tehtävää {role}, joka oli ilmoitettu verkkosivuillanne.",
                "Liitteenä ovat ansioluetteloni ja hakemuskirjeeni.",
                "Tulen mielelläni haastatteluun teille sopivana aikana.",
            ),
        ),
        "cs": (
            ("Žádost o místo: {role}", "Reakce na inzerát – {role}"),
            (
                "Reaguji na Váš inzerát a rád bych se ucházel o pozici {role} zveřejněnou na Vašem webu.",
                "V příloze posílám svůj životopis a motivační dopis.",
                "Rád přijdu na pohovor v termínu, který Vám bude vyhovovat.",
            ),
        ),
        "tr": (
            ("Başvuru: {role}", "{role} pozisyonu için başvuru"),
            (
                "Web sitenizde yayınlanan {role} pozisyonu için başvurmak istiyorum.",
                "Özgeçmişimi ve ön yazımı ekte bulabilirsiniz.",
                "Uygun olduğunuz bir zamanda mülakata gelmekten memnuniyet duyarım.",
            ),
        ),
    },
}

# Outlook in each language: separator, From/Sent/To/Subject labels, forward and reply prefixes. Every word is one
# ``inboxbroker.mail.forward_labels`` knows (Czech Outlook keeps the English FW/RE prefixes).
FORWARD: dict[str, tuple[str, tuple[str, str, str, str], str, str]] = {
    "sv": ("-----Ursprungligt meddelande-----", ("Från:", "Skickat:", "Till:", "Ämne:"), "VB: ", "SV: "),
    "pl": ("-----Oryginalna wiadomość-----", ("Od:", "Wysłano:", "Do:", "Temat:"), "PD: ", "Odp: "),
    "da": ("-----Oprindelig meddelelse-----", ("Fra:", "Sendt:", "Til:", "Emne:"), "VS: ", "SV: "),
    "nb": ("-----Opprinnelig melding-----", ("Fra:", "Sendt:", "Til:", "Emne:"), "VS: ", "SV: "),
    "fi": (
        "-----Alkuperäinen viesti-----",
        ("Lähettäjä:", "Lähetetty:", "Vastaanottaja:", "Aihe:"),
        "VL: ",
        "VS: ",
    ),
    "cs": ("-----Původní zpráva-----", ("Od:", "Odesláno:", "Komu:", "Předmět:"), "FW: ", "RE: "),
    "tr": ("-----Özgün İleti-----", ("Kimden:", "Gönderildi:", "Kime:", "Konu:"), "İLT: ", "YNT: "),
}
NOTES = {
    "sv": ("Kan någon ta hand om det här?", "För kännedom, tack."),
    "pl": ("Czy ktoś może się tym zająć?", "Do wiadomości, dzięki."),
    "da": ("Kan en af jer tage den her?", "Til orientering, tak."),
    "nb": ("Kan noen ta denne?", "Til orientering, takk."),
    "fi": ("Voisiko joku hoitaa tämän?", "Tiedoksi, kiitos."),
    "cs": ("Může to někdo převzít?", "Pro informaci, díky."),
    "tr": ("Bununla ilgilenebilecek biri var mı?", "Bilginize, teşekkürler."),
}
