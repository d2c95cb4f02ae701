"""Demo training scenario: an officer's first contact with a possible victim
of labour exploitation at a border crossing, in English and Polish.

Idempotent: the pages are updated in place, the illustrations are drawn once,
synthetic anonymous attempts are added only while the scenario has none, and
the demo member's completion only if they have none.
"""

import io
import random

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from portal.demo.helpers import add_to_navigation, ensure_child_page, ensure_translation
from portal.models import CustomImage
from resources.models import (
    MaterialPage,
    ScenarioAttempt,
    ScenarioChoiceEvent,
    ScenarioIndexPage,
    ScenarioPage,
    ScenarioStep,
)

BLUE = (11, 79, 138)
DARK = (28, 37, 48)
YELLOW = (255, 210, 77)
GREEN = (29, 107, 51)
RED = (163, 19, 27)
SKY = (226, 236, 246)
ROAD = (120, 128, 138)
SKIN = (214, 170, 130)
WHITE = (255, 255, 255)

SLUG = "first-contact-border"
EVENT_SLUG = "training-chelm"


# --- illustrations -------------------------------------------------------------


def _font(size):
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _person(draw, x, y, colour, scale=1.0, arms_up=False):
    head = 28 * scale
    draw.ellipse((x - head, y - 3 * head, x + head, y - head), fill=SKIN, outline=DARK, width=3)
    draw.rounded_rectangle(
        (x - 1.4 * head, y - head, x + 1.4 * head, y + 3 * head), radius=18, fill=colour
    )
    if arms_up:
        draw.line((x - 1.4 * head, y, x - 2.4 * head, y - 1.6 * head), fill=colour, width=14)


def _officer(draw, x, y, scale=1.0):
    _person(draw, x, y, BLUE, scale)
    cap = 30 * scale
    draw.rectangle((x - cap, y - 3.4 * 28 * scale, x + cap, y - 2.7 * 28 * scale), fill=DARK)


def _caption(draw, text, width, height):
    draw.rectangle((0, height - 90, width, height), fill=DARK)
    draw.text((40, height - 68), text, font=_font(40), fill=WHITE)


def draw_checkpoint(draw, w, h):
    draw.rectangle((0, 0, w, h * 0.55), fill=SKY)
    draw.rectangle((0, h * 0.55, w, h), fill=ROAD)
    for x in range(0, w, 160):
        draw.rectangle((x, h * 0.74, x + 90, h * 0.76), fill=WHITE)
    draw.rectangle((60, 120, 360, 440), fill=(200, 210, 220), outline=DARK, width=4)
    draw.rectangle((60, 90, 360, 130), fill=BLUE)
    draw.rectangle((380, 400, 1000, 410), fill=RED)
    draw.rounded_rectangle((520, 260, 1060, 520), radius=30, fill=WHITE, outline=DARK, width=5)
    for x in range(560, 1010, 110):
        draw.rounded_rectangle((x, 290, x + 80, 360), radius=8, fill=(170, 200, 230))
    for x in (620, 960):
        draw.ellipse((x - 45, 480, x + 45, 570), fill=DARK)
    _officer(draw, 440, 560)


def draw_interview(draw, w, h):
    draw.rectangle((0, 0, w, h), fill=(236, 232, 224))
    draw.rectangle((0, h * 0.62, w, h), fill=(200, 190, 175))
    draw.rounded_rectangle((380, 430, 820, 480), radius=10, fill=(150, 110, 70))
    draw.rectangle((420, 480, 440, 640), fill=(120, 85, 55))
    draw.rectangle((760, 480, 780, 640), fill=(120, 85, 55))
    _officer(draw, 300, 480)
    _person(draw, 900, 480, (200, 120, 40))
    draw.rectangle((560, 400, 640, 430), fill=WHITE, outline=DARK, width=2)
    draw.rectangle((950, 80, 1120, 250), fill=SKY, outline=DARK, width=6)


def draw_interpreter(draw, w, h):
    draw_interview(draw, w, h)
    draw.rounded_rectangle((520, 330, 680, 410), radius=12, fill=DARK)
    for i, radius in enumerate((40, 70, 100)):
        draw.arc(
            (600 - radius, 200 - radius, 600 + radius, 200 + radius),
            200,
            340,
            fill=BLUE,
            width=8 - i,
        )
    draw.ellipse((585, 185, 615, 215), fill=YELLOW)


