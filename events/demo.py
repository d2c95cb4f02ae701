"""Demo events: a past closing conference, upcoming trainings at Border Guard
locations, a full workshop with a waiting list, an invitation-only meeting,
an online webinar and a study visit to Sofia. Idempotent: pages are found by
slug, registrations are only added to events that have none."""

import datetime
import random
import zoneinfo

from anyascii import anyascii
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import GroupPagePermission, Page

from directory.choices import InstitutionKind
from directory.models import Institution
from events import services
from events.choices import Audience, EventKind, EventStatus, QuestionType, RegistrationStatus
from events.models import (
    EventIndexPage,
    EventPage,
    EventQuestion,
    EventSession,
    InvitationCode,
    Registration,
)
from portal import roles
from portal.demo.helpers import (
    add_to_navigation,
    ensure_child_page,
    ensure_translation,
    full_name,
)
from portal.models import Language, Topic

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")

INSTITUTIONS = [
    (
        "ministry-interior",
        "Ministry of the Interior and Administration",
        "Ministerstwo Spraw Wewnętrznych i Administracji",
        InstitutionKind.MINISTRY,
        "mazowieckie",
        "Warszawa",
        None,
    ),
    (
        "ministry-family-labour",
        "Ministry of Family, Labour and Social Policy",
        "Ministerstwo Rodziny, Pracy i Polityki Społecznej",
        InstitutionKind.MINISTRY,
        "mazowieckie",
        "Warszawa",
        None,
    ),
    (
        "ministry-justice",
        "Ministry of Justice",
        "Ministerstwo Sprawiedliwości",
        InstitutionKind.MINISTRY,
        "mazowieckie",
        "Warszawa",
        None,
    ),
    (
        "border-guard-hq",
        "Border Guard Headquarters",
        "Komenda Główna Straży Granicznej",
        InstitutionKind.BORDER_GUARD,
        "mazowieckie",
        "Warszawa",
        None,
    ),
    (
        "border-guard-nadwislanski",
        "Nadwiślański Border Guard Regional Unit",
        "Nadwiślański Oddział Straży Granicznej",
        InstitutionKind.BORDER_GUARD,
        "mazowieckie",
        "Warszawa",
        "border-guard-hq",
    ),
    (
        "border-guard-nadbuzanski",
        "Nadbużański Border Guard Regional Unit",
        "Nadbużański Oddział Straży Granicznej",
        InstitutionKind.BORDER_GUARD,
        "lubelskie",
        "Chełm",
        "border-guard-hq",
    ),
    (
        "border-guard-podlaski",
        "Podlaski Border Guard Regional Unit",
        "Podlaski Oddział Straży Granicznej",
        InstitutionKind.BORDER_GUARD,
        "podlaskie",
        "Białystok",
        "border-guard-hq",
    ),
    (
        "border-guard-bieszczadzki",
        "Bieszczadzki Border Guard Regional Unit",
        "Bieszczadzki Oddział Straży Granicznej",
        InstitutionKind.BORDER_GUARD,
        "podkarpackie",
        "Przemyśl",
        "border-guard-hq",
    ),
    (
        "border-guard-morski",
        "Morski Border Guard Regional Unit",
        "Morski Oddział Straży Granicznej",
        InstitutionKind.BORDER_GUARD,
        "pomorskie",
        "Gdańsk",
        "border-guard-hq",
    ),
    (
        "chief-labour-inspectorate",
        "Chief Labour Inspectorate",
        "Główny Inspektorat Pracy",
        InstitutionKind.LABOUR_INSPECTORATE,
        "mazowieckie",
        "Warszawa",
        None,
    ),
    (
        "office-for-foreigners",
        "Office for Foreigners",
        "Urząd do Spraw Cudzoziemców",
        InstitutionKind.OFFICE_FOR_FOREIGNERS,
        "mazowieckie",
        "Warszawa",
        None,
    ),
    (
        "mazowiecki-voivodship-office",
        "Mazowiecki Voivodship Office",
        "Mazowiecki Urząd Wojewódzki",
        InstitutionKind.VOIVODSHIP_OFFICE,
        "mazowieckie",
        "Warszawa",
        None,
    ),
    (
        "lubelski-voivodship-office",
        "Lubelski Voivodship Office",
        "Lubelski Urząd Wojewódzki",
        InstitutionKind.VOIVODSHIP_OFFICE,
        "lubelskie",
        "Lublin",
        None,
    ),
    (
        "police-hq",
        "National Police Headquarters",
        "Komenda Główna Policji",
        InstitutionKind.POLICE,
        "mazowieckie",
        "Warszawa",
        None,
    ),
    (
        "national-prosecutors-office",
        "National Prosecutor's Office",
        "Prokuratura Krajowa",
        InstitutionKind.PROSECUTOR,
        "mazowieckie",
        "Warszawa",
        None,
    ),
    (
        "kcik",
        "National Intervention and Consultation Centre for Victims of Trafficking",
        "Krajowe Centrum Interwencyjno-Konsultacyjne dla Ofiar Handlu Ludźmi",
        InstitutionKind.NGO,
        "mazowieckie",
        "Warszawa",
        None,
    ),
    (
        "la-strada",
        "La Strada Foundation against Trafficking",
        "Fundacja przeciwko Handlowi Ludźmi i Niewolnictwu La Strada",
        InstitutionKind.NGO,
        "mazowieckie",
        "Warszawa",
        None,
    ),
    (
        "iom-poland",
        "IOM Poland",
        "IOM Polska",
        InstitutionKind.INTERNATIONAL,
        "mazowieckie",
        "Warszawa",
        None,
    ),
    (
        "bulgaria-national-commission",
        "National Commission for Combating Trafficking in Human Beings",
        "Krajowa Komisja ds. Zwalczania Handlu Ludźmi (Bułgaria)",
        InstitutionKind.FOREIGN_COUNTERPART,
        "Sofia",
        "Sofia",
        None,
    ),
]

