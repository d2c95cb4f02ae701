"""Demo survey (seed_demo hook): what migrants in Poland know about help for
victims of trafficking and forced labour, in English, Polish and Ukrainian,
with a few hundred synthetic answers so that the results look like a real
survey's. The answers are made by a seeded random generator: the same each
run, and added only once (a second run leaves the answers as they are)."""

import datetime
import random

from django.utils import timezone

from portal.demo.helpers import add_to_navigation, ensure_child_page, ensure_translation
from resources.models import SurveyIndexPage, SurveyPage, SurveyQuestion, SurveyResponse

SYNTHETIC_ANSWERS = 320

TITLE = (
    "What do you know about help for victims of trafficking and forced labour in Poland?",
    "Co wiesz o pomocy dla ofiar handlu ludźmi i pracy przymusowej w Polsce?",
    "Що ви знаєте про допомогу жертвам торгівлі людьми та примусової праці в Польщі?",
)
INTRODUCTION = (
    "This anonymous survey asks migrants living in Poland what they know about help for people "
    "who are exploited at work or trafficked. It takes about five minutes. We do not ask for "
    "your name, and we do not record who answered.",
    "Ta anonimowa ankieta jest skierowana do cudzoziemek i cudzoziemców mieszkających w Polsce. "
    "Pytamy w niej, co wiesz o pomocy dla osób wykorzystywanych w pracy i ofiar handlu ludźmi. "
    "Jej wypełnienie zajmie około pięciu minut. Nie pytamy o imię i nazwisko i nie zapisujemy, "
    "kto udzielił odpowiedzi.",
    "Це анонімне опитування для мігрантів, які живуть у Польщі. Ми хочемо дізнатися, що ви "
    "знаєте про допомогу людям, яких експлуатують на роботі або які стали жертвами торгівлі "
    "людьми. Заповнення анкети займе близько п’яти хвилин. Ми не питаємо вашого імені й не "
    "записуємо, хто відповідав.",
)
CONSENT = (
    "The survey is run by the portal's partner institutions. Answers are anonymous: we store no "
    "name, e-mail or IP address, only the answers, the language and the day. Results are "
    "published only as totals and help us improve information for migrants. Taking part is "
    "voluntary, and you may skip any question that is not marked as required.",
    "Ankietę prowadzą instytucje partnerskie portalu. Odpowiedzi są anonimowe: nie zapisujemy "
    "imienia, adresu e-mail ani adresu IP – tylko odpowiedzi, język i datę wypełnienia. Wyniki "
    "publikujemy wyłącznie w formie zbiorczej; pomogą nam lepiej informować cudzoziemców "
    "o przysługującej im pomocy. Udział jest dobrowolny, a pytania, które nie są oznaczone jako "
    "obowiązkowe, możesz pominąć.",
    "Опитування проводять партнерські установи порталу. Відповіді анонімні: ми не зберігаємо "
    "ні імені, ні електронної адреси, ні IP-адреси – лише відповіді, мову та дату заповнення. "
    "Результати публікуються тільки в узагальненому вигляді й допоможуть нам краще "
    "інформувати мігрантів. Участь добровільна; питання, не позначені як обов’язкові, можна "
    "пропустити.",
)
THANK_YOU = (
    "Thank you for your answers. If you or someone you know needs help, contact the KCIK hotline "
    "or call the emergency number 112.",
    "Dziękujemy za odpowiedzi. Jeśli Ty lub ktoś z Twoich znajomych potrzebuje pomocy, zadzwoń "
    "na infolinię Krajowego Centrum Interwencyjno-Konsultacyjnego dla Ofiar Handlu Ludźmi "
    "(KCIK) lub pod numer alarmowy 112.",
    "Дякуємо за ваші відповіді. Якщо вам або комусь із ваших знайомих потрібна допомога, "
    "зателефонуйте на гарячу лінію KCIK або за номером екстреної допомоги 112.",
)

