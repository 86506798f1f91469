"""Requests, look-alike negatives, everyday mail and forward labels in Polish, Czech and Turkish.

Same shapes as ``languages`` (which merges these tables into its own). Fields (``{f}``) stand in the nominative
after a colon-like phrase ("moja specjalizacja to {f}", "obor {f}", "bölümüm {f}") so no case ending is needed;
days (``{d}``) carry their preposition ("w czwartek", "ve čtvrtek").
"""

from __future__ import annotations

LANGS = ("pl", "cs", "tr")

REQUEST: dict[str, dict[str, tuple[str, ...]]] = {
    "pl": {
        "greet": ("Dzień dobry,", "Szanowni Państwo,", "Dzień dobry Państwu,", "Cześć,"),
        "intro": (
            "Jestem na ostatnim roku studiów, a moja specjalizacja to {f}.",
            "Nazywam się {me} i kończę studia magisterskie; moja specjalność to {f}.",
            "Po kilku latach pracy w innej branży chcę się przebranżowić, a najbardziej interesuje mnie {f}.",
            "Niedawno skończyłam studia i chcę lepiej zrozumieć, jak wygląda codzienna praca w tej dziedzinie.",
            "Kolega ze studiów podał mi ten adres i powiedział, że ktoś z Państwa zespołu może mi doradzić.",
            "Przez kilka lat opiekowałam się dziećmi w domu, a teraz chcę wrócić do pracy.",
        ),
        "ask": (
            "Czy znalazłby ktoś z Państwa {minutes} minut na krótką rozmowę o swojej ścieżce zawodowej?",
            "Chętnie porozmawiałabym {minutes} minut z kimś z zespołu o tym, jak wygląda u Państwa praca.",
            "Czy moglibyśmy umówić się na kawę albo krótką rozmowę telefoniczną? Mam kilka pytań o to, jak zacząć karierę w tej branży.",
            "Czy byłaby możliwa krótka rozmowa wideo o tym, jak wygląda praca w Państwa zespole?",
            "Byłabym wdzięczna za kilka rad, jak wejść do branży.",
        ),
        "avail": (
            "Mogę {d} po południu.",
            "Pasuje mi {d} między dziesiątą a dwunastą.",
            "Chętnie dostosuję się do Państwa kalendarza.",
        ),
        "thanks": ("Z góry dziękuję.", "Dziękuję za poświęcony czas.", "Czekam na odpowiedź."),
        "close": ("Pozdrawiam,", "Z poważaniem,", "Serdecznie pozdrawiam,", "Dziękuję,"),
        "subject": ("Prośba o krótką rozmowę", "Pytanie o ścieżkę zawodową", "Kawa?", "Prośba o radę"),
        "f": ("analiza danych", "cyberbezpieczeństwo", "marketing", "projektowanie produktów", "finanse"),
        "d": ("w poniedziałek", "we wtorek", "w środę", "w czwartek", "w piątek"),
        "neutral": (
            "Czy znalazłby Pan {minutes} minut na krótką rozmowę w przyszłym tygodniu?",
            "Czy moglibyśmy krótko porozmawiać przez telefon albo umówić się na kawę w najbliższych dniach?",
        ),
        "bump": (
            "Piszę ponownie, na wypadek gdyby moja poprzednia wiadomość zginęła w skrzynce.",
            "Przepraszam, że się przypominam; chciałam tylko zapytać, czy udało się przeczytać mojego maila.",
        ),
    },
    "cs": {
        "greet": ("Dobrý den,", "Ahoj,", "Vážená paní, vážený pane,", "Dobrý den všem,"),
        "intro": (
            "Jsem v posledním ročníku a můj obor je {f}.",
            "Jmenuji se {me} a dokončuji magisterské studium, obor {f}.",
            "Po několika letech v jiném odvětví chci změnit kariéru a nejvíc mě láká {f}.",
            "Nedávno jsem dostudovala a chci lépe pochopit, jak vypadá každodenní práce v tomto oboru.",
            "Spolužák mi dal Váš kontakt a řekl, že byste mi možná mohl poradit.",
            "Několik let jsem byla doma s dětmi a teď se chci vrátit do práce.",
        ),
        "ask": (
            "Měl byste {minutes} minut na krátký rozhovor o Vaší kariéře?",
            "Našel by se u Vás někdo, kdo by si se mnou na {minutes} minut popovídal o práci ve Vašem týmu?",
            "Mohli bychom zajít na kávu nebo si krátce zavolat? Ráda bych se zeptala na Vaši cestu k této profesi.",
            "Byl by možný krátký videohovor o tom, jak jste se dostal tam, kde jste dnes?",
            "Byla bych vděčná za pár rad, jak se do oboru dostat.",
        ),
        "avail": (
            "Můžu {d} odpoledne.",
            "Hodí se mi {d} mezi desátou a dvanáctou.",
            "Rád se přizpůsobím Vašemu času.",
        ),
        "thanks": ("Předem děkuji.", "Děkuji za Váš čas.", "Budu ráda za odpověď."),
        "close": ("S pozdravem,", "S přátelským pozdravem,", "Děkuji,", "Hezký den,"),
        "subject": ("Prosba o krátký rozhovor", "Dotaz na Vaši kariéru", "Káva?", "Prosba o radu"),
        "f": ("datová analytika", "kybernetická bezpečnost", "marketing", "produktový design", "finance"),
        "d": ("v pondělí", "v úterý", "ve středu", "ve čtvrtek", "v pátek"),
        "neutral": (
            "Měl byste příští týden {minutes} minut na krátký rozhovor?",
            "Mohli bychom si v příštích dnech krátce zavolat nebo zajít na kávu?",
        ),
        "bump": (
            "Píšu znovu pro případ, že se moje předchozí zpráva ztratila ve schránce.",
            "Omlouvám se, že se připomínám; jen jsem se chtěla zeptat, jestli jste můj e-mail stihl přečíst.",
        ),
    },
    "tr": {
        "greet": ("Merhaba {name},", "Merhaba,", "Sayın {full},", "İyi günler,"),
        "intro": (
            "Üniversitede son sınıf öğrencisiyim ve bölümüm {f}.",
            "Adım {me}, yüksek lisansımı bitirmek üzereyim; alanım {f}.",
            "Birkaç yıl başka bir sektörde çalıştıktan sonra kariyer değiştirmek istiyorum ve en çok ilgimi çeken alan {f}.",
            "Yakın zamanda mezun oldum ve bu alanda günlük işin nasıl olduğunu anlamak istiyorum.",
            "Üniversiteden bir arkadaşım bana adınızı verdi ve bana yol gösterebileceğinizi söyledi.",
            "Birkaç yıl çocuklarımla evde kaldım ve şimdi iş hayatına dönmek istiyorum.",
        ),
        "ask": (
            "Kariyeriniz hakkında kısa bir sohbet için {minutes} dakikanız olur mu?",
            "Ekibinizden biriyle orada çalışmanın nasıl olduğu hakkında {minutes} dakika konuşmak isterim.",
            "Bir kahve içebilir ya da kısaca telefonda konuşabilir miyiz? Bu mesleğe nasıl başladığınızı sormak istiyorum.",
            "Bugünkü pozisyonunuza nasıl geldiğinizi anlatacağınız kısa bir görüntülü görüşme mümkün mü?",
            "Sektöre nasıl girilir, birkaç tavsiyenizi duymak beni çok mutlu eder.",
        ),
        "avail": (
            "Ben {d} öğleden sonra müsaitim.",
            "Benim için {d} saat on ile on iki arası uygun.",
            "Sizin programınıza uyum sağlayabilirim.",
        ),
        "thanks": (
            "Şimdiden teşekkür ederim.",
            "Zaman ayırdığınız için teşekkürler.",
            "Yanıtınızı bekliyorum.",
        ),
        "close": ("Saygılarımla,", "İyi çalışmalar,", "Teşekkürler,", "Selamlar,"),
        "subject": (
            "Kısa bir görüşme talebi",
            "Kariyeriniz hakkında bir soru",
            "Kahve?",
            "Tavsiye rica ediyorum",
        ),
        "f": ("veri analizi", "siber güvenlik", "pazarlama", "ürün tasarımı", "finans"),
        "d": ("pazartesi", "salı", "çarşamba", "perşembe", "cuma"),
        "neutral": (
            "Önümüzdeki hafta kısa bir görüşme için {minutes} dakikanız olur mu?",
            "Bu günlerde kısaca telefonda konuşabilir ya da bir kahve içebilir miyiz?",
        ),
        "bump": (
            "Önceki mesajım gözden kaçmış olabilir diye tekrar yazıyorum.",
            "Israr ettiğim için kusura bakmayın; e-postamı okuma fırsatınız oldu mu diye sormak istedim.",
        ),
    },
}