def draw_referral(draw, w, h):
    draw.rectangle((0, 0, w, h), fill=SKY)
    draw.polygon([(760, 160), (960, 60), (1160, 160)], fill=RED)
    draw.rectangle((790, 160, 1130, 520), fill=WHITE, outline=DARK, width=5)
    draw.rectangle((920, 380, 1000, 520), fill=BLUE)
    draw.line((960, 200, 960, 330), fill=RED, width=24)
    draw.line((900, 265, 1020, 265), fill=RED, width=24)
    _officer(draw, 260, 500)
    _person(draw, 470, 500, (200, 120, 40))
    _person(draw, 660, 500, GREEN)
    draw.line((330, 500, 400, 500), fill=SKIN, width=16)


def draw_departure(draw, w, h):
    draw.rectangle((0, 0, w, h * 0.55), fill=(210, 214, 222))
    draw.rectangle((0, h * 0.55, w, h), fill=ROAD)
    draw.rounded_rectangle((700, 300, 1140, 520), radius=30, fill=WHITE, outline=DARK, width=5)
    for x in (780, 1060):
        draw.ellipse((x - 40, 480, x + 40, 560), fill=DARK)
    for y in (330, 400, 470):
        draw.line((560, y, 680, y), fill=DARK, width=6)
    _officer(draw, 260, 560)
    draw.rectangle((330, 470, 420, 540), fill=YELLOW, outline=DARK, width=3)


DRAWINGS = {
    "checkpoint": (
        draw_checkpoint,
        ("A minibus at the border checkpoint", "Bus na przejściu granicznym"),
        (
            "A Border Guard officer stands by a white minibus stopped at a checkpoint barrier.",
            "Funkcjonariusz Straży Granicznej stoi przy białym busie zatrzymanym przed szlabanem.",
        ),
    ),
    "interview": (
        draw_interview,
        ("A private conversation", "Rozmowa w cztery oczy"),
        (
            "An officer and a young worker sit at a table in a quiet room.",
            "Funkcjonariusz i młody pracownik siedzą przy stole w cichym pokoju.",
        ),
    ),
    "interpreter": (
        draw_interpreter,
        ("An interpreter joins by phone", "Tłumacz łączy się przez telefon"),
        (
            "A phone on the table between the officer and the worker: an interpreter is on the line.",
            "Telefon na stole między funkcjonariuszem a pracownikiem: tłumacz jest na linii.",
        ),
    ),
    "referral": (
        draw_referral,
        ("Referral to assistance", "Przekazanie pod opiekę specjalistów"),
        (
            "The officer introduces the worker to a support worker outside a shelter.",
            "Przed ośrodkiem wsparcia funkcjonariusz przedstawia pracownika opiekunce z organizacji pomocowej.",
        ),
    ),
    "departure": (
        draw_departure,
        ("The minibus drives on", "Bus odjeżdża"),
        (
            "The minibus drives away from the checkpoint while the officer holds a leaflet.",
            "Bus odjeżdża z przejścia, a funkcjonariusz stoi z ulotką w ręku.",
        ),
    ),
}


def illustration(name, language):
    drawing, captions, alts = DRAWINGS[name]
    index = 0 if language == "en" else 1
    title = f"Scenario {language}: {captions[0]}"
    existing = CustomImage.objects.filter(title=title).first()
    if existing is not None:
        return existing
    width, height = 1200, 760
    canvas = Image.new("RGB", (width, height), SKY)
    draw = ImageDraw.Draw(canvas)
    drawing(draw, width, height)
    _caption(draw, captions[index], width, height)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    image = CustomImage(title=title, alt_text=alts[index])
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"scenario-{name}-{language}.png")
    image.save()
    return image


# --- content ----------------------------------------------------------------------

