"""The words mail clients write around a forwarded message, per language: pure data, no matching.

Header labels by field, forward separator phrases, subject prefixes and month names, in the European
languages managers' clients are set to (and a few others the clients ship). ``forward_headers`` builds its
matchers and readers from these tables; adding a language is adding words here, never code.
"""

from __future__ import annotations


def _words(*chunks: str) -> tuple[str, ...]:
    """Tables are written as "a|b|c" strings: one language's words stay on a line, not one per line."""
    return tuple(word for word in "".join(chunks).split("|") if word)


# Header labels by field. Matching is case-insensitive; the longest label wins, so "De la" beats "De" and
# "Kopie (CC)" beats "Kopie". "Sent" is kept apart from "Date" only for readability: both give the date.
LABELS: dict[str, tuple[str, ...]] = {
    "from": _words(
        "From|Von|De|De la|Da|Från|Fra|Od|Van|Lähettäjä|Feladó|От|Від|Від кого|Kimden|"
        "Gönderen|Nadawca|Mittente|Remitente|Absender|Expéditeur|Expeditor|Expeditorul|Šalje|"
        "Saatja|Отправитель|Afzender|Avsändare|Afsender|Avsender|Odesílatel|Pošiljatelj|"
        "Pošiljalac|送信元|差出人|发件人"
    ),
    "to": _words(
        "To|An|À|A|Para|Till|Til|Aan|Do|Komu|Kime|Címzett|Vastaanottaja|Кому|Către|Prima|Pre|"
        "Adresat|Destinatarul|Destinatario|Destinataire|Empfänger|Pour|Saaja|Modtager|"
        "Mottaker|Mottagare|Alıcı|Komu|送信先|宛先|收件人"
    ),
    "cc": _words(
        "Cc|CC|Kopie|Kopie (CC)|Copie à|Copie|Kopia|Kopi|Kopio|Kópia|Másolat|Másolatot kap|"
        "Копия|Копія|Bilgi|DW|Dw|Copia|Cópia|Kopija|Koopia|抄送"
    ),
    "bcc": _words("Bcc|BCC|Bcc (CCI)|Cci|Ukryta kopia|Skrytá kopie|Blindkopie"),
    "subject": _words(
        "Subject|Betreff|Objet|Sujet|Asunto|Oggetto|Assunto|Ämne|Emne|Onderwerp|Temat|Předmět|"
        "Predmet|Tárgy|Aihe|Тема|Konu|Subiect|Subiectul|Naslov|Teema|件名|主题|Betreff (Subject)"
    ),
    "date": _words(
        "Date|Datum|Dato|Data|Fecha|Dátum|Dată|Päiväys|Päivämäärä|Дата|Tarih|Kuupäev|日付|日期|"
        "Sent|Gesendet|Envoyé|Envoyé le|Enviado|Enviada|Enviado el|Inviato|Skickat|Sendt|"
        "Verzonden|Wysłano|Odesláno|Odoslané|Elküldve|Lähetetty|Отправлено|Надіслано|"
        "Відправлено|Gönderildi|Gönderilme|Trimis|Poslano|Poslato|Saadetud|送信日時"
    ),
    "reply_to": _words("Reply-To|Antwort an|Répondre à|Responder a|Rispondi a|Svara till"),
}


# Separator lines that announce a forward in so many words ("---------- Forwarded message ---------",
# "Begin forwarded message:", "-------- Message transféré --------"). Matched inside a line, case-insensitive.
FORWARD_PHRASES: tuple[str, ...] = _words(
    "Forwarded message|Forwarded Message|Original Message|Forwarded Conversation|"
    "Begin forwarded message|Fwd.Msg|Weitergeleitete Nachricht|"
    "Anfang der weitergeleiteten Nachricht|Ursprüngliche Nachricht|Message transféré|"
    "Message transmis|Début du message réexpédié|Début du message transféré|Message d'origine|"
    "Mensaje reenviado|Inicio del mensaje reenviado|Mensaje original|Messaggio inoltrato|"
    "Inizio messaggio inoltrato|Messaggio originale|Mensagem encaminhada|"
    "Mensagem reencaminhada|Início da mensagem encaminhada|Início da mensagem reencaminhada|"
    "Mensagem original|Doorgestuurd bericht|Begin doorgestuurd bericht|Oorspronkelijk bericht|"
    "Vidarebefordrat meddelande|Vidarebefordrat mejl|Ursprungligt meddelande|"
    "Videresendt melding|Videresendt meddelelse|Start på videresendt besked|"
    "Oprindelig meddelelse|Opprinnelig melding|Edelleenlähetetty viesti|Välitetty viesti|"
    "Välitetty viesti alkaa|Alkuperäinen viesti|Wiadomość przesłana dalej|"
    "Przekazana wiadomość|Początek przekazywanej wiadomości|Treść przekazanej wiadomości|"
    "Oryginalna wiadomość|Přeposlaná zpráva|Začátek přeposílané zprávy|Původní zpráva|"
    "Preposlaná správa|Začiatok preposlanej správy|Pôvodná správa|Továbbított üzenet|"
    "Továbbított levél kezdete|Eredeti üzenet|Mesaj redirecționat|"
    "Începe mesajul redirecționat|Mesaj original|Proslijeđena poruka|"
    "Započni proslijeđenu poruku|Izvorna poruka|İletilen İleti|İletilmiş Mesaj|"
    "İleti başlangıcı|Özgün İleti|Пересылаемое сообщение|Перенаправленное сообщение|"
    "Начало переадресованного сообщения|Исходное сообщение|Переслане повідомлення|"
    "Перенаправлене повідомлення|Початок листа, що пересилається|Edastatud kiri|"
    "Προωθημένο μήνυμα|メッセージを転送|转发的邮件"
)


