"""Requests and look-alike negatives in thirteen languages besides English.

Spanish, French, German, Portuguese, Italian and Dutch are written here; Swedish, Polish, Danish, Norwegian
Bokmål, Finnish, Czech and Turkish in ``corpus_parts.languages_north_east``, whose tables are merged into these.
Written for this corpus in plain, everyday phrasing (the way a student or a career changer writes to a stranger),
with the words a mail client in that language puts into a forward block. Placeholders in braces are the shared
slots (``{me}``, ``{name}``, ``{minutes}``, ``{org}`` …); the language's own fillers (``{f}``: a field, ``{d}``: a
day) are filled here, so no English vocabulary leaks into a foreign message.
"""

from __future__ import annotations

import random

from corpus_parts import languages_north_east

LANGS = ("es", "fr", "de", "pt", "it", "nl", *languages_north_east.LANGS)
# Where a grammar writes any kind of mail in any language, English's share: 4 in 10, as when six other languages
# shared the rest; more languages divide the same foreign share more thinly, so English recall does not fall.
EN_SHARE = 0.4

# Per language: greetings, intros, asks, availability, thanks, closings, subjects, fields, days.
REQUEST: dict[str, dict[str, tuple[str, ...]]] = {
    "es": {
        "greet": ("Hola {name}:", "Hola:", "Buenos días:", "Estimado equipo:", "Hola {name},"),
        "intro": (
            "Soy estudiante de último año de {f} y me interesa mucho el trabajo que hacen ustedes.",
            "Me llamo {me} y estoy terminando un máster en {f}.",
            "Después de varios años en otro sector, estoy cambiando de carrera hacia {f}.",
            "Me gradué hace poco en {f} y quiero entender cómo es el día a día en este campo.",
            "Un compañero de la universidad me dio su contacto y me dijo que usted podría orientarme.",
        ),
        "ask": (
            "¿Tendría {minutes} minutos para una entrevista informativa?",
            "Me gustaría hablar {minutes} minutos con alguien del equipo sobre su experiencia.",
            "¿Podríamos tomar un café o hacer una llamada corta para que le haga algunas preguntas?",
            "Le agradecería mucho una breve conversación por teléfono o por videollamada.",
            "¿Sería posible charlar un rato sobre cómo empezó usted en este campo?",
        ),
        "avail": (
            "Puedo el {d} por la tarde.",
            "Tengo disponibilidad el {d} entre las diez y las doce.",
            "Me adapto a su horario sin problema.",
        ),
        "thanks": ("Muchas gracias de antemano.", "Gracias por su tiempo.", "Quedo atenta a su respuesta."),
        "close": ("Saludos,", "Un saludo,", "Atentamente,", "Gracias,"),
        "subject": (
            "Solicitud de entrevista informativa",
            "¿Un café virtual?",
            "Consulta sobre su trayectoria",
            "Petición de una breve conversación",
        ),
        "f": ("ciberseguridad", "análisis de datos", "marketing digital", "diseño de producto", "finanzas"),
        "d": ("lunes", "martes", "miércoles", "jueves", "viernes", "próximo martes"),
        "bump": (
            "Le escribo de nuevo por si no le llegó mi mensaje anterior.",
            "Perdone la insistencia; solo quería saber si tuvo ocasión de leer mi correo.",
        ),
    },
    "fr": {
        "greet": ("Bonjour {name},", "Bonjour,", "Madame, Monsieur,", "Bonjour à toute l'équipe,"),
        "intro": (
            "Je suis en dernière année de {f} et votre métier m'intéresse beaucoup.",
            "Je m'appelle {me} et je termine un master en {f}.",
            "Après plusieurs années dans un autre secteur, je suis en reconversion vers {f}.",
            "Jeune diplômée en {f}, j'essaie de mieux comprendre le quotidien de ce métier.",
            "Un ancien de mon école m'a donné votre nom en me disant que vous pourriez me conseiller.",
        ),
        "ask": (
            "Auriez-vous {minutes} minutes pour un entretien informatif ?",
            "Accepteriez-vous d'échanger quelques minutes avec moi par téléphone ou en visio ?",
            "Serait-il possible de prendre un café pour parler de votre parcours ?",
            "J'aimerais beaucoup vous poser quelques questions sur votre parcours, si vous avez un moment.",
        ),
        "avail": (
            "Je suis disponible {d} après-midi.",
            "Je peux me libérer {d} entre dix heures et midi.",
            "Je m'adapte volontiers à vos disponibilités.",
        ),
        "thanks": (
            "Merci d'avance pour votre temps.",
            "Je vous remercie par avance.",
            "Au plaisir de vous lire.",
        ),
        "close": ("Bien cordialement,", "Cordialement,", "Bonne journée,", "Merci,"),
        "subject": (
            "Demande d'entretien informatif",
            "Échange sur votre parcours",
            "Un café ?",
            "Question sur votre métier",
        ),
        "f": ("la cybersécurité", "l'analyse de données", "le marketing", "le design produit", "la finance"),
        "d": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "mardi prochain"),
        "bump": (
            "Je me permets de vous relancer au sujet de mon message ci-dessous.",
            "Je reviens vers vous au cas où mon premier mail se serait perdu.",
        ),
    },
    "de": {
        "greet": ("Hallo {name},", "Guten Tag,", "Sehr geehrte Damen und Herren,", "Liebes Team,"),
        "intro": (
            "Ich studiere {f} im letzten Semester und interessiere mich sehr für Ihren Bereich.",
            "Mein Name ist {me} und ich schließe gerade meinen Master in {f} ab.",
            "Nach einigen Jahren in einer anderen Branche möchte ich in den Bereich {f} wechseln.",
            "Ich habe vor kurzem mein Studium in {f} beendet und möchte den Berufsalltag besser verstehen.",
            "Eine Kommilitonin hat mir Ihren Namen gegeben und meinte, Sie könnten mir weiterhelfen.",
        ),
        "ask": (
            "Hätten Sie {minutes} Minuten Zeit für ein kurzes Informationsgespräch?",
            "Wäre ein kurzes Telefonat oder ein Videocall möglich, damit ich Ihnen ein paar Fragen stellen kann?",
            "Darf ich Sie auf einen Kaffee einladen und mehr über Ihren Werdegang erfahren?",
            "Ich würde mich sehr über ein kurzes Gespräch mit jemandem aus Ihrem Team freuen.",
        ),
        "avail": (
            "Ich hätte am {d} Nachmittag Zeit.",
            "Am {d} zwischen zehn und zwölf Uhr würde es bei mir gut passen.",
            "Ich richte mich gern nach Ihrem Kalender.",
        ),
        "thanks": (
            "Vielen Dank im Voraus.",
            "Herzlichen Dank für Ihre Zeit.",
            "Ich freue mich auf Ihre Antwort.",
        ),
        "close": ("Viele Grüße,", "Mit freundlichen Grüßen,", "Beste Grüße,", "Danke und Gruß,"),
        "subject": (
            "Anfrage: kurzes Informationsgespräch",
            "Frage zu Ihrem Werdegang",
            "Kaffee?",
            "Bitte um ein kurzes Gespräch",
        ),
        "f": ("Datenanalyse", "IT-Sicherheit", "Produktmanagement", "Marketing", "Controlling"),
        "d": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "nächsten Dienstag"),
        "bump": (
            "Ich wollte kurz nachhaken, ob meine Nachricht unten angekommen ist.",
            "Entschuldigen Sie die erneute Mail – ich wollte nur an meine Anfrage erinnern.",
        ),
    },
    "pt": {
        "greet": ("Olá {name},", "Olá,", "Bom dia,", "Prezada equipe,"),
        "intro": (
            "Sou estudante do último ano de {f} e tenho muito interesse na sua área.",
            "Meu nome é {me} e estou terminando um mestrado em {f}.",
            "Depois de alguns anos em outra área, estou fazendo uma transição de carreira para {f}.",
            "Me formei há pouco tempo em {f} e quero entender melhor como é o dia a dia nessa área.",
            "Um colega da faculdade me passou o seu contato e disse que você poderia me orientar.",
        ),
        "ask": (
            "Você teria {minutes} minutos para uma entrevista informativa?",
            "Gostaria muito de conversar rapidamente com alguém da equipe sobre a sua experiência.",
            "Podemos tomar um café ou fazer uma ligação curta?",
            "Seria possível uma conversa rápida por telefone ou vídeo?",
        ),
        "avail": (
            "Posso na {d} à tarde.",
            "Tenho disponibilidade na {d} entre as dez e o meio-dia.",
            "Me adapto à sua agenda.",
        ),
        "thanks": ("Muito obrigada desde já.", "Agradeço a atenção.", "Fico no aguardo."),
        "close": ("Abraços,", "Atenciosamente,", "Obrigado,", "Um abraço,"),
        "subject": (
            "Pedido de entrevista informativa",
            "Conversa rápida sobre carreira",
            "Um café?",
            "Dúvida sobre a sua trajetória",
        ),
        "f": (
            "segurança da informação",
            "análise de dados",
            "marketing digital",
            "design de produto",
            "finanças",
        ),
        "d": ("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira"),
        "bump": (
            "Estou escrevendo de novo caso a minha mensagem anterior tenha se perdido.",
            "Desculpe a insistência, só queria saber se você conseguiu ver o meu e-mail.",
        ),
    },
    "it": {
        "greet": ("Ciao {name},", "Gentile {name},", "Buongiorno,", "Salve,"),
        "intro": (
            "Sono all'ultimo anno di {f} e il vostro settore mi interessa molto.",
            "Mi chiamo {me} e sto finendo un master in {f}.",
            "Dopo alcuni anni in un altro settore, sto cercando di spostarmi verso {f}.",
            "Mi sono laureata da poco in {f} e vorrei capire meglio com'è il lavoro di tutti i giorni.",
            "Un collega dell'università mi ha dato il suo contatto dicendo che lei potrebbe consigliarmi.",
        ),
        "ask": (
            "Avrebbe {minutes} minuti per un colloquio informativo?",
            "Mi piacerebbe fare una breve chiacchierata con qualcuno del team sulla sua esperienza.",
            "Potremmo prendere un caffè o fare una breve telefonata?",
            "Sarebbe possibile sentirci per una breve videochiamata?",
        ),
        "avail": (
            "Sono disponibile {d} pomeriggio.",
            "Potrei {d} tra le dieci e mezzogiorno.",
            "Mi adatto volentieri ai suoi orari.",
        ),
        "thanks": (
            "Grazie mille in anticipo.",
            "La ringrazio per il tempo.",
            "Resto in attesa di un suo riscontro.",
        ),
        "close": ("Cordiali saluti,", "Un saluto,", "Grazie,", "A presto,"),
        "subject": (
            "Richiesta di colloquio informativo",
            "Una breve chiacchierata?",
            "Domanda sul suo percorso",
            "Un caffè?",
        ),
        "f": ("sicurezza informatica", "analisi dei dati", "marketing", "design di prodotto", "finanza"),
        "d": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì"),
        "bump": (
            "Le scrivo di nuovo nel caso il mio messaggio precedente sia andato perso.",
            "Mi scusi se insisto, volevo solo sapere se ha avuto modo di leggere la mia mail.",
        ),
    },
    "nl": {
        "greet": ("Hallo {name},", "Beste {name},", "Goedemorgen,", "Beste allemaal,"),
        "intro": (
            "Ik ben laatstejaars student {f} en ik ben erg geïnteresseerd in jullie vakgebied.",
            "Mijn naam is {me} en ik rond binnenkort mijn master in {f} af.",
            "Na een aantal jaren in een andere sector wil ik overstappen naar {f}.",
            "Ik ben net afgestudeerd in {f} en wil graag beter begrijpen hoe het werk in de praktijk is.",
            "Een oud-studiegenoot gaf me uw naam en zei dat u me misschien op weg kon helpen.",
        ),
        "ask": (
            "Zou u {minutes} minuten hebben voor een kort oriënterend gesprek?",
            "Ik zou graag even bellen met iemand uit het team om meer over het werk te horen.",
            "Zullen we een keer koffie drinken, zodat ik wat vragen kan stellen over uw loopbaan?",
            "Is een kort videogesprek misschien mogelijk?",
        ),
        "avail": (
            "Ik kan {d} in de middag.",
            "Op {d} tussen tien en twaalf uur komt het mij goed uit.",
            "Ik pas me graag aan uw agenda aan.",
        ),
        "thanks": ("Alvast hartelijk bedankt.", "Bedankt voor uw tijd.", "Ik hoor graag van u."),
        "close": ("Met vriendelijke groet,", "Groetjes,", "Hartelijke groet,", "Bedankt,"),
        "subject": (
            "Verzoek om een oriënterend gesprek",
            "Kort gesprek over uw loopbaan?",
            "Koffie?",
            "Vraag over uw werk",
        ),
        "f": ("data-analyse", "cybersecurity", "productmanagement", "marketing", "financiën"),
        "d": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"),
        "bump": (
            "Ik stuur mijn bericht hieronder nog even opnieuw, voor het geval het is ondergesneeuwd.",
            "Sorry dat ik er nog eens op terugkom; ik wilde even checken of mijn mail is aangekomen.",
        ),
    },
}