# (key, image, title, situation, is ending, ending summary, choices)
# choice: (id, target, rating, score, label, feedback, guidance material slug)
STEPS = {
    "en": [
        (
            "arrival",
            "checkpoint",
            "A minibus at the checkpoint",
            "<p>Early morning at the road crossing. A minibus with seven passengers stops at your "
            "lane. The driver hands you all the passports in one bundle and says the group is going "
            "to pick strawberries on a farm near Grójec. One young man in the back row avoids eye "
            "contact and keeps looking at the driver.</p>",
            False,
            "",
            [
                (
                    "arrival-separate",
                    "private-talk",
                    "good",
                    2,
                    "Check the documents one by one and invite the young man to the office for a routine talk",
                    "Good. Speaking to each person separately, away from someone who may control them, is "
                    "the first condition for an honest answer. A routine reason keeps him safe from the "
                    "driver's suspicion.",
                    "identification-guidelines",
                ),
                (
                    "arrival-group",
                    "group-answer",
                    "poor",
                    -2,
                    "Ask the passengers, in front of the driver, whether everything is all right",
                    "Poor. In front of a person who may control them, passengers rarely say anything but "
                    "“everything is fine”. Asking in the group can also put them at risk later.",
                    "identification-guidelines",
                ),
                (
                    "arrival-wave",
                    "waved-through",
                    "poor",
                    -3,
                    "The documents are valid: stamp them and let the minibus go",
                    "Poor. Valid documents do not rule out exploitation. Passports held by the driver and "
                    "a passenger who avoids eye contact are indicators worth a closer look.",
                    "indicator-checklist",
                ),
            ],
        ),
        (
            "group-answer",
            "checkpoint",
            "The driver answers for everyone",
            "<p>Before anyone else can speak, the driver says: “They are all fine, they are tired "
            "after the journey.” The passengers nod. The young man looks at the floor.</p>",
            False,
            "",
            [
                (
                    "group-aside",
                    "private-talk",
                    "acceptable",
                    1,
                    "Call the young man to the office for a document check",
                    "Acceptable. You correct course: a routine document check gives you a reason to talk "
                    "to him alone. It would have been easier without the group question.",
                    "identification-guidelines",
                ),
                (
                    "group-accept",
                    "waved-through",
                    "poor",
                    -2,
                    "Accept the driver's answer and let the minibus go",
                    "Poor. When someone else answers for a person, that is itself an indicator of control.",
                    "indicator-checklist",
                ),
            ],
        ),
        (
            "private-talk",
            "interview",
            "A quiet room",
            "<p>In the office the young man introduces himself as Andrii, 22. He speaks a little "
            "Polish. When you ask about his passport he says that “the boss keeps it so it does not "
            "get lost”. He looks tired and asks how long this will take.</p>",
            False,
            "",
            [
                (
                    "talk-interpreter",
                    "interpreter",
                    "good",
                    2,
                    "Arrange an interpreter into Ukrainian before you go further",
                    "Good. A person has the right to understand and be understood. An interpreter who is "
                    "not linked to the employer is essential for a reliable and safe conversation.",
                    "identification-guidelines",
                ),
                (
                    "talk-broken",
                    "language-barrier",
                    "acceptable",
                    0,
                    "Carry on in simple Polish and a few words of English",
                    "Acceptable for small talk, but not for questions about work, debts and documents: "
                    "misunderstandings are likely and he may simply agree to end the conversation.",
                    "",
                ),
                (
                    "talk-pressure",
                    "pressure",
                    "poor",
                    -2,
                    "Tell him that keeping his passport is a crime and ask him to sign a statement against the employer",
                    "Poor. Pressure and legal threats frighten a possible victim. The first contact is "
                    "about safety and trust, not about collecting evidence.",
                    "identification-guidelines",
                ),
            ],
        ),
        (
            "language-barrier",
            "interview",
            "Lost in translation",
            "<p>Andrii understands only part of your questions. He repeats “all OK, all OK” and "
            "glances at the door. You are not sure whether he said he owes money or is owed "
            "money.</p>",
            False,
            "",
            [
                (
                    "barrier-interpreter",
                    "interpreter",
                    "good",
                    1,
                    "Stop and arrange an interpreter after all",
                    "Good. It is never too late to bring in an interpreter; say why you are doing it so "
                    "he does not feel suspected.",
                    "identification-guidelines",
                ),
                (
                    "barrier-close",
                    "waved-through",
                    "poor",
                    -2,
                    "Note “no irregularities” and end the interview",
                    "Poor. An unclear answer about debts is exactly what needs clarifying. Closing the "
                    "conversation leaves him with whoever controls him.",
                    "indicator-checklist",
                ),
            ],
        ),
        (
            "pressure",
            "interview",
            "He closes up",
            "<p>Andrii goes pale. “I do not want problems. I need this job. Please, I will lose "
            "everything.” He says he has nothing to add.</p>",
            False,
            "",
            [
                (
                    "pressure-repair",
                    "interpreter",
                    "acceptable",
                    0,
                    "Apologise, slow down, explain that he is not in trouble and offer an interpreter",
                    "Acceptable. Repairing trust is possible, but harder than building it. Make clear "
                    "that you are there to help, not to punish him.",
                    "identification-guidelines",
                ),
                (
                    "pressure-record",
                    "lost-contact",
                    "poor",
                    -2,
                    "Record that he refuses to cooperate and let him return to the minibus",
                    "Poor. A frightened person's silence is not a refusal of help. He leaves with the "
                    "impression that the authorities are a threat.",
                    "",
                ),
            ],
        ),
        (
            "interpreter",
            "interpreter",
            "An interpreter on the line",
            "<p>With the interpreter on the phone, Andrii explains: he found the job online, was "
            "promised 20 zł an hour and a room. On arrival he was told he owes 2,500 zł for "
            "transport and housing. He works twelve hours a day, sleeps in a container with five "
            "others, and has not been paid for six weeks.</p>",
            False,
            "",
            [
                (
                    "interp-rights",
                    "trust",
                    "good",
                    3,
                    "Explain calmly what help is available, that it is free and voluntary, and ask what he wants",
                    "Good. Information about rights and support, given without pressure, lets the person "
                    "make their own decision. These are strong indicators of forced labour.",
                    "labour-inspection-manual",
                ),
                (
                    "interp-details",
                    "overwhelmed",
                    "acceptable",
                    0,
                    "Go straight into detailed questions about the recruiter and the farm for the file",
                    "Acceptable, but too early. Details matter for the case, yet first the person needs "
                    "to feel safe and know what happens next.",
                    "",
                ),
            ],
        ),
        (
            "overwhelmed",
            "interpreter",
            "Too much at once",
            "<p>After twenty minutes of questions Andrii is exhausted. “Can I go back now? They are "
            "waiting.” He has answered only some of your questions.</p>",
            False,
            "",
            [
                (
                    "over-pause",
                    "trust",
                    "good",
                    1,
                    "Pause, offer water and a rest, and explain again what help is available",
                    "Good. A break and a clear explanation give him back some control over the "
                    "situation.",
                    "",
                ),
                (
                    "over-leaflet",
                    "leaflet-ending",
                    "acceptable",
                    0,
                    "Give him a leaflet with the helpline number and let him go",
                    "Acceptable, but he returns to the same conditions. A leaflet helps only if he can "
                    "safely use it later.",
                    "leaflet-workers-rights",
                ),
            ],
        ),
        (
            "trust",
            "interview",
            "He wants to leave",
            "<p>Andrii says he would like to leave the farm, but he is afraid of the debt and has "
            "nowhere to stay. He asks whether he will be deported.</p>",
            False,
            "",
            [
                (
                    "trust-refer",
                    "referred",
                    "good",
                    3,
                    "With his consent, call your unit's trafficking coordinator and the National "
                    "Intervention and Consultation Centre for a safe place to stay",
                    "Good. This is the referral the national mechanism foresees: specialised support, "
                    "a safe place and time to decide, with no obligation to testify. The coordinator "
                    "also informs the labour inspectorate about the farm.",
                    "labour-inspection-manual",
                ),
                (
                    "trust-later",
                    "leaflet-ending",
                    "acceptable",
                    0,
                    "Give him the helpline number and tell him to call when he is ready",
                    "Acceptable, but he asked for help now. Without a place to stay he is likely to "
                    "return to the farm.",
                    "leaflet-workers-rights",
                ),
            ],
        ),
        (
            "referred",
            "referral",
            "Referred to assistance",
            "",
            True,
            "<p>Andrii spends the night in a shelter run by a partner organisation. Over the next "
            "weeks he receives legal advice and decides to report the employer. The labour "
            "inspectorate's inspection finds fourteen more workers in the same situation.</p>"
            "<p>Your calm first contact, the interpreter and the referral made this possible.</p>",
            [],
        ),
        (
            "leaflet-ending",
            "departure",
            "A door left open",
            "",
            True,
            "<p>Andrii takes the leaflet and returns to the minibus. Three weeks later the helpline "
            "receives a call from a worker at a farm near Grójec who does not give his name. "
            "Nobody knows if it was him.</p>"
            "<p>You noticed the indicators and gave information, but did not offer safety when it "
            "was needed.</p>",
            [],
        ),
        (
            "waved-through",
            "departure",
            "The minibus drives on",
            "",
            True,
            "<p>The minibus leaves the checkpoint. The indicators – passports held by the driver, a "
            "passenger who avoided eye contact, answers given for others – were not followed up.</p>"
            "<p>Go through the indicator checklist and play again.</p>",
            [],
        ),
        (
            "lost-contact",
            "departure",
            "Trust lost",
            "",
            True,
            "<p>Andrii returns to the minibus convinced that telling the truth would only bring him "
            "trouble. Next time he will avoid any contact with officials.</p>"
            "<p>Pressure at the first contact closes doors that are hard to open again.</p>",
            [],
        ),
    ],
}

