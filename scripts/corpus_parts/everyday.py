"""Hard negatives that share the short request notes' everyday words but make no ask for a conversation.

Chit-chat between friends and colleagues, list and newsletter mail, personal notes typed on a phone, in English
and in the thirteen other languages of ``corpus_parts.languages``. "time", "people", "like", "work", "phone", "love",
"learn" and "questions" occur in all of them, so the model has to find the ask elsewhere. All text written for
this corpus.
"""

from __future__ import annotations

import random

from corpus_parts import languages

EN_LINES = (
    "I love how much time the new bike saves me on the way to work.",
    "People at the gym keep asking where I got my shoes; I tell them the market stall near the station.",
    "Mum called on the phone this morning; she'd like the recipe for the lemon cake.",
    "Work has been busy, but I finally found time to paint the kitchen.",
    "Did you get the photos from the weekend? The kids loved the beach.",
    "I learned to make bread this month — turns out it takes far less time than I thought.",
    "My phone died halfway through the film, so I'll need you to tell me how it ended.",
    "Like most people I'd rather be outside on a day like this.",
    "The plumber says the work will take another day, so the bathroom is out until Thursday.",
    "Got the tickets! Best seats we could find for the price.",
    "Our neighbours are moving in the spring and are giving away their garden furniture.",
    "This week's issue: ten tips people swear by for a calmer morning routine.",
    "In this edition we look at why so many people love working from cafés.",
    "New this month: the podcast episode everyone has been asking questions about.",
    "Members like you make the club work — thank you for another great season.",
    "The reading group meets at the usual time; we'll finish the last three chapters.",
    "Reminder for list members: please keep posts on topic and trim quoted text.",
    "I get the feeling it will rain all week, which is fine, more time to read.",
    "Dad wants to learn how to video call the grandkids, so I spent an hour on the phone with him.",
    "Best part of the trip was the food; worst part was the phone signal.",
    "Free shipping on all orders this weekend — find something you'll love.",
    "Earn more working from home: people like you are already getting results.",
    "Your questions answered: how the new timetable works for the number 12 bus.",
    "Lovely to see you yesterday; the garden is looking great.",
    "Dear friend, I am Mr {other}, a bank manager, and I need someone I can trust with a private transfer.",
    "Call our team any time, day or night: someone is always standing by to take your call.",
    "Security notice: we could not verify your account, so please confirm your details within 24 hours.",
    "Get a university degree in weeks, with no exams and no classes, based on your work experience.",
    "Stop trying to do it the hard way — thousands of people already use our system to work less.",
    "You don't need to understand computers to make money online; we show you everything, step by step.",
    "I wish I had known this years ago: one simple trick that people in finance don't want you to learn.",
    "Please find below a question from a reader, and our answer, in this month's home-security column.",
)
EN_SUBJECTS = (
    "weekend",
    "photos",
    "This week's issue",
    "Re: dinner on Saturday",
    "news from the club",
    "quick update",
    "lol",
    "[reading-group] next meeting",
    "Your weekly digest",
    "Sale ends Sunday",
    "",
)
EN_CLOSES = ("x", "Cheers,\n{me}", "Love,\n{me}", "{me}", "See you soon!", "Sent from my iPhone", "")

