"""Synthetic answers to the demo survey, so that its results look like a real
survey's: a seeded random generator gives the same answers each run. The
generator knows the survey's questions in order and answers with their
English option keys."""

import datetime
import random

from django.utils import timezone

from resources.models import SurveyResponse

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


def add_answers(survey, count):
    """`count` answers, added only to a survey that has none."""
    if survey.responses.exists():
        return 0
    names = [question.clean_name for question in survey.form_fields.all()]
    country, stay, sector, age, kcik, pip, where, trust, language_pref, exploited, text = names
    rng = random.Random(2017)  # noqa: S311 - synthetic demo data, repeatable on purpose
    today = timezone.localdate()
    answers = []
    for _i in range(count):
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
        knows_pip = rng.random() < 0.25 + 0.1 * months
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
        # Asked only of people who work (the survey's logic); nobody else has an answer.
        if row[sector] != "I am not working at the moment":
            row[pip] = "yes" if knows_pip else "no"
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
    return len(answers)