PL_TEXT = {
    "arrival": (
        "Bus na przejściu",
        "<p>Wczesny ranek na drogowym przejściu granicznym. Na pas odpraw, który obsługujesz, "
        "podjeżdża bus z siedmioma pasażerami. Kierowca podaje wszystkie paszporty naraz i mówi, "
        "że grupa jedzie na zbiór truskawek do gospodarstwa pod Grójcem. Młody mężczyzna "
        "z ostatniego rzędu unika kontaktu wzrokowego i co chwilę spogląda na kierowcę.</p>",
        "",
        {
            "arrival-separate": (
                "Sprawdź dokumenty każdej osoby osobno i zaproś młodego mężczyznę do pomieszczenia "
                "służbowego na rutynową rozmowę",
                "Dobrze. Rozmowa z każdą osobą z osobna, z dala od kogoś, kto może ją kontrolować, "
                "to pierwszy warunek szczerej odpowiedzi. Rutynowy pretekst sprawia, że kierowca "
                "nie nabierze wobec niego podejrzeń.",
            ),
            "arrival-group": (
                "Zapytaj pasażerów przy kierowcy, czy wszystko w porządku",
                "Źle. W obecności osoby, która może ich kontrolować, pasażerowie rzadko mówią coś "
                "innego niż „wszystko w porządku”. Pytanie zadane przy całej grupie może też później "
                "narazić ich na niebezpieczeństwo.",
            ),
            "arrival-wave": (
                "Dokumenty są ważne: ostempluj paszporty i przepuść bus",
                "Źle. Ważne dokumenty nie wykluczają wyzysku. Paszporty w rękach kierowcy i pasażer "
                "unikający kontaktu wzrokowego to wskaźniki, którym warto przyjrzeć się bliżej.",
            ),
        },
    ),
    "group-answer": (
        "Kierowca odpowiada za wszystkich",
        "<p>Zanim ktokolwiek zdąży się odezwać, kierowca mówi: „Wszyscy czują się dobrze, są "
        "tylko zmęczeni podróżą”. Pasażerowie kiwają głowami. Młody mężczyzna wbija wzrok "
        "w podłogę.</p>",
        "",
        {
            "group-aside": (
                "Poproś młodego mężczyznę do pomieszczenia służbowego na kontrolę dokumentów",
                "Do przyjęcia. Naprawiasz błąd: rutynowa kontrola dokumentów daje powód do rozmowy "
                "w cztery oczy. Bez pytania zadanego przy całej grupie byłoby jednak łatwiej.",
            ),
            "group-accept": (
                "Przyjmij odpowiedź kierowcy i przepuść bus",
                "Źle. Już samo to, że ktoś odpowiada za inną osobę, jest wskaźnikiem kontroli.",
            ),
        },
    ),
    "private-talk": (
        "Rozmowa na osobności",
        "<p>W pomieszczeniu służbowym młody mężczyzna przedstawia się: to Andrij, ma 22 lata. "
        "Mówi trochę po polsku. Zapytany o paszport odpowiada, że „szef go trzyma, żeby się nie "
        "zgubił”. Wygląda na zmęczonego i pyta, ile to jeszcze potrwa.</p>",
        "",
        {
            "talk-interpreter": (
                "Zanim przejdziesz dalej, zapewnij tłumacza języka ukraińskiego",
                "Dobrze. Każdy ma prawo rozumieć i być rozumianym. Tłumacz niezwiązany "
                "z pracodawcą jest niezbędny, aby rozmowa była rzetelna i bezpieczna.",
            ),
            "talk-broken": (
                "Rozmawiaj dalej prostą polszczyzną, wtrącając kilka słów po angielsku",
                "Do przyjęcia przy luźnej rozmowie, ale nie przy pytaniach o pracę, długi "
                "i dokumenty: łatwo o nieporozumienie, a on może po prostu przytakiwać, byle "
                "zakończyć rozmowę.",
            ),
            "talk-pressure": (
                "Powiedz mu, że przetrzymywanie jego paszportu to przestępstwo, i poproś "
                "o podpisanie oświadczenia obciążającego pracodawcę",
                "Źle. Presja i straszenie konsekwencjami prawnymi przerażają potencjalną ofiarę. "
                "Pierwszy kontakt ma dać poczucie bezpieczeństwa i zbudować zaufanie, a nie służyć "
                "zbieraniu dowodów.",
            ),
        },
    ),
    "language-barrier": (
        "Bariera językowa",
        "<p>Andrij rozumie tylko część pytań. Powtarza „wszystko OK, wszystko OK” i zerka na "
        "drzwi. Nie masz pewności, czy powiedział, że sam ma dług, czy że to jemu ktoś jest "
        "winien pieniądze.</p>",
        "",
        {
            "barrier-interpreter": (
                "Przerwij rozmowę i jednak zapewnij tłumacza",
                "Dobrze. Na tłumacza nigdy nie jest za późno; wyjaśnij, dlaczego to robisz, żeby "
                "Andrij nie poczuł się podejrzewany.",
            ),
            "barrier-close": (
                "Odnotuj „nie stwierdzono nieprawidłowości” i zakończ rozmowę",
                "Źle. Niejasna odpowiedź w sprawie długu to właśnie coś, co trzeba wyjaśnić. "
                "Zakończenie rozmowy zostawia go w rękach tych, którzy go kontrolują.",
            ),
        },
    ),
    "pressure": (
        "Zamyka się w sobie",
        "<p>Andrij blednie. „Nie chcę kłopotów. Potrzebuję tej pracy. Proszę, stracę "
        "wszystko”. Mówi, że nie ma nic więcej do powiedzenia.</p>",
        "",
        {
            "pressure-repair": (
                "Przeproś, zwolnij tempo, wyjaśnij, że nic mu nie grozi, i zaproponuj tłumacza",
                "Do przyjęcia. Odbudowanie zaufania jest możliwe, ale trudniejsze niż jego "
                "zbudowanie. Daj jasno do zrozumienia, że chcesz pomóc, a nie karać.",
            ),
            "pressure-record": (
                "Odnotuj odmowę współpracy i pozwól mu wrócić do busa",
                "Źle. Milczenie przestraszonej osoby nie jest odmową przyjęcia pomocy. Andrij "
                "odchodzi z przekonaniem, że służby państwowe są dla niego zagrożeniem.",
            ),
        },
    ),
    "interpreter": (
        "Tłumacz na linii",
        "<p>Z pomocą tłumacza, który łączy się przez telefon, Andrij opowiada: znalazł ofertę "
        "w internecie, obiecano mu 20 zł za godzinę i pokój. Na miejscu usłyszał, że jest winien "
        "2500 zł za transport i zakwaterowanie. Pracuje po dwanaście godzin dziennie, śpi "
        "w kontenerze z pięcioma innymi osobami i od sześciu tygodni nie dostaje "
        "wynagrodzenia.</p>",
        "",
        {
            "interp-rights": (
                "Spokojnie wyjaśnij, jaka pomoc jest dostępna, że jest bezpłatna i dobrowolna, "
                "i zapytaj, czego on sam chce",
                "Dobrze. Informacja o prawach i dostępnym wsparciu, przekazana bez presji, pozwala "
                "tej osobie samodzielnie podjąć decyzję. To, co opowiedział, to silne wskaźniki "
                "pracy przymusowej.",
            ),
            "interp-details": (
                "Od razu przejdź do szczegółowych pytań o werbownika i gospodarstwo, potrzebnych "
                "do akt sprawy",
                "Do przyjęcia, ale za wcześnie. Szczegóły są ważne dla sprawy, jednak najpierw ta "
                "osoba musi poczuć się bezpiecznie i wiedzieć, co będzie dalej.",
            ),
        },
    ),
    "overwhelmed": (
        "Za dużo naraz",
        "<p>Po dwudziestu minutach wypytywania Andrij jest wyczerpany. „Mogę już wrócić? Czekają "
        "na mnie”. Odpowiedział tylko na część pytań.</p>",
        "",
        {
            "over-pause": (
                "Zrób przerwę, zaproponuj wodę i chwilę odpoczynku, a potem jeszcze raz wyjaśnij, "
                "jaka pomoc jest dostępna",
                "Dobrze. Przerwa i jasne wyjaśnienie przywracają mu choć część kontroli nad "
                "sytuacją.",
            ),
            "over-leaflet": (
                "Daj mu ulotkę z numerem infolinii i pozwól odejść",
                "Do przyjęcia, ale Andrij wraca do tych samych warunków. Ulotka pomoże tylko wtedy, "
                "gdy będzie mógł później bezpiecznie z niej skorzystać.",
            ),
        },
    ),
    "trust": (
        "Chce odejść",
        "<p>Andrij mówi, że chciałby odejść z gospodarstwa, ale boi się długu i nie ma się gdzie "
        "podziać. Pyta, czy zostanie deportowany.</p>",
        "",
        {
            "trust-refer": (
                "Za jego zgodą powiadom koordynatora ds. zwalczania handlu ludźmi w swoim oddziale "
                "i zadzwoń do Krajowego Centrum Interwencyjno-Konsultacyjnego dla Ofiar Handlu "
                "Ludźmi, aby zapewnić mu bezpieczne schronienie",
                "Dobrze. Właśnie takie przekazanie przewiduje krajowy system pomocy ofiarom handlu "
                "ludźmi: specjalistyczne wsparcie, bezpieczne schronienie i czas do namysłu, bez "
                "obowiązku składania zeznań. Koordynator powiadamia też Państwową Inspekcję Pracy "
                "o sytuacji w gospodarstwie.",
            ),
            "trust-later": (
                "Daj mu numer infolinii i powiedz, żeby zadzwonił, kiedy będzie gotowy",
                "Do przyjęcia, ale on prosi o pomoc teraz. Nie mając gdzie się zatrzymać, "
                "najpewniej wróci do gospodarstwa.",
            ),
        },
    ),
    "referred": (
        "Pod opieką specjalistów",
        "",
        "<p>Andrij spędza noc w ośrodku prowadzonym przez organizację partnerską. W kolejnych "
        "tygodniach otrzymuje pomoc prawną i postanawia zawiadomić organy ścigania o działaniach "
        "pracodawcy. Podczas kontroli Państwowa Inspekcja Pracy ustala, że w takiej samej sytuacji "
        "jest jeszcze czternastu innych pracowników.</p>"
        "<p>Było to możliwe dzięki spokojnemu pierwszemu kontaktowi, udziałowi tłumacza "
        "i przekazaniu Andrija pod opiekę specjalistów.</p>",
        {},
    ),
    "leaflet-ending": (
        "Uchylone drzwi",
        "",
        "<p>Andrij bierze ulotkę i wraca do busa. Trzy tygodnie później na infolinię dzwoni "
        "pracownik gospodarstwa spod Grójca, który nie chce się przedstawić. Nikt nie wie, czy to "
        "był on.</p><p>Wskaźniki zostały dostrzeżone, a informacja przekazana, zabrakło jednak "
        "propozycji bezpiecznego schronienia wtedy, gdy było potrzebne.</p>",
        {},
    ),
    "waved-through": (
        "Bus odjeżdża",
        "",
        "<p>Bus opuszcza przejście. Wskaźniki – paszporty u kierowcy, pasażer unikający kontaktu "
        "wzrokowego, odpowiedzi udzielane za innych – pozostały bez reakcji.</p>"
        "<p>Przejrzyj listę wskaźników i spróbuj jeszcze raz.</p>",
        {},
    ),
    "lost-contact": (
        "Utracone zaufanie",
        "",
        "<p>Andrij wraca do busa przekonany, że mówienie prawdy przyniesie mu tylko kłopoty. "
        "Następnym razem będzie unikał wszelkiego kontaktu z funkcjonariuszami "
        "i urzędnikami.</p>"
        "<p>Presja przy pierwszym kontakcie zamyka drzwi, które trudno potem ponownie "
        "otworzyć.</p>",
        {},
    ),
}