# Discussion-list posts: people asking and answering technical questions in public. They are full of "trying to
# understand whether", "call", "question", "time for", "like", "someone" — and ask no one for a conversation.
LIST_LINES = (
    "I'm trying to understand whether the new release handles this case right.",
    "It looks like the call to the parser fails without the right context set.",
    "One of the university mirrors has been half broken for a week; someone should ask the admins.",
    "Quick question for the list: has anyone got the filter working with the latest version?",
    "I think the design is a little bit off here, but I'd like to hear what others think.",
    "Time for a new release? The fix for the date bug has been buried in the tracker for months.",
    "Whether this is a bug or a feature depends on how you read the docs, to be honest.",
    "The value you want is in the config file, one line below the one you changed.",
    "Someone at my old school ran into the same problem; the workaround was to rebuild the index.",
    "Like others said, the strategy of blocking by address alone doesn't work any more.",
    "I've attached the log; it's a bit long, but the error is near the end.",
    "Does anyone on the list understand why the score changes when the header is missing?",
    "Thanks to everyone who answered my question last week — the patch worked.",
    "Without more detail it's hard to say, but it sounds like a permissions problem.",
    "I spent half the afternoon on this; the fix was a missing comma.",
    "Can someone with commit access take a look at the pull request when they have time?",
    "FWIW I see the same thing on two machines, so it isn't just your setup.",
)
LIST_SUBJECTS = (
    "Re: [{list}] filter not working",
    "[{list}] question about the config",
    "Re: [{list}] new release?",
    "[{list}] odd scoring with missing header",
    "Re: [{list}] patch for the date bug",
)
LISTS = ("users", "devel", "discuss", "talk")