# Look-alike negatives in the same languages: (label, kind) -> per-language paragraphs.
NEGATIVE: dict[tuple[str, str], dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    ("other", "sales_coffee"): {
        "es": (
            ("¿Un café?", "Propuesta para {org}"),
            (
                "Soy {me}, de {sales}. Ayudamos a empresas como la suya a reducir el gasto en la nube.",
                "¿Le invito a un café virtual y le enseño una demo de 15 minutos de nuestra plataforma?",
                "Si no es usted la persona indicada, ¿podría decirme con quién hablar sobre precios?",
            ),
        ),
        "fr": (
            ("Un café ?", "Proposition pour {org}"),
            (
                "Je suis {me}, chez {sales}. Nous aidons les équipes comme la vôtre à réduire leurs coûts.",
                "Puis-je vous offrir un café virtuel pour vous présenter notre outil en 15 minutes ?",
                "Si vous n'êtes pas la bonne personne, pourriez-vous m'indiquer qui contacter pour un devis ?",
            ),
        ),
        "de": (
            ("Kaffee?", "Idee für {org}"),
            (
                "Ich bin {me} von {sales}. Wir helfen Teams wie Ihrem, die Cloud-Kosten deutlich zu senken.",
                "Darf ich Sie auf einen virtuellen Kaffee einladen und Ihnen eine kurze Demo zeigen?",
                "Falls Sie nicht zuständig sind, an wen im Einkauf darf ich mich wenden?",
            ),
        ),
        "pt": (
            ("Um café?", "Ideia para a {org}"),
            (
                "Sou {me}, da {sales}. Ajudamos empresas como a sua a reduzir custos com software.",
                "Posso te pagar um café virtual e mostrar uma demonstração de 15 minutos?",
                "Se não for a pessoa certa, pode me indicar quem cuida das compras?",
            ),
        ),
        "it": (
            ("Un caffè?", "Proposta per {org}"),
            (
                "Sono {me} di {sales}. Aiutiamo aziende come la vostra a ridurre i costi del cloud.",
                "Posso offrirle un caffè virtuale e mostrarle una demo di 15 minuti del prodotto?",
                "Se non è la persona giusta, mi può indicare chi si occupa degli acquisti?",
            ),
        ),
        "nl": (
            ("Koffie?", "Idee voor {org}"),
            (
                "Ik ben {me} van {sales}. Wij helpen teams zoals het uwe om kosten te besparen.",
                "Mag ik u een virtuele koffie aanbieden en in 15 minuten een demo laten zien?",
                "Bent u niet de juiste persoon, wie kan ik dan over de offerte benaderen?",
            ),
        ),
    },
    ("other", "recruiter"): {
        "es": (
            ("Oportunidad como {role}", "¿Abierta a nuevos retos?"),
            (
                "Trabajo como reclutadora para una empresa en pleno crecimiento que busca un perfil como el suyo.",
                "El puesto es remoto y el salario está por encima del mercado. ¿Le interesaría hablarlo?",
            ),
        ),
        "fr": (
            ("Opportunité {role}", "Ouvert à de nouveaux défis ?"),
            (
                "Je suis chargée de recrutement et un de nos clients recherche un profil comme le vôtre.",
                "Le poste est en télétravail et bien rémunéré. Seriez-vous partant pour en discuter ?",
            ),
        ),
        "de": (
            ("Spannende Position als {role}", "Offen für Neues?"),
            (
                "Ich bin Personalberaterin und mein Kunde sucht genau ein Profil wie Ihres.",
                "Die Stelle ist remote und sehr gut bezahlt. Hätten Sie Interesse an einem kurzen Austausch?",
            ),
        ),
        "pt": (
            ("Oportunidade de {role}", "Aberto a novos desafios?"),
            (
                "Sou recrutadora e tenho um cliente procurando um perfil como o seu.",
                "A vaga é remota e o salário é acima do mercado. Tem interesse em conversar sobre ela?",
            ),
        ),
        "it": (
            ("Opportunità come {role}", "Aperto a nuove sfide?"),
            (
                "Sono una recruiter e un nostro cliente cerca un profilo come il suo.",
                "La posizione è da remoto e ben retribuita. Le interessa parlarne?",
            ),
        ),
        "nl": (
            ("Vacature {role}", "Open voor iets nieuws?"),
            (
                "Ik ben recruiter en mijn opdrachtgever zoekt precies een profiel zoals het uwe.",
                "De functie is volledig op afstand en goed betaald. Heeft u interesse om erover te praten?",
            ),
        ),
    },
    ("other", "thanks"): {
        "es": (
            ("¡Gracias!", "Gracias por la conversación"),
            (
                "Muchas gracias por la conversación de ayer; sus consejos me ayudaron muchísimo.",
                "Ya me he puesto en contacto con la persona que me recomendó. Le iré contando.",
            ),
        ),
        "fr": (
            ("Merci !", "Merci pour notre échange"),
            (
                "Un grand merci pour notre échange d'hier, vos conseils m'ont beaucoup aidée.",
                "J'ai déjà contacté la personne que vous m'avez recommandée. Je vous tiens au courant.",
            ),
        ),
        "de": (
            ("Danke!", "Vielen Dank für das Gespräch"),
            (
                "Vielen Dank für das nette Gespräch gestern, Ihre Tipps haben mir sehr geholfen.",
                "Ich habe mich schon bei der Person gemeldet, die Sie mir empfohlen haben.",
            ),
        ),
        "pt": (
            ("Obrigada!", "Obrigado pela conversa"),
            (
                "Muito obrigado pela conversa de ontem, os seus conselhos ajudaram muito.",
                "Já entrei em contato com a pessoa que você indicou. Depois te conto como foi.",
            ),
        ),
        "it": (
            ("Grazie!", "Grazie per la chiacchierata"),
            (
                "Grazie mille per la chiacchierata di ieri, i suoi consigli mi sono stati molto utili.",
                "Ho già scritto alla persona che mi ha suggerito. La terrò aggiornata.",
            ),
        ),
        "nl": (
            ("Bedankt!", "Dank voor het gesprek"),
            (
                "Hartelijk dank voor het fijne gesprek van gisteren, uw tips waren heel nuttig.",
                "Ik heb de persoon die u noemde al gemaild. Ik houd u op de hoogte.",
            ),
        ),
    },
    ("job_application", "application"): {
        "es": (
            ("Candidatura: {role}", "Solicitud para el puesto de {role}"),
            (
                "Les escribo para presentar mi candidatura al puesto de {role} publicado en su web.",
                "Tengo cinco años de experiencia en el sector y adjunto mi currículum.",
                "Quedo a su disposición para una entrevista cuando les venga bien.",
            ),
        ),
        "fr": (
            ("Candidature : {role}", "Candidature spontanée"),
            (
                "Je vous adresse ma candidature pour le poste de {role} publié sur votre site.",
                "Vous trouverez ci-joint mon CV et ma lettre de motivation.",
                "Je serais ravie de vous rencontrer lors d'un entretien.",
            ),
        ),
        "de": (
            ("Bewerbung als {role}", "Bewerbung – {role}"),
            (
                "hiermit bewerbe ich mich auf die ausgeschriebene Stelle als {role}.",
                "Meinen Lebenslauf und meine Zeugnisse finden Sie im Anhang.",
                "Über eine Einladung zum Vorstellungsgespräch würde ich mich sehr freuen.",
            ),
        ),
        "pt": (
            ("Candidatura para {role}", "Vaga de {role}"),
            (
                "Venho por meio deste e-mail me candidatar à vaga de {role} anunciada no site.",
                "Segue em anexo o meu currículo.",
                "Fico à disposição para uma entrevista.",
            ),
        ),
        "it": (
            ("Candidatura per {role}", "Candidatura spontanea"),
            (
                "Vi scrivo per candidarmi alla posizione di {role} pubblicata sul vostro sito.",
                "In allegato trovate il mio curriculum vitae.",
                "Resto a disposizione per un colloquio conoscitivo.",
            ),
        ),
        "nl": (
            ("Sollicitatie {role}", "Open sollicitatie"),
            (
                "Graag solliciteer ik naar de functie van {role} die op uw website staat.",
                "Mijn cv en motivatiebrief vindt u in de bijlage.",
                "Ik kom graag langs voor een sollicitatiegesprek.",
            ),
        ),
    },
}