INTRO = {
    "en": (
        "First contact at the border: labour exploitation",
        "You are a Border Guard officer at a road crossing. Decide how to talk to a young worker "
        "who may be a victim of labour exploitation.",
        "<p>About ten minutes. Eight situations and four possible endings, based on the "
        "interactive films used in the Border Guard trainings. There is no time limit; you can go "
        "back one step or start again.</p>",
    ),
    "pl": (
        "Pierwszy kontakt na granicy: wyzysk w pracy",
        "Pełnisz służbę w Straży Granicznej na drogowym przejściu granicznym. Zdecyduj, jak "
        "rozmawiać z młodym pracownikiem, który może być ofiarą wyzysku w pracy.",
        "<p>Około dziesięciu minut. Osiem sytuacji i cztery możliwe zakończenia; scenariusz "
        "powstał na podstawie filmów interaktywnych wykorzystywanych w szkoleniach Straży "
        "Granicznej. Nie ma limitu czasu; w każdej chwili można cofnąć się o krok lub zacząć "
        "od nowa.</p>",
    ),
}


def _materials():
    slugs = {
        "identification-guidelines",
        "indicator-checklist",
        "labour-inspection-manual",
        "leaflet-workers-rights",
    }
    return {
        page.slug: page
        for page in MaterialPage.objects.filter(slug__in=slugs, locale__language_code="en")
    }