FOREIGN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "es": (
        ("fin de semana", "fotos", "Boletín de la semana", "noticias del club", "Ofertas de temporada"),
        (
            "Me encantó la cena del sábado; la próxima vez cocino yo.",
            "Mi madre me llamó por teléfono y quiere la receta del pastel.",
            "El trabajo va bien, aunque este mes tengo poco tiempo libre.",
            "En este número: la gente que vive en el campo y trabaja desde casa.",
            "Los socios como usted hacen posible el club. Gracias por otra gran temporada.",
            "Envío gratis en todos los pedidos este fin de semana.",
            "Los niños lo pasaron genial en la playa; te mando las fotos luego.",
        ),
    ),
    "fr": (
        ("week-end", "photos", "La lettre de la semaine", "nouvelles du club", "Soldes d'été"),
        (
            "J'ai adoré le dîner de samedi ; la prochaine fois c'est moi qui cuisine.",
            "Ma mère m'a appelée au téléphone, elle voudrait la recette du gâteau.",
            "Le travail se passe bien, mais j'ai peu de temps libre ce mois-ci.",
            "Dans ce numéro : les gens qui quittent la ville pour travailler à la campagne.",
            "Les membres comme vous font vivre le club. Merci pour cette belle saison.",
            "Livraison gratuite sur toutes les commandes ce week-end.",
            "Les enfants se sont bien amusés à la plage ; je t'envoie les photos.",
        ),
    ),
    "de": (
        ("Wochenende", "Fotos", "Der Wochen-Newsletter", "Neues aus dem Verein", "Sommerschlussverkauf"),
        (
            "Das Abendessen am Samstag war toll; nächstes Mal koche ich.",
            "Mama hat heute Morgen angerufen und möchte das Rezept für den Kuchen.",
            "Die Arbeit läuft gut, aber diesen Monat habe ich kaum Zeit.",
            "In dieser Ausgabe: Menschen, die aufs Land ziehen und von zu Hause arbeiten.",
            "Mitglieder wie Sie machen den Verein möglich. Danke für eine tolle Saison.",
            "Kostenloser Versand auf alle Bestellungen an diesem Wochenende.",
            "Die Kinder hatten viel Spaß am Strand; ich schicke dir die Fotos später.",
        ),
    ),
    "pt": (
        ("fim de semana", "fotos", "Newsletter da semana", "novidades do clube", "Promoções de verão"),
        (
            "Adorei o jantar de sábado; da próxima vez cozinho eu.",
            "A minha mãe ligou-me e quer a receita do bolo.",
            "O trabalho vai bem, mas este mês tenho pouco tempo livre.",
            "Nesta edição: as pessoas que trocam a cidade pelo campo e trabalham em casa.",
            "Sócios como você fazem o clube acontecer. Obrigado por mais uma ótima temporada.",
            "Frete grátis em todos os pedidos neste fim de semana.",
            "As crianças adoraram a praia; mando as fotos depois.",
        ),
    ),
    "it": (
        ("fine settimana", "foto", "La newsletter della settimana", "notizie dal circolo", "Saldi estivi"),
        (
            "La cena di sabato è stata bellissima; la prossima volta cucino io.",
            "La mamma mi ha chiamato al telefono e vuole la ricetta della torta.",
            "Il lavoro va bene, ma questo mese ho poco tempo libero.",
            "In questo numero: le persone che lasciano la città e lavorano da casa.",
            "Soci come te rendono possibile il circolo. Grazie per un'altra bella stagione.",
            "Spedizione gratuita su tutti gli ordini questo fine settimana.",
            "I bambini si sono divertiti al mare; ti mando le foto dopo.",
        ),
    ),
    "nl": (
        ("weekend", "foto's", "De nieuwsbrief van deze week", "nieuws van de club", "Zomeruitverkoop"),
        (
            "Het etentje van zaterdag was heerlijk; volgende keer kook ik.",
            "Mama belde vanochtend en wil het recept van de taart.",
            "Het werk gaat goed, maar deze maand heb ik weinig tijd.",
            "In dit nummer: mensen die de stad verlaten en thuis werken.",
            "Leden zoals u maken de club mogelijk. Bedankt voor weer een mooi seizoen.",
            "Gratis verzending op alle bestellingen dit weekend.",
            "De kinderen hebben genoten op het strand; ik stuur de foto's later.",
        ),
    ),
    "sv": (
        ("helgen", "bilder", "Veckans nyhetsbrev", "nytt från klubben", "Sommarrea"),
        (
            "Middagen i lördags var jättemysig; nästa gång lagar jag maten.",
            "Mamma ringde i morse och vill ha receptet på kakan.",
            "Jobbet går bra, men jag har knappt någon fritid den här månaden.",
            "I det här numret: människor som flyttar ut på landet och jobbar hemifrån.",
            "Medlemmar som du gör klubben möjlig. Tack för ännu en fin säsong.",
            "Fri frakt på alla beställningar i helgen.",
            "Barnen hade jättekul på stranden; jag skickar bilderna senare.",
        ),
    ),
    "pl": (
        ("weekend", "zdjęcia", "Newsletter tygodnia", "wieści z klubu", "Letnia wyprzedaż"),
        (
            "Sobotnia kolacja była super; następnym razem ja gotuję.",
            "Mama dzwoniła rano i prosi o przepis na ciasto.",
            "W pracy wszystko dobrze, ale w tym miesiącu mam mało wolnego czasu.",
            "W tym numerze: ludzie, którzy wyprowadzają się na wieś i pracują z domu.",
            "To dzięki członkom takim jak Ty klub może działać. Dziękujemy za kolejny udany sezon.",
            "Darmowa dostawa na wszystkie zamówienia w ten weekend.",
            "Dzieciaki świetnie się bawiły na plaży; zdjęcia wyślę później.",
        ),
    ),
    "da": (
        ("weekenden", "billeder", "Ugens nyhedsbrev", "nyt fra klubben", "Sommerudsalg"),
        (
            "Middagen i lørdags var så hyggelig; næste gang er det mig, der laver mad.",
            "Mor ringede i morges og vil gerne have opskriften på kagen.",
            "Arbejdet går fint, men jeg har næsten ingen fritid i denne måned.",
            "I dette nummer: folk, der flytter på landet og arbejder hjemmefra.",
            "Medlemmer som dig gør klubben mulig. Tak for endnu en god sæson.",
            "Gratis fragt på alle ordrer i weekenden.",
            "Børnene elskede stranden; jeg sender billederne senere.",
        ),
    ),
    "nb": (
        ("helga", "bilder", "Ukens nyhetsbrev", "nytt fra klubben", "Sommersalg"),
        (
            "Middagen på lørdag var kjempekoselig; neste gang er det jeg som lager mat.",
            "Mamma ringte i morges og vil ha oppskriften på kaka.",
            "Jobben går fint, men jeg har nesten ikke fritid denne måneden.",
            "I denne utgaven: folk som flytter på landet og jobber hjemmefra.",
            "Medlemmer som deg gjør klubben mulig. Takk for nok en fin sesong.",
            "Gratis frakt på alle bestillinger i helga.",
            "Ungene storkoste seg på stranda; jeg sender bildene senere.",
        ),
    ),
    "fi": (
        ("viikonloppu", "kuvia", "Viikon uutiskirje", "kerhon kuulumiset", "Kesäale"),
        (
            "Lauantain illallinen oli ihana; ensi kerralla minä kokkaan.",
            "Äiti soitti aamulla ja haluaa kakun reseptin.",
            "Töissä menee hyvin, mutta tässä kuussa vapaa-aikaa on tosi vähän.",
            "Tässä numerossa: ihmiset, jotka muuttavat maalle ja tekevät töitä kotoa.",
            "Kaltaisesi jäsenet pitävät kerhon pystyssä. Kiitos taas hienosta kaudesta.",
            "Ilmainen toimitus kaikkiin tilauksiin tänä viikonloppuna.",
            "Lapset viihtyivät rannalla tosi hyvin; lähetän kuvat myöhemmin.",
        ),
    ),
    "cs": (
        ("víkend", "fotky", "Týdenní zpravodaj", "novinky z klubu", "Letní výprodej"),
        (
            "Sobotní večeře byla skvělá; příště vařím já.",
            "Máma ráno volala a chce recept na ten koláč.",
            "V práci je všechno v pořádku, jen mám tenhle měsíc málo volného času.",
            "V tomto čísle: lidé, kteří se stěhují na venkov a pracují z domova.",
            "Díky členům, jako jste Vy, může klub fungovat. Děkujeme za další skvělou sezónu.",
            "Doprava zdarma na všechny objednávky tento víkend.",
            "Děti si to na pláži moc užily; fotky pošlu později.",
        ),
    ),
    "tr": (
        ("hafta sonu", "fotoğraflar", "Haftanın bülteni", "kulüpten haberler", "Yaz indirimi"),
        (
            "Cumartesi akşamki yemek harikaydı; bir dahaki sefere ben pişiriyorum.",
            "Annem sabah aradı, kekin tarifini istiyor.",
            "İşler iyi gidiyor ama bu ay neredeyse hiç boş vaktim yok.",
            "Bu sayıda: şehirden köye taşınıp evden çalışan insanlar.",
            "Kulübü sizin gibi üyeler ayakta tutuyor. Bir sezon daha için teşekkürler.",
            "Bu hafta sonu tüm siparişlerde kargo bedava.",
            "Çocuklar plajda çok eğlendi; fotoğrafları sonra gönderirim.",
        ),
    ),
}


