"""A thesis student's request to interview an expert, in the six original languages of ``languages``.

The look-alike that asks for the same minutes as a request, about a topic rather than a career; the Nordic,
Polish, Czech and Turkish versions live beside those languages' other tables.
"""

from __future__ import annotations

RESEARCH: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "es": (
        ("Entrevista para mi tesis", "Solicitud de entrevista de investigación"),
        (
            "Estoy escribiendo mi tesis de máster sobre cómo las empresas informan de su impacto climático.",
            "¿Tendría {minutes} minutos para una entrevista como experto en el tema?",
            "Las respuestas serán anónimas y solo se usarán en la tesis.",
        ),
    ),
    "fr": (
        ("Entretien pour mon mémoire", "Demande d'entretien de recherche"),
        (
            "Je rédige mon mémoire de master sur la façon dont les entreprises rendent compte de leur impact climatique.",
            "Auriez-vous {minutes} minutes pour un entretien en tant qu'expert du sujet ?",
            "Les réponses seront anonymisées et utilisées uniquement pour le mémoire.",
        ),
    ),
    "de": (
        ("Interview für meine Masterarbeit", "Anfrage: Forschungsinterview"),
        (
            "Ich schreibe meine Masterarbeit darüber, wie Unternehmen über ihre Klimawirkung berichten.",
            "Hätten Sie {minutes} Minuten für ein Interview als Experte auf diesem Gebiet?",
            "Die Antworten werden anonymisiert und nur für die Arbeit verwendet.",
        ),
    ),
    "pt": (
        ("Entrevista para a minha dissertação", "Pedido de entrevista de pesquisa"),
        (
            "Estou escrevendo minha dissertação de mestrado sobre como as empresas relatam o seu impacto climático.",
            "Teria {minutes} minutos para uma entrevista como especialista no tema?",
            "As respostas serão anônimas e usadas apenas na dissertação.",
        ),
    ),
    "it": (
        ("Intervista per la mia tesi", "Richiesta di intervista per una ricerca"),
        (
            "Sto scrivendo la tesi magistrale su come le aziende rendicontano il proprio impatto climatico.",
            "Avrebbe {minutes} minuti per un'intervista come esperto del tema?",
            "Le risposte saranno anonime e usate solo per la tesi.",
        ),
    ),
    "nl": (
        ("Interview voor mijn scriptie", "Verzoek om een onderzoeksinterview"),
        (
            "Ik schrijf mijn masterscriptie over hoe bedrijven rapporteren over hun klimaatimpact.",
            "Heeft u {minutes} minuten voor een interview als expert op dit gebied?",
            "De antwoorden worden geanonimiseerd en alleen voor de scriptie gebruikt.",
        ),
    ),
}