def _steps(language, materials):
    steps = []
    for order, (key, image, title, situation, is_ending, summary, choices) in enumerate(
        STEPS["en"]
    ):
        if language == "pl":
            title, situation, summary, choice_text = PL_TEXT[key]
        else:
            choice_text = {}
        blocks = []
        for choice_id, target, rating, score, label, feedback, material in choices:
            if choice_id in choice_text:
                label, feedback = choice_text[choice_id]
            guidance = materials.get(material)
            blocks.append(
                {
                    "type": "choice",
                    "id": choice_id,
                    "value": {
                        "label": label,
                        "target": target,
                        "rating": rating,
                        "score": score,
                        "feedback": feedback,
                        "guidance_page": guidance.pk if guidance else None,
                        "guidance_url": "",
                    },
                }
            )
        steps.append(
            ScenarioStep(
                sort_order=order,
                key=key,
                title=title,
                situation=situation,
                image=illustration(image, language),
                choices=blocks,
                is_ending=is_ending,
                ending_summary=summary,
            )
        )
    return steps


def _related(materials):
    return [
        {"type": "material", "value": materials[slug].pk}
        for slug in ("identification-guidelines", "indicator-checklist", "leaflet-workers-rights")
        if slug in materials
    ]


# --- analytics and records ------------------------------------------------------