# Subject prefixes. Forward: en FW/Fwd, fr TR, de WG, es/pt RV/ENC, nl Doorst, fi/sv VS/VB, pl PD, it I/Rif.
FORWARD_PREFIXES = _words(
    "FWD|FW|TR|WG|RV|ENC|DOORST|VS|VB|PD|RIF|I|FS|VL|VIDERESEND|PRZEKAŻ|ПЕРЕСЛАТЬ|ПЕР|İLT"
)
REPLY_PREFIXES = _words("RE|AW|SV|VS|ANTW|ODP|R|RES|RIF|ATB|YNT|OTV|VÁ|ОТВ|ВІДП|Odp|REF")


# Month words, full and abbreviated, nominative and genitive, lower-case. Deliberately exact forms only:
# prefixes would read French "mar(di)" or Spanish "mar(tes)" as March.
MONTH_WORDS: dict[int, str] = {
    1: "jan january januar janvier janv enero ene gennaio gen janeiro januari tammikuuta tammikuu tammik "
    "styczeń stycznia sty leden ledna led január januára január januar jänner ianuarie ian siječanj "
    "siječnja sij ocak oca января январь янв січня січень січ jaanuar",
    2: "feb february februar février févr fevr febrero gennaio febbraio febr fevereiro fev februari "
    "helmikuuta helmikuu helmik luty lutego lut únor února úno február februára februar februarie "
    "veljača veljače velj şubat şub февраля февраль фев лютого лютий лют veebruar",
    3: "mar march märz maerz mär mars marzo marz março marts maart mrt maaliskuuta maaliskuu maalisk marzec "
    "marca březen března bře marec marca március márc martie ožujak ožujka ožu mart марта март мар "
    "березня березень бер märts",
    4: "apr april avril avr abril abr aprile aprila aprilie huhtikuuta huhtikuu huhtik kwiecień kwietnia "
    "kwi duben dubna dub apríl apríla április ápr travanj travnja tra nisan nis апреля апрель апр "
    "квітня квітень кві aprill",
    5: "may mai mayo maggio mag maio mei maj toukokuuta toukokuu toukok maja květen května kvě máj mája "
    "május svibanj svibnja svi mayıs мая май травня травень тра",
    6: "jun june juni juin junio giugno giu junho jun kesäkuuta kesäkuu kesäk czerwiec czerwca cze červen "
    "června čvn jún júna június iunie lipanj lipnja haziran haz июня июнь июн червня червень чер juuni",
    7: "jul july juli juillet juil julio luglio lug julho heinäkuuta heinäkuu heinäk lipiec lipca lip "
    "červenec července čvc júl júla július iulie srpanj srpnja temmuz tem июля июль июл липня липень "
    "лип juuli",
    8: "aug august august août agosto ago augustus augusti elokuuta elokuu elok sierpień sierpnia sie srpen "
    "srpna srp augusztus aug august kolovoz kolovoza kol ağustos ağu августа август авг серпня серпень "
    "сер",
    9: "sep sept september septembre septiembre settembre set setembro syyskuuta syyskuu syysk wrzesień "
    "września wrz září zář septembra szeptember szept septembrie rujan rujna ruj eylül eyl сентября "
    "сентябрь сен вересня вересень вер",
    10: "oct october oktober octobre octubre ottobre ott outubro out okt lokakuuta lokakuu lokak "
    "październik października paź říjen října říj októbra október octombrie listopad listopada lis "
    "ekim eki октября октябрь окт жовтня жовтень жов oktoober",
    11: "nov november novembre noviembre novembre novembro marraskuuta marraskuu marrask "
    "listopadu lis studeni studenoga stu novembra kasım kas ноября ноябрь ноя листопада листопад "
    "лис noiembrie",
    12: "dec december dezember déc décembre diciembre dic dicembre dezembro dez joulukuuta joulukuu jouluk "
    "grudzień grudnia gru prosinec prosince pro decembra december prosinca decembrie aralık ara "
    "декабря декабрь дек грудня грудень гру detsember",
}