# Border Guard posts (field offices) under the regional units.
FIELD_OFFICES = [
    ("Terespol", "border-guard-nadbuzanski", "lubelskie"),
    ("Dorohusk", "border-guard-nadbuzanski", "lubelskie"),
    ("Hrubieszów", "border-guard-nadbuzanski", "lubelskie"),
    ("Kuźnica", "border-guard-podlaski", "podlaskie"),
    ("Białowieża", "border-guard-podlaski", "podlaskie"),
    ("Medyka", "border-guard-bieszczadzki", "podkarpackie"),
    ("Korczowa", "border-guard-bieszczadzki", "podkarpackie"),
    ("Gdynia", "border-guard-morski", "pomorskie"),
    ("Świnoujście", "border-guard-morski", "zachodniopomorskie"),
    ("Warszawa-Okęcie", "border-guard-nadwislanski", "mazowieckie"),
]

FIRST_NAMES = [
    "Anna",
    "Piotr",
    "Katarzyna",
    "Tomasz",
    "Magdalena",
    "Paweł",
    "Agnieszka",
    "Marcin",
    "Joanna",
    "Michał",
    "Ewa",
    "Krzysztof",
    "Monika",
    "Łukasz",
    "Barbara",
    "Jakub",
    "Natalia",
    "Adam",
    "Olena",
    "Iryna",
]
LAST_NAMES = [
    "Nowak",
    "Kowalczyk",
    "Wiśniewska",
    "Wójcik",
    "Kamińska",
    "Lewandowski",
    "Zielińska",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowska",
    "Jankowski",
    "Mazur",
    "Kwiatkowska",
    "Krawczyk",
    "Piotrowski",
    "Grabowska",
    "Pawlak",
    "Michalska",
    "Zając",
]
POSITIONS = [
    "Inspector",
    "Senior specialist",
    "Officer",
    "Head of unit",
    "Coordinator",
    "Lawyer",
    "Case worker",
]