def _play(page, rng, weights):
    """A random way through the scenario, as choice ids and the ending."""
    steps = {step.key: step for step in page.ordered_steps()}
    key, path = page.graph().start, []
    while not steps[key].is_ending:
        choices = steps[key].choice_list()
        choice = rng.choices(choices, [weights[c["rating"]] for c in choices])[0]
        path.append((key, choice))
        key = choice["target"]
    return path, steps[key]


def seed_analytics(page, count=60):
    if ScenarioAttempt.objects.filter(scenario__translation_key=page.translation_key).exists():
        return 0
    rng = random.Random(8)  # noqa: S311 - repeatable demo data, not security
    now = timezone.now()
    weights = {"good": 5, "acceptable": 3, "poor": 2}
    for index in range(count):
        path, ending = _play(page, rng, weights)
        finished = index % 5 != 0
        if not finished:
            path = path[: rng.randint(1, len(path))]
        attempt = ScenarioAttempt.objects.create(
            scenario=page,
            path=[choice["id"] for _key, choice in path],
            finished_at=now - timezone.timedelta(days=rng.randint(0, 40)) if finished else None,
            ending=ending.key if finished else "",
            ending_title=ending.title if finished else "",
            score=sum(choice["score"] for _key, choice in path) if finished else None,
        )
        ScenarioChoiceEvent.objects.bulk_create(
            ScenarioChoiceEvent(attempt=attempt, step=key, choice=c["id"], rating=c["rating"])
            for key, c in path
        )
    return count