# (type, required, (en, pl, uk) question, (en, pl, uk) help text or None,
#  [(en, pl, uk) option, ...])
QUESTIONS = [
    (
        "radio",
        True,
        ("Which country are you from?", "Z jakiego kraju pochodzisz?", "З якої ви країни?"),
        None,
        [
            ("Ukraine", "Ukraina", "Україна"),
            ("Belarus", "Białoruś", "Білорусь"),
            ("Georgia", "Gruzja", "Грузія"),
            ("Moldova", "Mołdawia", "Молдова"),
            ("Another country", "Inny kraj", "Інша країна"),
        ],
    ),
    (
        "radio",
        True,
        (
            "How long have you been living in Poland?",
            "Od jak dawna mieszkasz w Polsce?",
            "Як довго ви живете в Польщі?",
        ),
        None,
        [
            ("Less than 6 months", "Krócej niż 6 miesięcy", "Менше 6 місяців"),
            ("6 to 12 months", "Od 6 do 12 miesięcy", "Від 6 до 12 місяців"),
            ("1 to 3 years", "Od roku do 3 lat", "Від 1 до 3 років"),
            ("More than 3 years", "Dłużej niż 3 lata", "Понад 3 роки"),
        ],
    ),
    (
        "dropdown",
        True,
        (
            "In which sector do you work?",
            "W jakiej branży pracujesz?",
            "У якій галузі ви працюєте?",
        ),
        None,
        [
            (
                "Agriculture and food processing",
                "Rolnictwo i przetwórstwo spożywcze",
                "Сільське господарство та харчова промисловість",
            ),
            ("Construction", "Budownictwo", "Будівництво"),
            ("Manufacturing", "Produkcja przemysłowa", "Виробництво"),
            ("Transport and logistics", "Transport i logistyka", "Транспорт і логістика"),
            (
                "Hotels, restaurants and catering",
                "Hotele, restauracje i catering",
                "Готелі, ресторани та громадське харчування",
            ),
            (
                "Care and domestic work",
                "Opieka i praca domowa",
                "Догляд і хатня робота",
            ),
            ("Cleaning services", "Usługi sprzątające", "Послуги з прибирання"),
            ("Another sector", "Inna branża", "Інша галузь"),
            ("I am not working at the moment", "Obecnie nie pracuję", "Зараз не працюю"),
        ],
    ),
    (
        "number",
        False,
        ("How old are you?", "Ile masz lat?", "Скільки вам років?"),
        None,
        [],
    ),
    (
        "radio",
        True,
        (
            "Do you know the hotline of the National Consulting and Intervention Centre for "
            "Victims of Trafficking (KCIK)?",
            "Czy znasz infolinię Krajowego Centrum Interwencyjno-Konsultacyjnego dla Ofiar Handlu "
            "Ludźmi (KCIK)?",
            "Чи знаєте ви гарячу лінію Національного консультаційно-інтервенційного центру для "
            "жертв торгівлі людьми (KCIK)?",
        ),
        None,
        [
            ("Yes, I know the number", "Tak, znam numer", "Так, я знаю номер"),
            (
                "I know it exists, but not the number",
                "Wiem, że istnieje, ale nie znam numeru",
                "Знаю, що вона існує, але номера не знаю",
            ),
            (
                "No, I have never heard of it",
                "Nie, słyszę o niej po raz pierwszy",
                "Ні, чую про неї вперше",
            ),
        ],
    ),
    (
        "yesno",
        True,
        (
            "Did you know that the National Labour Inspectorate (PIP) also helps foreign workers, "
            "free of charge?",
            "Czy wiesz, że Państwowa Inspekcja Pracy (PIP) bezpłatnie pomaga także pracownikom "
            "z zagranicy?",
            "Чи знаєте ви, що Державна інспекція праці Польщі (PIP) безкоштовно допомагає й "
            "іноземним працівникам?",
        ),
        None,
        [],
    ),
    (
        "checkboxes",
        True,
        (
            "Where would you turn for help if your employer took your passport or did not pay "
            "your wages?",
            "Do kogo zwrócisz się o pomoc, jeśli pracodawca zabierze Ci paszport albo nie wypłaci "
            "wynagrodzenia?",
            "Куди ви звернетеся по допомогу, якщо роботодавець забере ваш паспорт або не виплатить "
            "зарплату?",
        ),
        (
            "Tick all that apply.",
            "Zaznacz wszystkie pasujące odpowiedzi.",
            "Позначте всі відповідні варіанти.",
        ),
        [
            ("Police", "Policja", "Поліція"),
            ("Border Guard", "Straż Graniczna", "Прикордонна служба (Straż Graniczna)"),
            ("KCIK hotline", "Infolinia KCIK", "Гаряча лінія KCIK"),
            (
                "Labour inspectorate (PIP)",
                "Państwowa Inspekcja Pracy (PIP)",
                "Державна інспекція праці (PIP)",
            ),
            (
                "Consulate or embassy of my country",
                "Konsulat lub ambasada mojego kraju",
                "Консульство або посольство моєї країни",
            ),
            (
                "A non-governmental organisation",
                "Organizacja pozarządowa",
                "Громадська організація",
            ),
            ("Family or friends", "Rodzina lub znajomi", "Родина або знайомі"),
            (
                "I would not know where to turn",
                "Nie wiem, gdzie szukać pomocy",
                "Не знаю, куди звернутися",
            ),
        ],
    ),
    (
        "radio",
        True,
        (
            "How much do you trust Polish institutions to help a foreigner who has been exploited?",
            "Na ile ufasz, że polskie instytucje pomogą cudzoziemcowi, który padł ofiarą wyzysku?",
            "Наскільки ви довіряєте польським установам, коли йдеться про допомогу іноземцю, "
            "який став жертвою експлуатації?",
        ),
        None,
        [
            ("Fully", "W pełni ufam", "Повністю довіряю"),
            ("Rather yes", "Raczej ufam", "Радше довіряю"),
            ("Rather not", "Raczej nie ufam", "Радше не довіряю"),
            ("Not at all", "Zupełnie nie ufam", "Зовсім не довіряю"),
            ("Hard to say", "Trudno powiedzieć", "Важко сказати"),
        ],
    ),
    (
        "radio",
        True,
        (
            "In which language would you prefer to get information about your rights?",
            "W jakim języku wolisz otrzymywać informacje o swoich prawach?",
            "Якою мовою вам зручніше отримувати інформацію про свої права?",
        ),
        None,
        [
            ("Ukrainian", "Ukraiński", "Українською"),
            ("Russian", "Rosyjski", "Російською"),
            ("Polish", "Polski", "Польською"),
            ("English", "Angielski", "Англійською"),
            ("Another language", "Inny język", "Іншою мовою"),
        ],
    ),
    (
        "yesno",
        False,
        (
            "Has anyone in Poland ever kept your identity documents or made you work without the "
            "pay you were promised?",
            "Czy w Polsce ktoś kiedykolwiek przetrzymywał Twoje dokumenty tożsamości albo zmuszał "
            "Cię do pracy bez obiecanego wynagrodzenia?",
            "Чи траплялося, що в Польщі хтось забирав ваші документи або змушував вас працювати "
            "без обіцяної оплати?",
        ),
        (
            "You may skip this question.",
            "Możesz pominąć to pytanie.",
            "Ви можете пропустити це питання.",
        ),
        [],
    ),
    (
        "multiline",
        False,
        (
            "What information or help would have been most useful when you arrived in Poland?",
            "Jakie informacje lub jaka pomoc przydałyby Ci się najbardziej zaraz po przyjeździe "
            "do Polski?",
            "Яка інформація чи допомога була б для вас найкориснішою після приїзду до Польщі?",
        ),
        None,
        [],
    ),
]