def _institutions():
    by_slug = {}
    for slug, name, name_pl, kind, region, city, parent in INSTITUTIONS:
        defaults = {
            "name": name,
            "name_pl": name_pl,
            "kind": kind,
            "region": region,
            "city": city,
            "country": "BG" if slug.startswith("bulgaria") else "PL",
            "parent": by_slug.get(parent),
        }
        by_slug[slug], _ = Institution.objects.get_or_create(slug=slug, defaults=defaults)
    for city, parent, region in FIELD_OFFICES:
        # The directory's demo names Border Guard posts "bg-<town>"; use the same
        # records so that attendees and the directory agree.
        slug = "bg-" + slugify(anyascii(city))
        by_slug[slug], _ = Institution.objects.get_or_create(
            slug=slug,
            defaults={
                "name": f"Border Guard Post in {city}",
                "name_pl": f"Placówka Straży Granicznej w {city}",
                "kind": InstitutionKind.BORDER_GUARD,
                "region": region,
                "city": city,
                "parent": by_slug[parent],
            },
        )
    return by_slug


def _at(day_offset, hour, minute=0, zone=WARSAW):
    day = timezone.localdate() + datetime.timedelta(days=day_offset)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


def _body(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


INTRODUCTIONS_PL = {
    "closing-conference": "Wyniki projektu i dalsze działania ministerstw, inspekcji, Straży Granicznej i organizacji pozarządowych.",
    "workshop-labour-exploitation": "Studia przypadków z kontroli inspekcji pracy – dla inspektorów pracy i funkcjonariuszy Straży Granicznej.",
    "interinstitutional-meeting": "Spotkanie na zaproszenie dla koordynatorów wyznaczonych przez instytucje członkowskie.",
    "webinar-online-recruitment": "Jak werbownicy wykorzystują media społecznościowe i jak w porę ostrzec migrantów.",
    "study-visit-sofia": "Jak w praktyce działa bułgarski krajowy mechanizm identyfikacji i wsparcia ofiar.",
    "training-terespol": "Szkolenie odwołane z powodu remontu sali; grupa weźmie udział w szkoleniu w Chełmie.",
}
TRAINING_INTRODUCTION_PL = (
    "Dwa dni dla funkcjonariuszy Straży Granicznej: wskaźniki handlu ludźmi, pierwszy kontakt "
    "z domniemaną ofiarą, kierowanie do pomocy."
)

# What an editor translates on the Polish page besides the title and the
# introduction: the body (per kind), the venue, the status note, and the
# programme and questions copied from the English page (same order).
BODY_PL = {
    EventKind.CONFERENCE: "Konferencja podsumowująca zgromadziła przedstawicieli ministerstw, inspekcji, Straży Granicznej i organizacji pozarządowych. Przedstawiono na niej wyniki szkoleń, warsztatów i wizyty studyjnej oraz uzgodniono, jak instytucje będą dalej współpracować.",
    EventKind.TRAINING: "Szkolenie opiera się na krajowych wytycznych dotyczących identyfikacji ofiar handlu ludźmi. Uczestnicy analizują studia przypadków i filmy interaktywne, ćwiczą pierwszą rozmowę z domniemaną ofiarą i dowiadują się, kiedy i jak skierować osobę do Krajowego Centrum Interwencyjno-Konsultacyjnego dla Ofiar Handlu Ludźmi. Prosimy zabrać legitymację służbową.",
    EventKind.WORKSHOP: "Uczestnicy pracują w małych grupach: analizują zanonimizowane przypadki z kontroli inspekcji pracy i uzgadniają wskaźniki, z których mogą wspólnie korzystać inspektorzy pracy i funkcjonariusze Straży Granicznej. Liczba miejsc jest ograniczona, aby każdy mógł aktywnie uczestniczyć.",
    EventKind.WEBINAR: "Półtoragodzinne spotkanie online z czasem na pytania. Link do spotkania potwierdzeni uczestnicy otrzymają dzień wcześniej.",
    EventKind.STUDY_VISIT: "Trzy dni w bułgarskiej Krajowej Komisji ds. Zwalczania Handlu Ludźmi: spotkania z sekretariatem Komisji, wizyta w ośrodku wsparcia dla ofiar i u bułgarskiej policji granicznej. Koszty podróży i zakwaterowania wybranych uczestników są pokrywane.",
    EventKind.MEETING: "Porządek obrad: projekt Krajowego Planu Działań, krajowy mechanizm identyfikacji i wsparcia ofiar oraz plan szkoleń na przyszły rok. Materiały prześlemy uczestnikom z wyprzedzeniem.",
}
VENUES_PL = {
    "Conference centre of the Ministry of the Interior": "Centrum konferencyjne Ministerstwa Spraw Wewnętrznych i Administracji",
    "Chief Labour Inspectorate": "Główny Inspektorat Pracy",
    "Ministry of the Interior and Administration": "Ministerstwo Spraw Wewnętrznych i Administracji",
    "National Commission for Combating Trafficking in Human Beings": "Krajowa Komisja ds. Zwalczania Handlu Ludźmi",
    "Border Guard training centre": "Ośrodek szkoleniowy Straży Granicznej",
    "Border Guard Post in Terespol": "Placówka Straży Granicznej w Terespolu",
}
SESSIONS_PL = {
    "closing-conference": [
        ("Otwarcie konferencji", "Sala plenarna", "Zastępca Komendanta Głównego Straży Granicznej"),
        ("Wyniki szkoleń dla 495 funkcjonariuszy", "Sala plenarna", "Zespół projektu"),
        (
            "Panel: identyfikacja ofiar pracy przymusowej",
            "Sala plenarna",
            "Państwowa Inspekcja Pracy, La Strada, IOM",
        ),
        (
            "Co dalej: współpraca między instytucjami",
            "Sala plenarna",
            "Ministerstwo Spraw Wewnętrznych i Administracji",
        ),
    ],
    "study-visit-sofia": [
        ("Powitanie w Krajowej Komisji", "", "Sekretarz Komisji"),
        ("Wizyta w ośrodku wsparcia dla ofiar", "", ""),
        ("Przejście graniczne Kałotina", "", "Bułgarska Policja Graniczna"),
    ],
}
QUESTIONS_PL = {
    "workshop-labour-exploitation": [
        (
            "Którą sesję popołudniową wybierasz?",
            "Rolnictwo\nBudownictwo\nPraca w gospodarstwach domowych",
        ),
        ("Czy potrzebujesz zaświadczenia o udziale?", ""),
    ],
}
STATUS_NOTES_PL = {
    "training-terespol": "Grupa weźmie udział w szkoleniu w Chełmie.",
}


def _event_specs(inst):
    bg = [
        ("training-chelm", "Chełm", "lubelskie", "border-guard-nadbuzanski", 14),
        ("training-bialystok", "Białystok", "podlaskie", "border-guard-podlaski", 21),
        ("training-przemysl", "Przemyśl", "podkarpackie", "border-guard-bieszczadzki", 35),
        ("training-gdansk", "Gdańsk", "pomorskie", "border-guard-morski", 49),
    ]
    specs = [
        {
            "slug": "closing-conference",
            "title": "Closing conference: cooperation against trafficking in human beings",
            "title_pl": "Konferencja podsumowująca: współpraca w zwalczaniu handlu ludźmi",
            "kind": EventKind.CONFERENCE,
            "introduction": "The project's results, and what ministries, inspectorates, the Border Guard and NGOs do next.",
            "start": _at(-90, 9, 30),
            "end": _at(-90, 16, 30),
            "venue_name": "Conference centre of the Ministry of the Interior",
            "venue_address": "ul. Stefana Batorego 5",
            "venue_city": "Warszawa",
            "venue_region": "mazowieckie",
            "latitude": "52.214900",
            "longitude": "21.012700",
            "capacity": 150,
            "organisers": ["border-guard-hq", "ministry-interior"],
            "topics": ["identification-of-victims", "international-cooperation"],
            "attendees": 132,
            "attended": True,
            "sessions": [
                (
                    "Opening",
                    0,
                    (9, 30),
                    (10, 0),
                    "Plenary hall",
                    "Deputy Commander-in-Chief of the Border Guard",
                ),
                (
                    "Results of the trainings for 495 officers",
                    0,
                    (10, 0),
                    (11, 0),
                    "Plenary hall",
                    "Project team",
                ),
                (
                    "Panel: identifying victims of forced labour",
                    0,
                    (11, 30),
                    (13, 0),
                    "Plenary hall",
                    "Labour inspectorate, La Strada, IOM",
                ),
                (
                    "What next: cooperation between institutions",
                    0,
                    (14, 0),
                    (16, 0),
                    "Plenary hall",
                    "Ministry of the Interior",
                ),
            ],
        },
        {
            "slug": "workshop-labour-exploitation",
            "title": "Workshop: recognising labour exploitation",
            "title_pl": "Warsztaty: rozpoznawanie wyzysku w pracy",
            "kind": EventKind.WORKSHOP,
            "introduction": "Case studies from labour inspections, for inspectors and Border Guard officers.",
            "start": _at(10, 10),
            "end": _at(10, 15),
            "venue_name": "Chief Labour Inspectorate",
            "venue_address": "ul. Barska 28/30",
            "venue_city": "Warszawa",
            "venue_region": "mazowieckie",
            "capacity": 12,
            "organisers": ["chief-labour-inspectorate"],
            "topics": ["labour-exploitation"],
            "attendees": 16,
            "questions": [
                (
                    QuestionType.SINGLE,
                    "Which session do you prefer in the afternoon?",
                    "Agriculture\nConstruction\nDomestic work",
                    True,
                ),
                (QuestionType.YES_NO, "Do you need a certificate of attendance?", "", False),
            ],
        },
        {
            "slug": "interinstitutional-meeting",
            "title": "Meeting of the interinstitutional team",
            "title_pl": "Posiedzenie zespołu międzyinstytucjonalnego",
            "kind": EventKind.MEETING,
            "introduction": "For the designated focal points of the member institutions, by invitation.",
            "start": _at(20, 11),
            "end": _at(20, 14),
            "venue_name": "Ministry of the Interior and Administration",
            "venue_address": "ul. Stefana Batorego 5",
            "venue_city": "Warszawa",
            "venue_region": "mazowieckie",
            "capacity": 40,
            "audience": Audience.INVITATION,
            "organisers": ["ministry-interior"],
            "topics": ["legislation"],
            "attendees": 6,
        },
        {
            "slug": "webinar-online-recruitment",
            "title": "Webinar: trafficking through online job offers",
            "title_pl": "Webinarium: handel ludźmi przez internetowe oferty pracy",
            "kind": EventKind.WEBINAR,
            "introduction": "How recruiters use social media, and how to warn migrants in time.",
            "start": _at(7, 13),
            "end": _at(7, 14, 30),
            "is_online": True,
            "online_url": "https://meet.example.org/webinar-online-recruitment",
            "capacity": None,
            "organisers": ["la-strada", "iom-poland"],
            "topics": ["labour-exploitation", "sexual-exploitation"],
            "attendees": 25,
        },
        {
            "slug": "study-visit-sofia",
            "title": "Study visit to the National Commission in Sofia",
            "title_pl": "Wizyta studyjna w Krajowej Komisji w Sofii",
            "kind": EventKind.STUDY_VISIT,
            "introduction": "How Bulgaria's national referral mechanism works, seen from the inside.",
            "timezone": "Europe/Sofia",
            "start": _at(60, 9, 0, SOFIA),
            "end": _at(62, 17, 0, SOFIA),
            "venue_name": "National Commission for Combating Trafficking in Human Beings",
            "venue_address": "bul. Dondukov 52",
            "venue_city": "Sofia",
            "venue_region": "Sofia",
            "venue_country": "BG",
            "capacity": 15,
            "audience": Audience.MEMBERS,
            "organisers": ["border-guard-hq", "bulgaria-national-commission"],
            "topics": ["international-cooperation", "voluntary-return"],
            "attendees": 9,
            "sessions": [
                (
                    "Welcome at the National Commission",
                    0,
                    (9, 0),
                    (12, 0),
                    "",
                    "Secretary of the Commission",
                ),
                ("Visit to a shelter", 1, (10, 0), (15, 0), "", ""),
                (
                    "Border crossing point Kalotina",
                    2,
                    (9, 0),
                    (14, 0),
                    "",
                    "Bulgarian Border Police",
                ),
            ],
        },
    ]
    for slug, city, region, organiser, offset in bg:
        specs.append(
            {
                "slug": slug,
                "title": f"Training on identifying victims – {city}",
                "title_pl": f"Szkolenie z identyfikacji ofiar – {city}",
                "kind": EventKind.TRAINING,
                "introduction": "Two days for Border Guard officers: indicators, first contact, referral to assistance.",
                "start": _at(offset, 9),
                "end": _at(offset + 1, 15),
                "venue_name": "Border Guard training centre",
                "venue_city": city,
                "venue_region": region,
                "capacity": 25,
                "audience": Audience.MEMBERS,
                "organisers": ["border-guard-hq", organiser],
                "topics": ["identification-of-victims"],
                "attendees": 8,
                "registration_opens_at": _at(-30, 8),
                "registration_closes_at": _at(offset - 3, 23, 59),
            }
        )
    specs.append(
        {
            "slug": "training-terespol",
            "title": "Training on identifying victims – Terespol",
            "title_pl": "Szkolenie z identyfikacji ofiar – Terespol",
            "kind": EventKind.TRAINING,
            "introduction": "Cancelled: the training room is being renovated; the group joins the Chełm training.",
            "start": _at(28, 9),
            "end": _at(29, 15),
            "venue_name": "Border Guard Post in Terespol",
            "venue_city": "Terespol",
            "venue_region": "lubelskie",
            "capacity": 25,
            "audience": Audience.MEMBERS,
            "status": EventStatus.CANCELLED,
            "status_note": "The group joins the training in Chełm.",
            "organisers": ["border-guard-nadbuzanski"],
            "topics": ["identification-of-victims"],
            "attendees": 0,
        }
    )
    return specs


DEFAULT_BODY = {
    EventKind.CONFERENCE: "The closing conference brought together ministries, inspectorates, the Border Guard and NGOs to present the results of the trainings, workshops and the study visit, and to agree how the institutions keep working together.",
    EventKind.TRAINING: "The training follows the national guidelines on identifying victims of trafficking. Participants work through case studies and interactive films, practise the first conversation with a presumed victim and learn when and how to refer a person to the National Intervention and Consultation Centre. Bring your service ID.",
    EventKind.WORKSHOP: "In small groups, participants analyse anonymised cases from labour inspections and agree on indicators that inspectors and Border Guard officers can use together. Places are limited so that everyone can take part.",
    EventKind.WEBINAR: "A 90-minute online session with time for questions. The join link is sent to confirmed attendees the day before.",
    EventKind.STUDY_VISIT: "Three days with the Bulgarian National Commission: meetings with the secretariat, a shelter and the border police. Travel and accommodation are covered for the selected participants.",
    EventKind.MEETING: "Agenda: the draft national action plan, the referral mechanism and next year's trainings. Materials are sent to participants in advance.",
}

FIELDS = (
    "kind",
    "introduction",
    "start",
    "end",
    "venue_name",
    "venue_address",
    "venue_city",
    "venue_region",
    "venue_country",
    "latitude",
    "longitude",
    "is_online",
    "online_url",
    "capacity",
    "audience",
    "status",
    "status_note",
    "timezone",
    "registration_opens_at",
    "registration_closes_at",
)


def _ensure_event(index, spec, inst, topics, languages):
    fields = {name: spec[name] for name in FIELDS if name in spec}
    fields.setdefault("venue_country", "PL")
    fields.setdefault("audience", Audience.PUBLIC)
    fields.setdefault("status", EventStatus.SCHEDULED)
    fields.setdefault("timezone", "Europe/Warsaw")
    fields["title"] = spec["title"]
    fields["body"] = _body(spec.get("body", DEFAULT_BODY[spec["kind"]]))
    event = index.get_children().filter(slug=spec["slug"]).specific().first()
    if event is None:
        event = EventPage(slug=spec["slug"], **fields)
        index.add_child(instance=event)
    else:
        for name, value in fields.items():
            setattr(event, name, value)
    event.organisers.set([inst[s] for s in spec["organisers"]])
    event.topics.set([topics[s] for s in spec["topics"] if s in topics])
    event.languages.set(languages)
    if not event.sessions.exists():
        for title, day, start, end, room, speakers in spec.get("sessions", []):
            event.sessions.add(
                EventSession(
                    title=title,
                    day=timezone.localtime(event.start, event.zone).date()
                    + datetime.timedelta(days=day),
                    start_time=datetime.time(*start),
                    end_time=datetime.time(*end),
                    room=room,
                    speakers=speakers,
                )
            )
    if not event.questions.exists():
        for qtype, label, choices, required in spec.get("questions", []):
            event.questions.add(
                EventQuestion(question_type=qtype, label=label, choices=choices, required=required)
            )
    event.save_revision().publish()
    event = EventPage.objects.get(pk=event.pk)
    return event


def _ensure_polish(event, spec):
    """The event's Polish page, with everything a reader sees in Polish."""
    slug = spec["slug"]
    translation = ensure_translation(
        event,
        "pl",
        title=spec["title_pl"],
        slug=slug,
        introduction=INTRODUCTIONS_PL.get(slug, TRAINING_INTRODUCTION_PL),
        body=_body(BODY_PL[spec["kind"]]),
        venue_name=VENUES_PL.get(spec.get("venue_name", ""), spec.get("venue_name", "")),
        status_note=STATUS_NOTES_PL.get(slug, ""),
        topics=list(Topic.objects.filter(locale__language_code="pl", slug__in=spec["topics"])),
    )
    # The programme and the questions were copied from the English page with
    # the translation; they keep their order (and the questions their keys).
    changed = False
    for session, (title, room, speakers) in zip(
        translation.sessions.all(), SESSIONS_PL.get(slug, []), strict=False
    ):
        session.title, session.room, session.speakers = title, room, speakers
        session.save()
        changed = True
    for question, (label, choices) in zip(
        translation.questions.all(), QUESTIONS_PL.get(slug, []), strict=False
    ):
        question.label, question.choices = label, choices
        question.save()
        changed = True
    if changed:
        EventPage.objects.get(pk=translation.pk).save_revision().publish()
    return translation


def _person(rng, n, domain="example.org"):
    name = full_name(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
    email = f"{name.replace(' ', '.')}.{n}@{domain}".lower()
    for a, b in (
        ("ł", "l"),
        ("ś", "s"),
        ("ą", "a"),
        ("ę", "e"),
        ("ó", "o"),
        ("ż", "z"),
        ("ź", "z"),
        ("ć", "c"),
        ("ń", "n"),
    ):
        email = email.replace(a, b)
    return name, email


def _add_registrations(event, count, institutions, rng, attended=False):
    """Registrations straight into the table (bulk), in arrival order: the
    first `capacity` confirmed, the rest on the waiting list."""
    if count == 0 or Registration.objects.filter(event=event).exists():
        return 0
    now = timezone.now()
    rows = []
    for n in range(1, count + 1):
        name, email = _person(rng, f"{event.pk}-{n}")
        confirmed = event.capacity is None or n <= event.capacity
        institution = rng.choice(institutions)
        rows.append(
            Registration(
                event=event,
                status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITING,
                queue_number=n,
                confirmed_at=now if confirmed else None,
                attended_at=(event.start + datetime.timedelta(minutes=rng.randint(-30, 20)))
                if attended and confirmed and rng.random() < 0.92
                else None,
                name=name,
                email=email,
                institution=institution,
                position=rng.choice(POSITIONS),
                language=rng.choice(["pl", "pl", "en"]),
                consent_at=now,
                added_by_organiser=event.audience == Audience.INVITATION,
            )
        )
    Registration.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _grant_organisers(index):
    group = Group.objects.filter(name=roles.ORGANISERS).first()
    if group is None:
        return
    for action in ("add", "change", "publish"):
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=f"{action}_page"
        )
        GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)


