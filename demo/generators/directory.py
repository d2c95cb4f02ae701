"""Synthetic institutions for benchmarks (`seed_demo --scale N`): about five
people each, bulk-inserted so that tens of thousands take seconds."""

import datetime
import random

from demo.generators.people import FIRST_NAMES, LAST_NAMES, POSITIONS, full_name
from directory import cache as directory_cache
from directory import search
from directory.choices import InstitutionKind as K
from directory.choices import Visibility
from directory.models import ContactPerson, Institution
from portal.models import Language, Topic

KINDS = [
    K.BORDER_GUARD,
    K.POLICE,
    K.LABOUR_INSPECTORATE,
    K.NGO,
    K.LOCAL_GOVERNMENT,
    K.VOIVODSHIP_OFFICE,
    K.PROSECUTOR,
]
CITIES = [
    ("Białystok", "podlaskie"), ("Bydgoszcz", "kujawsko-pomorskie"), ("Gdańsk", "pomorskie"),
    ("Katowice", "slaskie"), ("Kielce", "swietokrzyskie"), ("Kraków", "malopolskie"),
    ("Lublin", "lubelskie"), ("Łódź", "lodzkie"), ("Olsztyn", "warminsko-mazurskie"),
    ("Opole", "opolskie"), ("Poznań", "wielkopolskie"), ("Rzeszów", "podkarpackie"),
    ("Szczecin", "zachodniopomorskie"), ("Warszawa", "mazowieckie"), ("Wrocław", "dolnoslaskie"),
    ("Zielona Góra", "lubuskie"), ("Terespol", "lubelskie"), ("Chełm", "lubelskie"),
    ("Przemyśl", "podkarpackie"), ("Radom", "mazowieckie"), ("Płock", "mazowieckie"),
    ("Toruń", "kujawsko-pomorskie"), ("Gdynia", "pomorskie"), ("Tarnów", "malopolskie"),
    ("Legnica", "dolnoslaskie"), ("Kalisz", "wielkopolskie"), ("Elbląg", "warminsko-mazurskie"),
    ("Suwałki", "podlaskie"),
]  # fmt: skip
WORDS = ["Centre", "Team", "Office", "Unit", "Desk", "Department", "Branch", "Service"]
BATCH = 2000


def add_institutions(count, today, stdout=None):
    """Synthetic institutions up to `count` in all; returns how many were added."""
    existing = Institution.objects.filter(slug__startswith="synthetic-").count()
    if existing >= count:
        return 0
    rng = random.Random(count)  # noqa: S311 - repeatable demo data
    language_codes = list(Language.objects.values_list("code", flat=True))
    topic_ids = list(Topic.objects.filter(locale__language_code="en").values_list("pk", flat=True))
    created = 0
    for start in range(existing, count, BATCH):
        institutions = [
            _institution(number, today)
            for number in range(start + 1, min(count, start + BATCH) + 1)
        ]
        Institution.objects.bulk_create(institutions, batch_size=500)
        saved = list(
            Institution.objects.filter(slug__in=[i.slug for i in institutions]).values_list(
                "pk", "slug"
            )
        )
        language_links, topic_links, people = [], [], []
        for pk, slug in saved:
            number = int(slug.rsplit("-", 1)[1])
            for code in {"pl", rng.choice(language_codes)}:
                language_links.append(
                    Institution.languages.through(institution_id=pk, language_id=code)
                )
            for topic_id in rng.sample(topic_ids, min(2, len(topic_ids))):
                topic_links.append(
                    Institution.competences.through(institution_id=pk, topic_id=topic_id)
                )
            people += [_person(rng, pk, number, index, today) for index in range(5)]
        Institution.languages.through.objects.bulk_create(language_links, batch_size=1000)
        Institution.competences.through.objects.bulk_create(topic_links, batch_size=1000)
        ContactPerson.objects.bulk_create(people, batch_size=1000)
        search.refresh([pk for pk, _slug in saved])
        directory_cache.bump()
        created += len(institutions)
        if stdout is not None:
            stdout.write(f"  synthetic institutions: {start + len(institutions)}/{count}")
    return created


def _institution(number, today):
    city, region = CITIES[number % len(CITIES)]
    kind = KINDS[number % len(KINDS)]
    return Institution(
        slug=f"synthetic-{number:05d}",
        name=f"{K(kind).label} {WORDS[number % len(WORDS)]} {city} {number:05d}",
        name_pl="",
        short_name=f"S{number:05d}",
        kind=kind,
        country="PL",
        region=region,
        city=city,
        street=f"ul. Testowa {number}",
        postal_code=f"{10 + number % 89:02d}-{number % 1000:03d}",
        phone=f"+48 22 000 {number % 100:02d} {number // 100 % 100:02d}",
        phone_visibility=Visibility.PUBLIC if number % 3 else Visibility.MEMBERS,
        email=f"office{number}@synthetic.example.org",
        hotline=f"+48 800 000 {number % 1000:03d}" if number % 17 == 0 else "",
        last_verified_at=today - datetime.timedelta(days=number % 700),
    )


def _person(rng, institution_id, number, index, today):
    return ContactPerson(
        institution_id=institution_id,
        name=full_name(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)),
        position=POSITIONS[index % len(POSITIONS)],
        email=f"person{number}.{index}@synthetic.example.org",
        phone=f"+48 22 000 {index:02d} {number % 100:02d}",
        is_focal_point=index == 0,
        visibility=Visibility.PUBLIC if index == 4 else Visibility.MEMBERS,
        is_active=not (index == 3 and number % 10 == 0),
        last_verified_at=today - datetime.timedelta(days=(number + index) % 600),
    )