def seed_member_completion(page, user):
    if user is None or ScenarioAttempt.objects.filter(user=user, scenario=page).exists():
        return
    good = ["arrival-separate", "talk-interpreter", "interp-rights", "trust-refer"]
    steps = {step.key: step for step in page.ordered_steps()}
    ending = steps["referred"]
    score = 0
    key = page.graph().start
    for choice_id in good:
        choice = steps[key].choice(choice_id)
        score += choice["score"]
        key = choice["target"]
    attempt = ScenarioAttempt.objects.create(
        scenario=page,
        user=user,
        path=good,
        finished_at=timezone.now() - timezone.timedelta(days=3),
        ending=ending.key,
        ending_title=ending.title,
        score=score,
    )
    key = page.graph().start
    for choice_id in good:
        choice = steps[key].choice(choice_id)
        ScenarioChoiceEvent.objects.create(
            attempt=attempt, step=key, choice=choice_id, rating=choice["rating"]
        )
        key = choice["target"]


def require_for_training(page):
    from events.models import EventPage

    event = EventPage.objects.filter(slug=EVENT_SLUG, locale__language_code="en").first()
    if event is None or event.required_scenario_id == page.pk:
        return event
    event.required_scenario = page
    event.save_revision().publish()
    return event


# --- entry point ------------------------------------------------------------------


def seed(context):
    home = context["home"]
    index = ensure_child_page(
        home,
        ScenarioIndexPage,
        "scenarios",
        title="Training scenarios",
        show_in_menus=True,
        introduction=(
            "Interactive situations from the work of Border Guard officers and labour "
            "inspectors: choose what the officer does and see where it leads."
        ),
    )
    ensure_translation(
        index,
        "pl",
        slug="scenariusze",
        title="Scenariusze szkoleniowe",
        introduction=(
            "Interaktywne sytuacje z pracy funkcjonariuszy Straży Granicznej i inspektorów pracy: "
            "wybierz, co robi funkcjonariusz, i zobacz, dokąd to prowadzi."
        ),
    )
    add_to_navigation(index)
    materials = _materials()
    title, introduction, description = INTRO["en"]
    page = ensure_child_page(
        index,
        ScenarioPage,
        SLUG,
        title=title,
        introduction=introduction,
        description=description,
        start_step="arrival",
        steps=_steps("en", materials),
        related=_related(materials),
    )
    title, introduction, description = INTRO["pl"]
    ensure_translation(
        page,
        "pl",
        slug="pierwszy-kontakt-na-granicy",
        title=title,
        introduction=introduction,
        description=description,
        start_step="arrival",
        steps=_steps("pl", materials),
        related=_related(materials),
    )
    added = seed_analytics(page)
    member = context.get("users", {}).get("member@example.org")
    seed_member_completion(page, member)
    event = require_for_training(page)
    context.setdefault("pages", {})["scenarios"] = index
    context["stdout"].write(
        f"Training scenarios: 1 in English and Polish; {added} synthetic attempts; "
        f"required by {event.slug if event else 'no event'}."
    )