FREE_TEXT = {
    "en": [
        "A leaflet at the border with phone numbers in my language.",
        "Someone to explain my work contract before I signed it.",
        "Where to complain when the agency does not pay.",
        "A website listing free legal advice for foreigners.",
        "To know that reporting my employer to the police would not get me deported.",
        "Clear information about how to get a residence card.",
    ],
    "pl": [
        "Ulotka na granicy z numerami telefonów w moim języku.",
        "Ktoś, kto wyjaśniłby mi umowę przed jej podpisaniem.",
        "Informacja, gdzie złożyć skargę, gdy agencja nie płaci.",
        "Strona internetowa z listą miejsc, w których cudzoziemcy mogą uzyskać bezpłatną pomoc prawną.",
        "Pewność, że zgłoszenie pracodawcy na policję nie skończy się deportacją.",
        "Jasne informacje o tym, jak uzyskać kartę pobytu.",
    ],
    "uk": [
        "Листівка на кордоні з номерами телефонів моєю мовою.",
        "Хтось, хто пояснив би мені трудовий договір до підписання.",
        "Інформація, куди скаржитися, коли агентство не платить.",
        "Сайт зі списком місць, де іноземці можуть отримати безкоштовну юридичну допомогу.",
        "Впевненість, що мене не депортують, якщо я поскаржуся на роботодавця в поліцію.",
        "Зрозуміла інформація про те, як отримати карту побиту.",
        "Вечірні курси польської мови після роботи.",
    ],
}


def seed(context):
    home = context["home"]
    index = ensure_child_page(
        home,
        SurveyIndexPage,
        "surveys",
        title="Surveys",
        show_in_menus=True,
        introduction="Surveys run by the partner institutions. Answers are anonymous.",
    )
    ensure_translation(
        index,
        "pl",
        slug="ankiety",
        title="Ankiety",
        introduction="Ankiety prowadzone przez instytucje partnerskie. Odpowiedzi są anonimowe.",
    )
    add_to_navigation(index)
    survey = seed_survey(index)
    ensure_translation(
        survey,
        "pl",
        slug="co-wiesz-o-pomocy-dla-ofiar",
        title=TITLE[1],
        introduction=INTRODUCTION[1],
    )
    seed_answers(survey)