def seed(context):
    home = context["home"]
    stdout = context["stdout"]
    services.NOTIFICATIONS.suppressed = True
    try:
        _seed(home, context, stdout)
    finally:
        services.NOTIFICATIONS.suppressed = False


def _seed(home, context, stdout):
    index = ensure_child_page(
        home,
        EventIndexPage,
        "events",
        title="Events",
        introduction="Conferences, trainings, workshops and study visits of the institutions that fight human trafficking.",
    )
    ensure_translation(
        index,
        "pl",
        title="Wydarzenia",
        slug="wydarzenia",
        introduction="Konferencje, szkolenia, warsztaty i wizyty studyjne instytucji przeciwdziałających handlowi ludźmi.",
    )
    add_to_navigation(index)
    _grant_organisers(index)

    inst = _institutions()
    topics = {t.slug: t for t in Topic.objects.filter(locale__language_code="en")}
    languages = list(Language.objects.filter(code__in=["pl", "en"]))
    rng = random.Random(2026)  # deterministic demo people
    attendee_pool = list(inst.values())
    created = 0
    for spec in _event_specs(inst):
        event = _ensure_event(index, spec, inst, topics, languages)
        _ensure_polish(event, spec)
        created += _add_registrations(
            event, spec.get("attendees", 0), attendee_pool, rng, spec.get("attended", False)
        )
        if event.audience == Audience.INVITATION and not event.invitation_codes.exists():
            InvitationCode.objects.create(
                event=event, code="FOCALPOINT26", max_uses=30, note="Focal points"
            )
            for _ in range(5):
                InvitationCode.objects.create(event=event, note="Single-use")

    member = context.get("users", {}).get("member@example.org")
    training = EventPage.objects.filter(slug="training-chelm", locale__language_code="en").first()
    if (
        member is not None
        and training is not None
        and not training.registrations.filter(email=member.email).exists()
    ):
        Registration.objects.create(
            event=training,
            status=RegistrationStatus.CONFIRMED,
            queue_number=(training.registrations.count() + 1),
            name=member.get_full_name() or member.email,
            email=member.email,
            user=member,
            institution=inst["border-guard-nadbuzanski"],
            position="Officer",
            language="pl",
            consent_at=timezone.now(),
            confirmed_at=timezone.now(),
        )

    scale = context.get("scale") or 0
    if scale:
        created += _seed_scale(index, scale, attendee_pool, rng)
    stdout.write(f"Events: {EventPage.objects.count()} event pages, {created} registrations added.")