# How a mail client in each language writes a forward: separator, then From/Sent/To/Subject labels; the
# subject prefixes for forward and reply.
FORWARD: dict[str, tuple[str, tuple[str, str, str, str], str, str]] = {
    "es": ("-----Mensaje original-----", ("De:", "Enviado el:", "Para:", "Asunto:"), "RV: ", "RE: "),
    "fr": ("-----Message d'origine-----", ("De :", "Envoyé :", "À :", "Objet :"), "TR : ", "RE : "),
    "de": ("-----Ursprüngliche Nachricht-----", ("Von:", "Gesendet:", "An:", "Betreff:"), "WG: ", "AW: "),
    "pt": (
        "---------- Mensagem encaminhada ---------",
        ("De:", "Data:", "Para:", "Assunto:"),
        "ENC: ",
        "RES: ",
    ),
    "it": ("-------- Messaggio inoltrato --------", ("Da:", "Inviato:", "A:", "Oggetto:"), "I: ", "R: "),
    "nl": (
        "-----Oorspronkelijk bericht-----",
        ("Van:", "Verzonden:", "Aan:", "Onderwerp:"),
        "Doorst: ",
        "Antw: ",
    ),
}
NOTES = {
    "es": ("¿Alguien puede atender esto?", "Para vosotros, gracias."),
    "fr": ("Quelqu'un peut-il s'en occuper ?", "Pour vous, merci."),
    "de": ("Kann das jemand übernehmen?", "Zur Info, danke."),
    "pt": ("Alguém pode ver isso?", "Para vocês, obrigado."),
    "it": ("Qualcuno può occuparsene?", "Per voi, grazie."),
    "nl": ("Kan iemand dit oppakken?", "Ter info, dank."),
}