def seed_survey(index):
    today = timezone.localdate()
    opens = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    fields = {
        "title": TITLE[0],
        "title_pl": TITLE[1],
        "title_uk": TITLE[2],
        "introduction": INTRODUCTION[0],
        "introduction_pl": INTRODUCTION[1],
        "introduction_uk": INTRODUCTION[2],
        "consent_text": CONSENT[0],
        "consent_text_pl": CONSENT[1],
        "consent_text_uk": CONSENT[2],
        "thank_you_text": THANK_YOU[0],
        "thank_you_text_pl": THANK_YOU[1],
        "thank_you_text_uk": THANK_YOU[2],
        "offer_polish": True,
        "offer_ukrainian": True,
        "opens_at": opens - datetime.timedelta(days=45),
        "closes_at": opens + datetime.timedelta(days=60),
    }
    page = ensure_child_page(index, SurveyPage, "migrants-knowledge-of-support", **fields)
    if not page.responses.exists():
        # Questions are (re)written only before answers exist: their English
        # wording is what the answers are stored under.
        page.form_fields = [_question(row) for row in QUESTIONS]
        page.save_revision().publish()
    return SurveyPage.objects.get(pk=page.pk)


def _question(row):
    field_type, required, label, help_text, options = row
    help_text = help_text or ("", "", "")
    return SurveyQuestion(
        field_type=field_type,
        required=required,
        label=label[0],
        label_pl=label[1],
        label_uk=label[2],
        help_text=help_text[0],
        help_text_pl=help_text[1],
        help_text_uk=help_text[2],
        choices="\n".join(option[0] for option in options),
        choices_pl="\n".join(option[1] for option in options),
        choices_uk="\n".join(option[2] for option in options),
    )


def seed_answers(survey):
    if survey.responses.exists():
        return
    names = [question.clean_name for question in survey.form_fields.all()]
    country, stay, sector, age, kcik, pip, where, trust, language_pref, exploited, text = names
    rng = random.Random(2017)  # noqa: S311 - synthetic demo data, repeatable on purpose
    today = timezone.localdate()
    answers = []
    for _i in range(SYNTHETIC_ANSWERS):
        language = rng.choices(["uk", "pl", "en"], weights=[62, 26, 12])[0]
        origin = (
            rng.choices(
                ["Ukraine", "Belarus", "Moldova", "Another country"], weights=[90, 4, 3, 3]
            )[0]
            if language == "uk"
            else rng.choices(
                ["Ukraine", "Belarus", "Georgia", "Moldova", "Another country"],
                weights=[45, 20, 15, 10, 10],
            )[0]
        )
        months = rng.choices([0, 1, 2, 3], weights=[15, 20, 40, 25])[0]
        knows = rng.random() < 0.15 + 0.12 * months
        heard = not knows and rng.random() < 0.35
        kcik_answer = (
            "Yes, I know the number"
            if knows
            else "I know it exists, but not the number"
            if heard
            else "No, I have never heard of it"
        )
        places = [
            place
            for place, chance in [
                ("Police", 0.55),
                ("Border Guard", 0.12),
                ("KCIK hotline", 0.6 if knows else 0.08),
                ("Labour inspectorate (PIP)", 0.25 + 0.05 * months),
                ("Consulate or embassy of my country", 0.35),
                ("A non-governmental organisation", 0.2),
                ("Family or friends", 0.45),
            ]
            if rng.random() < chance
        ] or ["I would not know where to turn"]
        row = {
            country: origin,
            stay: [
                "Less than 6 months",
                "6 to 12 months",
                "1 to 3 years",
                "More than 3 years",
            ][months],
            sector: rng.choices(
                [
                    "Agriculture and food processing",
                    "Construction",
                    "Manufacturing",
                    "Transport and logistics",
                    "Hotels, restaurants and catering",
                    "Care and domestic work",
                    "Cleaning services",
                    "Another sector",
                    "I am not working at the moment",
                ],
                weights=[18, 17, 20, 10, 9, 8, 7, 6, 5],
            )[0],
            kcik: kcik_answer,
            pip: "yes" if rng.random() < 0.25 + 0.1 * months else "no",
            where: places,
            trust: rng.choices(
                ["Fully", "Rather yes", "Rather not", "Not at all", "Hard to say"],
                weights=[10, 34, 24, 9, 23] if knows else [6, 26, 28, 14, 26],
            )[0],
            language_pref: (
                rng.choices(["Ukrainian", "Russian", "Polish", "English"], weights=[70, 15, 12, 3])[
                    0
                ]
                if origin == "Ukraine"
                else rng.choices(
                    ["Russian", "Polish", "English", "Another language"], weights=[45, 25, 15, 15]
                )[0]
            ),
        }
        if rng.random() < 0.8:
            row[age] = rng.randint(19, 62)
        if rng.random() < 0.85:
            row[exploited] = "yes" if rng.random() < 0.17 else "no"
        if rng.random() < 0.35:
            row[text] = rng.choice(FREE_TEXT[language])
        submitted_on = max(
            today - datetime.timedelta(days=rng.randint(0, 42)),
            timezone.localdate(survey.opens_at),
        )
        answers.append(
            SurveyResponse(survey=survey, language=language, submitted_on=submitted_on, answers=row)
        )
    SurveyResponse.objects.bulk_create(answers)