def _seed_scale(index, scale, institutions, rng):
    """N/10 synthetic events with about 20 registrations each, for benchmarks."""
    count = max(scale // 10, 1)
    existing = set(
        index.get_children()
        .filter(slug__startswith="benchmark-event-")
        .values_list("slug", flat=True)
    )
    cities = [(c, r) for c, _, r in FIELD_OFFICES]
    kinds = [EventKind.TRAINING, EventKind.WORKSHOP, EventKind.WEBINAR, EventKind.MEETING]
    index = Page.objects.get(pk=index.pk)
    for i in range(1, count + 1):
        slug = f"benchmark-event-{i}"
        if slug in existing:
            continue
        city, region = cities[i % len(cities)]
        start = _at((i % 400) - 100, 9)
        index.add_child(
            instance=EventPage(
                slug=slug,
                title=f"Benchmark training {i} – {city}",
                kind=kinds[i % len(kinds)],
                start=start,
                end=start + datetime.timedelta(hours=6),
                venue_name=f"Training room {i}",
                venue_city=city,
                venue_region=region,
                capacity=30,
                live=True,
            )
        )
    added = 0
    rows = []
    events = EventPage.objects.filter(slug__startswith="benchmark-event-").exclude(
        pk__in=Registration.objects.values("event_id")
    )
    now = timezone.now()
    for event in events:
        for n in range(1, 21):
            rows.append(
                Registration(
                    event=event,
                    status=RegistrationStatus.CONFIRMED,
                    queue_number=n,
                    confirmed_at=now,
                    name=f"Benchmark Person {n}",
                    email=f"bench-{event.pk}-{n}@example.org",
                    institution=rng.choice(institutions),
                    consent_at=now,
                )
            )
        if len(rows) >= 5000:
            Registration.objects.bulk_create(rows)
            added += len(rows)
            rows = []
    Registration.objects.bulk_create(rows)
    return added + len(rows)