NEGATIVE: dict[tuple[str, str], dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    ("other", "sales_coffee"): {
        "pl": (
            ("Kawa?", "Pomysł dla {org}"),
            (
                "Nazywam się {me} i pracuję w {sales}. Pomagamy firmom takim jak Państwa obniżyć koszty chmury.",
                "Czy mogę zaprosić na wirtualną kawę i pokazać 15-minutowe demo?",
                "Jeśli to nie Państwa obszar, z kim mogę porozmawiać o zakupach?",
            ),
        ),
        "cs": (
            ("Káva?", "Nápad pro {org}"),
            (
                "Jmenuji se {me} a pracuji ve společnosti {sales}. Pomáháme firmám jako ta Vaše snížit náklady na cloud.",
                "Mohu Vás pozvat na virtuální kávu a ukázat Vám patnáctiminutové demo?",
                "Pokud nejste ten správný člověk, s kým bych mohl mluvit o nákupu?",
            ),
        ),
        "tr": (
            ("Kahve?", "{org} için bir fikir"),
            (
                "Ben {me}, {sales} şirketinden yazıyorum. Sizin gibi şirketlerin bulut maliyetlerini düşürmesine yardımcı oluyoruz.",
                "Sizi sanal bir kahveye davet edip 15 dakikalık bir demo gösterebilir miyim?",
                "Doğru kişi siz değilseniz, satın alma konusunda kiminle görüşmeliyim?",
            ),
        ),
    },
    ("other", "recruiter"): {
        "pl": (
            ("Oferta pracy: {role}", "Nowe wyzwanie?"),
            (
                "Jestem rekruterką i mój klient szuka dokładnie takiego profilu jak Pana.",
                "Praca jest w pełni zdalna, a wynagrodzenie powyżej średniej rynkowej. Czy byłby Pan zainteresowany rozmową?",
            ),
        ),
        "cs": (
            ("Pracovní nabídka: {role}", "Otevřený novým výzvám?"),
            (
                "Jsem personalistka a můj klient hledá právě takový profil, jako je ten Váš.",
                "Pozice je plně na dálku a plat je nad tržním průměrem. Měl byste zájem slyšet víc?",
            ),
        ),
        "tr": (
            ("İş fırsatı: {role}", "Yeni fırsatlara açık mısınız?"),
            (
                "Ben bir işe alım danışmanıyım ve müşterim tam olarak sizin gibi bir profil arıyor.",
                "Pozisyon tamamen uzaktan ve maaş piyasanın üzerinde. Detayları konuşmak ister misiniz?",
            ),
        ),
    },
    ("other", "thanks"): {
        "pl": (
            ("Dziękuję!", "Dziękuję za rozmowę"),
            (
                "Bardzo dziękuję za wczorajszą rozmowę, Pani rady bardzo mi pomogły.",
                "Już napisałam do osoby, którą Pani poleciła. Dam znać, jak poszło.",
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
            ("Teşekkürler!", "Sohbet için teşekkürler"),
            (
                "Dünkü sohbet için çok teşekkür ederim, tavsiyeleriniz çok işime yaradı.",
                "Önerdiğiniz kişiye çoktan yazdım. Gelişmelerden sizi haberdar edeceğim.",
            ),
        ),
    },
    ("other", "research"): {
        "pl": (
            ("Wywiad do pracy magisterskiej", "Prośba o wywiad badawczy"),
            (
                "Piszę pracę magisterską o tym, jak firmy raportują swój wpływ na klimat.",
                "Czy znalazłby Pan {minutes} minut na wywiad jako ekspert w tej dziedzinie?",
                "Odpowiedzi zostaną zanonimizowane i wykorzystane wyłącznie w pracy.",
            ),
        ),
        "cs": (
            ("Rozhovor pro diplomovou práci", "Prosba o výzkumný rozhovor"),
            (
                "Píšu diplomovou práci o tom, jak firmy vykazují svůj dopad na klima.",
                "Měl byste {minutes} minut na rozhovor jako odborník na tuto oblast?",
                "Odpovědi budou anonymizované a použiji je jen v diplomové práci.",
            ),
        ),
        "tr": (
            ("Tez görüşmesi ricası", "Araştırma görüşmesi"),
            (
                "Şirketlerin iklim etkilerini nasıl raporladığı üzerine yüksek lisans tezimi yazıyorum.",
                "Bu alanda uzman olarak {minutes} dakikalık bir görüşmeye vaktiniz olur mu?",
                "Yanıtlar anonim tutulacak ve yalnızca tezde kullanılacak.",
            ),
        ),
    },
    ("job_application", "application"): {
        "pl": (
            ("Aplikacja: {role}", "Zgłoszenie na stanowisko {role}"),
            (
                "Zgłaszam swoją kandydaturę na stanowisko {role} ogłoszone na Państwa stronie.",
                "Mam pięć lat doświadczenia w branży, a w załączniku przesyłam swoje CV.",
                "Chętnie spotkam się na rozmowie kwalifikacyjnej.",
            ),
        ),
        "cs": (
            ("Žádost o místo: {role}", "Přihláška na pozici {role}"),
            (
                "Tímto se ucházím o pozici {role}, kterou jste zveřejnili na svém webu.",
                "Mám pět let praxe v oboru a v příloze posílám svůj životopis.",
                "Rád přijdu na pohovor.",
            ),
        ),
        "tr": (
            ("İş başvurusu: {role}", "{role} pozisyonu için başvuru"),
            (
                "Web sitenizde yayımlanan {role} pozisyonu için başvurmak istiyorum.",
                "Sektörde beş yıllık deneyimim var; özgeçmişimi ekte gönderiyorum.",
                "Bir mülakat için müsait olduğumu belirtmek isterim.",
            ),
        ),
    },
}

FORWARD: dict[str, tuple[str, tuple[str, str, str, str], str, str]] = {
    "pl": ("-----Oryginalna wiadomość-----", ("Od:", "Wysłano:", "Do:", "Temat:"), "PD: ", "Odp: "),
    "cs": ("-----Původní zpráva-----", ("Od:", "Odesláno:", "Komu:", "Předmět:"), "FW: ", "RE: "),
    "tr": ("-----Özgün İleti-----", ("Kimden:", "Gönderildi:", "Kime:", "Konu:"), "İLT: ", "YNT: "),
}
NOTES = {
    "pl": ("Czy ktoś może się tym zająć?", "Do wiadomości, dzięki."),
    "cs": ("Může se na to někdo podívat?", "Pro informaci, díky."),
    "tr": ("Bununla ilgilenebilecek biri var mı?", "Bilginize, teşekkürler."),
}
EVERYDAY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "pl": (
        ("weekend", "zdjęcia", "Newsletter tygodnia", "wieści z klubu", "Letnia wyprzedaż"),
        (
            "Sobotnia kolacja była pyszna; następnym razem ja gotuję.",
            "Mama dzwoniła rano, chce przepis na ciasto.",
            "W pracy wszystko dobrze, ale w tym miesiącu mam mało czasu.",
            "W tym numerze: ludzie, którzy wyprowadzają się z miasta i pracują z domu.",
            "To dzięki członkom takim jak Ty klub działa. Dziękujemy za kolejny świetny sezon.",
            "Darmowa dostawa wszystkich zamówień w ten weekend.",
            "Dzieci świetnie się bawiły na plaży; zdjęcia wyślę później.",
        ),
    ),
    "cs": (
        ("víkend", "fotky", "Týdenní zpravodaj", "novinky z klubu", "Letní výprodej"),
        (
            "Sobotní večeře byla skvělá; příště vařím já.",
            "Máma ráno volala a chce recept na ten koláč.",
            "V práci je všechno v pořádku, ale tento měsíc mám málo času.",
            "V tomto čísle: lidé, kteří se stěhují z města a pracují z domova.",
            "Díky členům, jako jste vy, klub funguje. Děkujeme za další skvělou sezónu.",
            "Doprava zdarma na všechny objednávky tento víkend.",
            "Děti si to na pláži užily; fotky pošlu později.",
        ),
    ),
    "tr": (
        ("hafta sonu", "fotoğraflar", "Haftalık bülten", "kulüpten haberler", "Yaz indirimi"),
        (
            "Cumartesi akşamki yemek harikaydı; bir dahaki sefere ben pişiririm.",
            "Annem sabah aradı, kekin tarifini istiyor.",
            "İş iyi gidiyor ama bu ay pek vaktim yok.",
            "Bu sayıda: şehirden taşınıp evden çalışan insanlar.",
            "Sizin gibi üyeler sayesinde kulüp var. Bir sezon daha için teşekkürler.",
            "Bu hafta sonu tüm siparişlerde ücretsiz kargo.",
            "Çocuklar sahilde çok eğlendi; fotoğrafları sonra gönderirim.",
        ),
    ),
}