REQUEST.update(languages_north_east.REQUEST)
for _key, _table in languages_north_east.NEGATIVE.items():
    NEGATIVE[_key].update(_table)
FORWARD.update(languages_north_east.FORWARD)
NOTES.update(languages_north_east.NOTES)
for _lang in LANGS:  # every language fills every slot, so a draw never falls back to another language
    if (
        REQUEST[_lang].keys() != REQUEST["es"].keys()
        or any(_lang not in table for table in NEGATIVE.values())
        or _lang not in FORWARD
        or _lang not in NOTES
    ):
        raise ValueError(f"corpus_parts.languages: {_lang!r} is missing a table")


def pick(rng: random.Random) -> str:
    """A language for a message that may be in any: "en" at ``EN_SHARE``, else one of ``LANGS``."""
    return "en" if rng.random() < EN_SHARE else rng.choice(LANGS)


def _fill(rng: random.Random, lang: str, text: str) -> str:
    words = REQUEST[lang]
    return text.replace("{f}", rng.choice(words["f"])).replace("{d}", rng.choice(words["d"]))


def request(rng: random.Random, lang: str, short: bool = False) -> tuple[str, str]:
    """(subject, body) of a request in ``lang``: a letter, or with ``short`` a two-line note."""
    w = REQUEST[lang]
    if short:
        body = rng.choice(w["greet"]) + "\n\n" + rng.choice(w["ask"]) + " " + rng.choice(w["avail"])
        return _fill(rng, lang, rng.choice(w["subject"])), _fill(rng, lang, body + "\n\n{me}")
    parts = [rng.choice(w["greet"]), rng.choice(w["intro"])]
    ask = rng.choice(w["ask"])
    if rng.random() < 0.6:
        ask += " " + rng.choice(w["avail"])
    parts.append(ask)
    if rng.random() < 0.7:
        parts.append(rng.choice(w["thanks"]))
    parts.append(rng.choice(w["close"]) + "\n{me} {last_me}")
    return _fill(rng, lang, rng.choice(w["subject"])), _fill(rng, lang, "\n\n".join(parts))


def bump(rng: random.Random, lang: str) -> str:
    return rng.choice(REQUEST[lang]["bump"])


def negative(rng: random.Random, label: str, lang: str) -> tuple[str, str, str]:
    """(kind, subject, body) of a look-alike non-request for ``label`` in ``lang``."""
    kinds = sorted(kind for lab, kind in NEGATIVE if lab == label)
    kind = rng.choice(kinds)
    subjects, lines = NEGATIVE[(label, kind)][lang]
    keep = lines if rng.random() < 0.6 else lines[: max(1, len(lines) - 1)]
    greet = rng.choice(REQUEST[lang]["greet"])
    body = greet + "\n\n" + " ".join(keep) + "\n\n" + rng.choice(REQUEST[lang]["close"]) + "\n{me}"
    return kind, _fill(rng, lang, rng.choice(subjects)), _fill(rng, lang, body)