def negative(rng: random.Random) -> tuple[str, str, str]:
    """(subject, body, language) of an everyday note or list mail with no ask for a conversation.

    The language is "list" for an English discussion-list post (the caller adds list headers).
    """
    lang = languages.pick(rng)
    if lang == "en" and rng.random() < 0.4:
        name = rng.choice(LISTS)
        body = " ".join(rng.sample(LIST_LINES, k=rng.randint(2, 5)))
        if rng.random() < 0.5:
            body = "On {day}, {other} wrote:\n> " + rng.choice(LIST_LINES) + "\n\n" + body
        subject = rng.choice(LIST_SUBJECTS).replace("{list}", name)
        return subject, body + "\n\n" + rng.choice(("--\n{me}", "{me}", "Cheers, {me}")), "list"
    if lang == "en":
        lines = rng.sample(EN_LINES, k=rng.randint(1, 4))
        greet = rng.choice(("Hi {name},", "Hey!", "Hello all,", "Dear members,", ""))
        body = (greet + "\n\n" if greet else "") + " ".join(lines)
        close = rng.choice(EN_CLOSES)
        return rng.choice(EN_SUBJECTS), body + ("\n\n" + close if close else ""), lang
    subjects, lines = FOREIGN[lang]
    greet = rng.choice(languages.REQUEST[lang]["greet"])
    body = greet + "\n\n" + " ".join(rng.sample(lines, k=rng.randint(1, 4)))
    return rng.choice(subjects), body + "\n\n{me}", lang
