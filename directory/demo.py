"""Demo directory: real institutions and structure, fictional people.

People, email addresses (example.org) and phone numbers (+48 22 000 …) are
invented. Idempotent: institutions are keyed by slug, people by email."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from directory import cache as directory_cache
from directory import search
from directory.choices import InstitutionKind as K
from directory.choices import MembershipStatus, Visibility
from directory.models import (
    ContactPerson,
    DirectoryIndexPage,
    Institution,
    InstitutionEmailDomain,
    Membership,
)
from portal.demo.helpers import add_to_navigation, ensure_child_page, ensure_translation, full_name
from portal.models import Language, Topic

CITY_COORDINATES = {
    "Warszawa": (52.2297, 21.0122),
    "Lublin": (51.2465, 22.5684),
    "Chełm": (51.1431, 23.4716),
    "Białystok": (53.1325, 23.1688),
    "Przemyśl": (49.7838, 22.7678),
    "Gdańsk": (54.3520, 18.6466),
    "Kętrzyn": (54.0764, 21.3753),
    "Krosno Odrzańskie": (52.0553, 15.1006),
    "Racibórz": (50.0919, 18.2193),
    "Nowy Sącz": (49.6249, 20.6914),
    "Kraków": (50.0647, 19.9450),
    "Katowice": (50.2649, 19.0238),
    "Wrocław": (51.1079, 17.0385),
    "Poznań": (52.4064, 16.9252),
    "Łódź": (51.7592, 19.4560),
    "Rzeszów": (50.0412, 21.9991),
    "Szczecin": (53.4285, 14.5528),
    "Olsztyn": (53.7784, 20.4801),
    "Opole": (50.6751, 17.9213),
    "Kielce": (50.8661, 20.6286),
    "Bydgoszcz": (53.1235, 18.0084),
    "Zielona Góra": (51.9356, 15.5062),
    "Gorzów Wielkopolski": (52.7368, 15.2288),
    "Terespol": (52.0753, 23.6157),
    "Sofia": (42.6977, 23.3219),
    "Kyiv": (50.4501, 30.5234),
}

T_ID, T_LABOUR, T_SEX, T_BEG, T_CHILD, T_SHELTER, T_LEGAL, T_RETURN, T_LAW, T_INTL = (
    "identification-of-victims",
    "labour-exploitation",
    "sexual-exploitation",
    "forced-begging",
    "child-victims",
    "assistance-and-shelter",
    "legal-aid",
    "voluntary-return",
    "legislation",
    "international-cooperation",
)

# slug, name, name_pl, short name, kind, parent slug, country, region, city, address,
# languages, competences, extra fields
CENTRAL = [
    (
        "ministry-interior",
        "Ministry of the Interior and Administration",
        "Ministerstwo Spraw Wewnętrznych i Administracji",
        "MSWiA",
        K.MINISTRY,
        "",
        "PL",
        "mazowieckie",
        "Warszawa",
        "ul. Stefana Batorego 5\n02-591 Warszawa",
        "pl en",
        [T_LAW, T_INTL, T_ID],
        {
            "description": "Coordinates national action against trafficking in human beings and runs the secretariat of the Interministerial Team.",
            "description_pl": "Koordynuje krajowe działania na rzecz przeciwdziałania handlowi ludźmi i zapewnia obsługę Zespołu do Spraw Przeciwdziałania Handlowi Ludźmi.",
        },
    ),
    (
        "ministry-family-labour",
        "Ministry of Family, Labour and Social Policy",
        "Ministerstwo Rodziny, Pracy i Polityki Społecznej",
        "MRPiPS",
        K.MINISTRY,
        "",
        "PL",
        "mazowieckie",
        "Warszawa",
        "ul. Nowogrodzka 1/3/5\n00-513 Warszawa",
        "pl en",
        [T_LABOUR, T_SHELTER, T_LAW],
        {},
    ),
    (
        "ministry-justice",
        "Ministry of Justice",
        "Ministerstwo Sprawiedliwości",
        "MS",
        K.MINISTRY,
        "",
        "PL",
        "mazowieckie",
        "Warszawa",
        "Al. Ujazdowskie 11\n00-950 Warszawa",
        "pl en",
        [T_LAW, T_LEGAL],
        {},
    ),
    (
        "ministry-education",
        "Ministry of National Education",
        "Ministerstwo Edukacji Narodowej",
        "MEN",
        K.MINISTRY,
        "",
        "PL",
        "mazowieckie",
        "Warszawa",
        "al. J. Ch. Szucha 25\n00-918 Warszawa",
        "pl en",
        [T_CHILD],
        {},
    ),
    (
        "ministry-foreign-affairs",
        "Ministry of Foreign Affairs",
        "Ministerstwo Spraw Zagranicznych",
        "MSZ",
        K.MINISTRY,
        "",
        "PL",
        "mazowieckie",
        "Warszawa",
        "al. J. Ch. Szucha 23\n00-580 Warszawa",
        "pl en fr de",
        [T_INTL, T_RETURN],
        {},
    ),
    (
        "office-for-foreigners",
        "Office for Foreigners",
        "Urząd do Spraw Cudzoziemców",
        "UdSC",
        K.OFFICE_FOR_FOREIGNERS,
        "ministry-interior",
        "PL",
        "mazowieckie",
        "Warszawa",
        "ul. Koszykowa 16\n00-564 Warszawa",
        "pl en uk ru",
        [T_ID, T_RETURN],
        {},
    ),
    (
        "border-guard-hq",
        "Border Guard Headquarters",
        "Komenda Główna Straży Granicznej",
        "KGSG",
        K.BORDER_GUARD,
        "ministry-interior",
        "PL",
        "mazowieckie",
        "Warszawa",
        "al. Niepodległości 100\n02-514 Warszawa",
        "pl en uk ru",
        [T_ID, T_LABOUR, T_INTL],
        {
            "description": "Its anti-trafficking team coordinates the work of regional units and field offices.",
            "description_pl": "Zespół ds. przeciwdziałania handlowi ludźmi koordynuje pracę oddziałów i placówek Straży Granicznej.",
        },
    ),
    (
        "chief-labour-inspectorate",
        "Chief Labour Inspectorate",
        "Główny Inspektorat Pracy",
        "GIP",
        K.LABOUR_INSPECTORATE,
        "",
        "PL",
        "mazowieckie",
        "Warszawa",
        "ul. Barska 28/30\n02-315 Warszawa",
        "pl en uk",
        [T_LABOUR, T_ID],
        {},
    ),
    (
        "police-hq",
        "National Police Headquarters",
        "Komenda Główna Policji",
        "KGP",
        K.POLICE,
        "ministry-interior",
        "PL",
        "mazowieckie",
        "Warszawa",
        "ul. Puławska 148/150\n02-624 Warszawa",
        "pl en",
        [T_ID, T_SEX, T_BEG],
        {
            "description": "The Criminal Bureau's anti-trafficking unit supports voivodship police teams.",
            "description_pl": "Wydział do walki z handlem ludźmi Biura Kryminalnego Komendy Głównej Policji wspiera zespoły w komendach wojewódzkich.",
        },
    ),
    (
        "national-prosecutors-office",
        "National Prosecutor's Office",
        "Prokuratura Krajowa",
        "PK",
        K.PROSECUTOR,
        "",
        "PL",
        "mazowieckie",
        "Warszawa",
        "ul. Rakowiecka 26/30\n02-528 Warszawa",
        "pl en",
        [T_LAW, T_ID],
        {},
    ),
    (
        "kcik",
        "National Intervention and Consultation Centre for Victims of Trafficking",
        "Krajowe Centrum Interwencyjno-Konsultacyjne dla Ofiar Handlu Ludźmi",
        "KCIK",
        K.NGO,
        "",
        "PL",
        "mazowieckie",
        "Warszawa",
        "Skrytka pocztowa 5\n00-956 Warszawa 10",
        "pl en uk ru bg ro vi",
        [T_SHELTER, T_ID, T_LEGAL, T_RETURN],
        {
            "hotline": "+48 22 000 01 20",
            "description": "Helps presumed victims of trafficking of any nationality: crisis intervention, shelter, legal and psychological help. Refer a presumed victim here, day or night.",
            "description_pl": "Pomaga domniemanym ofiarom handlu ludźmi każdej narodowości: interwencja kryzysowa, schronienie, pomoc prawna i psychologiczna. Tu można skierować domniemaną ofiarę o każdej porze.",
        },
    ),
    (
        "la-strada",
        "La Strada Foundation against Trafficking in Persons and Slavery",
        "Fundacja przeciwko Handlowi Ludźmi i Niewolnictwu La Strada",
        "La Strada",
        K.NGO,
        "",
        "PL",
        "mazowieckie",
        "Warszawa",
        "Skrytka pocztowa 5\n00-956 Warszawa 10",
        "pl en uk ru",
        [T_SHELTER, T_SEX, T_LABOUR, T_LEGAL],
        {"hotline": "+48 22 000 00 20"},
    ),
    (
        "caritas-polska",
        "Caritas Poland",
        "Caritas Polska",
        "",
        K.NGO,
        "",
        "PL",
        "mazowieckie",
        "Warszawa",
        "ul. Okopowa 55\n01-043 Warszawa",
        "pl en uk",
        [T_SHELTER, T_RETURN],
        {},
    ),
    (
        "sip",
        "Association for Legal Intervention",
        "Stowarzyszenie Interwencji Prawnej",
        "SIP",
        K.NGO,
        "",
        "PL",
        "mazowieckie",
        "Warszawa",
        "al. 3 Maja 12 lok. 510\n00-391 Warszawa",
        "pl en ru uk",
        [T_LEGAL, T_LABOUR],
        {},
    ),
    (
        "fundacja-ocalenie",
        "Ocalenie Foundation",
        "Fundacja Ocalenie",
        "",
        K.NGO,
        "",
        "PL",
        "mazowieckie",
        "Warszawa",
        "ul. Ordynacka 9 lok. 33\n00-364 Warszawa",
        "pl en uk ru ka",
        [T_SHELTER, T_LEGAL, T_CHILD],
        {},
    ),
    (
        "po-moc",
        "PO-MOC Association for Women and Children",
        "Stowarzyszenie PO-MOC dla Kobiet i Dzieci im. Marii Niepokalanej",
        "PO-MOC",
        K.NGO,
        "",
        "PL",
        "slaskie",
        "Katowice",
        "ul. Warszawska 8\n40-006 Katowice",
        "pl en",
        [T_SHELTER, T_SEX, T_CHILD],
        {"hotline": "+48 32 000 00 41"},
    ),
    (
        "migrant-info-point-poznan",
        "Migrant Info Point",
        "Migrant Info Point",
        "MIP",
        K.NGO,
        "",
        "PL",
        "wielkopolskie",
        "Poznań",
        "ul. Stary Rynek 42\n61-772 Poznań",
        "pl en uk ru",
        [T_ID, T_LABOUR, T_LEGAL],
        {},
    ),
    (
        "lublin-migrant-help-desk",
        "Migrant Help Desk in Lublin",
        "Punkt Informacyjny dla Cudzoziemców w Lublinie",
        "",
        K.NGO,
        "",
        "PL",
        "lubelskie",
        "Lublin",
        "ul. Krakowskie Przedmieście 1\n20-002 Lublin",
        "pl uk ru be en",
        [T_ID, T_LABOUR, T_LEGAL],
        {},
    ),
    (
        "iom-poland",
        "International Organization for Migration – Office in Poland",
        "Międzynarodowa Organizacja do Spraw Migracji – Biuro w Polsce",
        "IOM",
        K.INTERNATIONAL,
        "",
        "PL",
        "mazowieckie",
        "Warszawa",
        "ul. Mariensztat 8\n00-302 Warszawa",
        "pl en uk ru",
        [T_RETURN, T_INTL, T_ID],
        {},
    ),
    (
        "bulgaria-national-commission",
        "National Commission for Combating Trafficking in Human Beings",
        "Krajowa Komisja ds. Zwalczania Handlu Ludźmi (Bułgaria)",
        "NCCTHB",
        K.FOREIGN_COUNTERPART,
        "",
        "BG",
        "Sofia City",
        "Sofia",
        "bul. Dondukov 2\n1055 Sofia",
        "bg en",
        [T_INTL, T_ID, T_SHELTER],
        {},
    ),
    (
        "la-strada-ukraine",
        "La Strada-Ukraine",
        "La Strada-Ukraina",
        "",
        K.NGO,
        "",
        "UA",
        "Kyiv",
        "Kyiv",
        "P.O. Box 26\n03113 Kyiv",
        "uk ru en",
        [T_SHELTER, T_CHILD, T_INTL],
        {"hotline": "+380 44 000 00 16"},
    ),
    (
        "ukraine-national-police",
        "National Police of Ukraine",
        "Policja Narodowa Ukrainy",
        "NPU",
        K.FOREIGN_COUNTERPART,
        "",
        "UA",
        "Kyiv",
        "Kyiv",
        "vul. Akademika Bohomoltsia 10\n01601 Kyiv",
        "uk en",
        [T_INTL, T_ID],
        {},
    ),
]

# Border Guard regional units: slug suffix, English, Polish, city, region.
BG_UNITS = [
    (
        "nadwislanski",
        "Nadwiślański",
        "Nadwiślański",
        "Warszawa",
        "mazowieckie",
        [
            (
                "warszawa-okecie",
                "Warsaw-Okęcie (Chopin Airport)",
                "Warszawa-Okęcie",
                "Warszawa",
                "mazowieckie",
            ),
            (
                "warszawa-modlin",
                "Warsaw-Modlin (airport)",
                "Warszawa-Modlin",
                "Nowy Dwór Mazowiecki",
                "mazowieckie",
            ),
            ("lodz", "Łódź", "w Łodzi", "Łódź", "lodzkie"),
            ("radom", "Radom", "w Radomiu", "Radom", "mazowieckie"),
        ],
    ),
    (
        "nadbuzanski",
        "Nadbużański",
        "Nadbużański",
        "Chełm",
        "lubelskie",
        [
            ("terespol", "Terespol", "w Terespolu", "Terespol", "lubelskie"),
            ("dorohusk", "Dorohusk", "w Dorohusku", "Dorohusk", "lubelskie"),
            ("hrebenne", "Hrebenne", "w Hrebennem", "Hrebenne", "lubelskie"),
            ("zosin", "Zosin", "w Zosinie", "Zosin", "lubelskie"),
            ("wlodawa", "Włodawa", "we Włodawie", "Włodawa", "lubelskie"),
            ("lublin", "Lublin (airport)", "w Lublinie", "Lublin", "lubelskie"),
            (
                "biala-podlaska",
                "Biała Podlaska",
                "w Białej Podlaskiej",
                "Biała Podlaska",
                "lubelskie",
            ),
            ("chelm", "Chełm", "w Chełmie", "Chełm", "lubelskie"),
            ("hrubieszow", "Hrubieszów", "w Hrubieszowie", "Hrubieszów", "lubelskie"),
        ],
    ),
    (
        "podlaski",
        "Podlaski",
        "Podlaski",
        "Białystok",
        "podlaskie",
        [
            ("kuznica", "Kuźnica", "w Kuźnicy", "Kuźnica", "podlaskie"),
            ("bobrowniki", "Bobrowniki", "w Bobrownikach", "Bobrowniki", "podlaskie"),
            ("czeremcha", "Czeremcha", "w Czeremsze", "Czeremcha", "podlaskie"),
            ("bialowieza", "Białowieża", "w Białowieży", "Białowieża", "podlaskie"),
            ("budzisko", "Budzisko", "w Budzisku", "Budzisko", "podlaskie"),
        ],
    ),
    (
        "warminsko-mazurski",
        "Warmińsko-Mazurski",
        "Warmińsko-Mazurski",
        "Kętrzyn",
        "warminsko-mazurskie",
        [
            ("bezledy", "Bezledy", "w Bezledach", "Bezledy", "warminsko-mazurskie"),
            ("grzechotki", "Grzechotki", "w Grzechotkach", "Grzechotki", "warminsko-mazurskie"),
            ("gronowo", "Gronowo", "w Gronowie", "Gronowo", "warminsko-mazurskie"),
            (
                "szczytno-szymany",
                "Szczytno-Szymany (airport)",
                "w Szczytnie-Szymanach",
                "Szymany",
                "warminsko-mazurskie",
            ),
        ],
    ),
    (
        "morski",
        "Morski",
        "Morski",
        "Gdańsk",
        "pomorskie",
        [
            ("gdansk", "Gdańsk (port)", "w Gdańsku", "Gdańsk", "pomorskie"),
            (
                "gdansk-rebiechowo",
                "Gdańsk-Rębiechowo (airport)",
                "w Gdańsku-Rębiechowie",
                "Gdańsk",
                "pomorskie",
            ),
            ("gdynia", "Gdynia", "w Gdyni", "Gdynia", "pomorskie"),
            ("swinoujscie", "Świnoujście", "w Świnoujściu", "Świnoujście", "zachodniopomorskie"),
            ("szczecin", "Szczecin", "w Szczecinie", "Szczecin", "zachodniopomorskie"),
        ],
    ),
    (
        "nadodrzanski",
        "Nadodrzański",
        "Nadodrzański",
        "Krosno Odrzańskie",
        "lubuskie",
        [
            ("wroclaw", "Wrocław", "we Wrocławiu", "Wrocław", "dolnoslaskie"),
            (
                "poznan-lawica",
                "Poznań-Ławica (airport)",
                "w Poznaniu-Ławicy",
                "Poznań",
                "wielkopolskie",
            ),
            ("zielona-gora", "Zielona Góra", "w Zielonej Górze", "Zielona Góra", "lubuskie"),
        ],
    ),
    (
        "slaski",
        "Śląski",
        "Śląski",
        "Racibórz",
        "slaskie",
        [
            (
                "katowice-pyrzowice",
                "Katowice-Pyrzowice (airport)",
                "w Katowicach-Pyrzowicach",
                "Pyrzowice",
                "slaskie",
            ),
            ("opole", "Opole", "w Opolu", "Opole", "opolskie"),
            ("raciborz", "Racibórz", "w Raciborzu", "Racibórz", "slaskie"),
        ],
    ),
    (
        "karpacki",
        "Karpacki",
        "Karpacki",
        "Nowy Sącz",
        "malopolskie",
        [
            (
                "krakow-balice",
                "Kraków-Balice (airport)",
                "w Krakowie-Balicach",
                "Kraków",
                "malopolskie",
            ),
            ("nowy-sacz", "Nowy Sącz", "w Nowym Sączu", "Nowy Sącz", "malopolskie"),
            ("zakopane", "Zakopane", "w Zakopanem", "Zakopane", "malopolskie"),
        ],
    ),
    (
        "bieszczadzki",
        "Bieszczadzki",
        "Bieszczadzki",
        "Przemyśl",
        "podkarpackie",
        [
            ("medyka", "Medyka", "w Medyce", "Medyka", "podkarpackie"),
            ("korczowa", "Korczowa", "w Korczowej", "Korczowa", "podkarpackie"),
            ("kroscienko", "Krościenko", "w Krościenku", "Krościenko", "podkarpackie"),
            (
                "rzeszow-jasionka",
                "Rzeszów-Jasionka (airport)",
                "w Rzeszowie-Jasionce",
                "Jasionka",
                "podkarpackie",
            ),
            ("przemysl", "Przemyśl", "w Przemyślu", "Przemyśl", "podkarpackie"),
        ],
    ),
]

BG_ACRONYMS = {
    "nadwislanski": "NwOSG",
    "nadbuzanski": "NbOSG",
    "podlaski": "PoOSG",
    "warminsko-mazurski": "W-MOSG",
    "morski": "MOSG",
    "nadodrzanski": "NOSG",
    "slaski": "ŚlOSG",
    "karpacki": "KaOSG",
    "bieszczadzki": "BiOSG",
}

# District labour inspectorates: slug suffix, English city, Polish locative, region.
LABOUR_INSPECTORATES = [
    ("bialystok", "Białystok", "w Białymstoku", "podlaskie"),
    ("bydgoszcz", "Bydgoszcz", "w Bydgoszczy", "kujawsko-pomorskie"),
    ("gdansk", "Gdańsk", "w Gdańsku", "pomorskie"),
    ("katowice", "Katowice", "w Katowicach", "slaskie"),
    ("kielce", "Kielce", "w Kielcach", "swietokrzyskie"),
    ("krakow", "Kraków", "w Krakowie", "malopolskie"),
    ("lublin", "Lublin", "w Lublinie", "lubelskie"),
    ("lodz", "Łódź", "w Łodzi", "lodzkie"),
    ("olsztyn", "Olsztyn", "w Olsztynie", "warminsko-mazurskie"),
    ("opole", "Opole", "w Opolu", "opolskie"),
    ("poznan", "Poznań", "w Poznaniu", "wielkopolskie"),
    ("rzeszow", "Rzeszów", "w Rzeszowie", "podkarpackie"),
    ("szczecin", "Szczecin", "w Szczecinie", "zachodniopomorskie"),
    ("warszawa", "Warsaw", "w Warszawie", "mazowieckie"),
    ("wroclaw", "Wrocław", "we Wrocławiu", "dolnoslaskie"),
    ("zielona-gora", "Zielona Góra", "w Zielonej Górze", "lubuskie"),
]

# Voivodship offices: slug stem, English name, Polish name, seat, region.
VOIVODSHIP_OFFICES = [
    (
        "dolnoslaski",
        "Lower Silesian",
        "Dolnośląski Urząd Wojewódzki we Wrocławiu",
        "Wrocław",
        "dolnoslaskie",
    ),
    (
        "kujawsko-pomorski",
        "Kuyavian-Pomeranian",
        "Kujawsko-Pomorski Urząd Wojewódzki w Bydgoszczy",
        "Bydgoszcz",
        "kujawsko-pomorskie",
    ),
    ("lubelski", "Lublin", "Lubelski Urząd Wojewódzki w Lublinie", "Lublin", "lubelskie"),
    (
        "lubuski",
        "Lubusz",
        "Lubuski Urząd Wojewódzki w Gorzowie Wielkopolskim",
        "Gorzów Wielkopolski",
        "lubuskie",
    ),
    ("lodzki", "Łódź", "Łódzki Urząd Wojewódzki w Łodzi", "Łódź", "lodzkie"),
    (
        "malopolski",
        "Lesser Poland",
        "Małopolski Urząd Wojewódzki w Krakowie",
        "Kraków",
        "malopolskie",
    ),
    (
        "mazowiecki",
        "Masovian",
        "Mazowiecki Urząd Wojewódzki w Warszawie",
        "Warszawa",
        "mazowieckie",
    ),
    ("opolski", "Opole", "Opolski Urząd Wojewódzki w Opolu", "Opole", "opolskie"),
    (
        "podkarpacki",
        "Subcarpathian",
        "Podkarpacki Urząd Wojewódzki w Rzeszowie",
        "Rzeszów",
        "podkarpackie",
    ),
    ("podlaski", "Podlaskie", "Podlaski Urząd Wojewódzki w Białymstoku", "Białystok", "podlaskie"),
    ("pomorski", "Pomeranian", "Pomorski Urząd Wojewódzki w Gdańsku", "Gdańsk", "pomorskie"),
    ("slaski", "Silesian", "Śląski Urząd Wojewódzki w Katowicach", "Katowice", "slaskie"),
    (
        "swietokrzyski",
        "Holy Cross",
        "Świętokrzyski Urząd Wojewódzki w Kielcach",
        "Kielce",
        "swietokrzyskie",
    ),
    (
        "warminsko-mazurski",
        "Warmian-Masurian",
        "Warmińsko-Mazurski Urząd Wojewódzki w Olsztynie",
        "Olsztyn",
        "warminsko-mazurskie",
    ),
    (
        "wielkopolski",
        "Greater Poland",
        "Wielkopolski Urząd Wojewódzki w Poznaniu",
        "Poznań",
        "wielkopolskie",
    ),
    (
        "zachodniopomorski",
        "West Pomeranian",
        "Zachodniopomorski Urząd Wojewódzki w Szczecinie",
        "Szczecin",
        "zachodniopomorskie",
    ),
]

POLICE_UNITS = [
    (
        "police-warszawa",
        "Metropolitan Police Headquarters in Warsaw – anti-trafficking team",
        "Komenda Stołeczna Policji – zespół do walki z handlem ludźmi",
        "KSP",
        "Warszawa",
        "mazowieckie",
    ),
    (
        "police-lublin",
        "Voivodship Police Headquarters in Lublin – anti-trafficking team",
        "Komenda Wojewódzka Policji w Lublinie – zespół do walki z handlem ludźmi",
        "KWP Lublin",
        "Lublin",
        "lubelskie",
    ),
    (
        "police-gdansk",
        "Voivodship Police Headquarters in Gdańsk – anti-trafficking team",
        "Komenda Wojewódzka Policji w Gdańsku – zespół do walki z handlem ludźmi",
        "KWP Gdańsk",
        "Gdańsk",
        "pomorskie",
    ),
    (
        "police-katowice",
        "Voivodship Police Headquarters in Katowice – anti-trafficking team",
        "Komenda Wojewódzka Policji w Katowicach – zespół do walki z handlem ludźmi",
        "KWP Katowice",
        "Katowice",
        "slaskie",
    ),
    (
        "police-wroclaw",
        "Voivodship Police Headquarters in Wrocław – anti-trafficking team",
        "Komenda Wojewódzka Policji we Wrocławiu – zespół do walki z handlem ludźmi",
        "KWP Wrocław",
        "Wrocław",
        "dolnoslaskie",
    ),
]

PROSECUTORS = [
    (
        "prosecutor-regional-lublin",
        "Regional Prosecutor's Office in Lublin",
        "Prokuratura Regionalna w Lublinie",
        "Lublin",
        "lubelskie",
    ),
    (
        "prosecutor-regional-warszawa",
        "Regional Prosecutor's Office in Warsaw",
        "Prokuratura Regionalna w Warszawie",
        "Warszawa",
        "mazowieckie",
    ),
    (
        "prosecutor-regional-krakow",
        "Regional Prosecutor's Office in Kraków",
        "Prokuratura Regionalna w Krakowie",
        "Kraków",
        "malopolskie",
    ),
]

FIRST_NAMES = [
    "Anna",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Joanna",
    "Ewa",
    "Magdalena",
    "Monika",
    "Piotr",
    "Krzysztof",
    "Tomasz",
    "Paweł",
    "Marcin",
    "Michał",
    "Jakub",
    "Łukasz",
    "Olena",
    "Iryna",
    "Dmytro",
    "Mariia",
    "Ivelina",
    "Georgi",
    "Natalia",
    "Andrzej",
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
    "Dąbrowska",
    "Kozłowski",
    "Jankowska",
    "Mazur",
    "Kwiatkowski",
    "Krawczyk",
    "Piotrowska",
    "Grabowski",
    "Pawłowska",
    "Michalski",
    "Król",
    "Wieczorek",
    "Jabłońska",
    "Wróbel",
    "Nowakowski",
    "Majewska",
    "Olszewski",
    "Stępień",
    "Malinowska",
]
POSITIONS = [
    ("Anti-trafficking focal point", True),
    ("Senior specialist, identification of victims", False),
    ("Head of unit", False),
    ("Case worker", False),
    ("Liaison officer", False),
    ("Legal adviser", False),
]
# Staff of Polish institutions write their positions in Polish, and a
# position is one text in the directory: the same list, as they would.
POSITIONS_PL = [
    "Koordynator ds. przeciwdziałania handlowi ludźmi",
    "Starszy specjalista ds. identyfikacji ofiar",
    "Kierownik komórki",
    "Specjalista ds. pomocy ofiarom",
    "Oficer łącznikowy",
    "Radca prawny",
]


def _topics():
    return {topic.slug: topic for topic in Topic.objects.filter(locale__language_code="en")}


def _upsert(slug, topics, **fields):
    languages = fields.pop("languages", "")
    competences = fields.pop("competences", [])
    city = fields.get("city", "")
    if city in CITY_COORDINATES and "latitude" not in fields:
        fields["latitude"], fields["longitude"] = CITY_COORDINATES[city]
    institution, _created = Institution.objects.update_or_create(slug=slug, defaults=fields)
    institution.languages.set(languages.split())
    institution.competences.set([topics[slug] for slug in competences if slug in topics])
    return institution


def build_institutions(today, topics):
    institutions = {}
    for (
        slug,
        name,
        name_pl,
        short,
        kind,
        parent,
        country,
        region,
        city,
        address,
        languages,
        competences,
        extra,
    ) in CENTRAL:
        public_phone = f"+48 22 000 {len(institutions) % 90 + 10:02d} 00" if country == "PL" else ""
        fields = {
            "name": name,
            "name_pl": name_pl,
            "short_name": short,
            "kind": kind,
            "parent": institutions.get(parent),
            "country": country,
            "region": region,
            "city": city,
            "postal_address": address,
            "phone": extra.get("phone", public_phone),
            "email": f"contact@{slug}.example.org",
            "website": f"https://{slug}.example.org/",
            "hotline": extra.get("hotline", ""),
            "description": extra.get("description", ""),
            "description_pl": extra.get("description_pl", ""),
            "last_verified_at": today - datetime.timedelta(days=30 + len(institutions) * 3),
            "languages": languages,
            "competences": competences,
        }
        if slug == "kcik":
            # The shelter's address is kept from the public.
            fields["address_visibility"] = Visibility.MEMBERS
        institutions[slug] = _upsert(slug, topics, **fields)

    hq = institutions["border-guard-hq"]
    for index, (unit_slug, unit_en, unit_pl, city, region, posts) in enumerate(BG_UNITS):
        unit = _upsert(
            f"border-guard-{unit_slug}",
            topics,
            name=f"{unit_en} Border Guard Regional Unit",
            name_pl=f"{unit_pl} Oddział Straży Granicznej",
            short_name=BG_ACRONYMS[unit_slug],
            kind=K.BORDER_GUARD,
            parent=hq,
            country="PL",
            region=region,
            city=city,
            postal_address=f"ul. Graniczna {index + 1}\n{city}",
            phone=f"+48 22 000 3{index} 00",
            phone_visibility=Visibility.PUBLIC,
            email=f"oddzial.{unit_slug}@strazgraniczna.example.org",
            email_visibility=Visibility.MEMBERS,
            website="https://www.strazgraniczna.pl/",
            last_verified_at=today - datetime.timedelta(days=60 + index * 20),
            languages="pl en uk ru",
            competences=[T_ID, T_LABOUR, T_INTL],
        )
        institutions[unit.slug] = unit
        for post_index, (post_slug, post_en, post_pl, post_city, post_region) in enumerate(posts):
            pl_name = f"Placówka Straży Granicznej {post_pl}"
            # Some posts have not confirmed their entry for over a year.
            verified_days = 420 if post_index % 4 == 3 else 90 + post_index * 15
            post = _upsert(
                f"bg-{post_slug}",
                topics,
                name=f"Border Guard Post {post_en}",
                name_pl=pl_name,
                short_name="",
                kind=K.BORDER_GUARD,
                parent=unit,
                country="PL",
                region=post_region,
                city=post_city,
                postal_address=f"ul. Graniczna {post_index + 1}\n{post_city}",
                phone=f"+48 22 000 4{index} {post_index + 10:02d}",
                phone_visibility=Visibility.MEMBERS,
                email=f"placowka.{post_slug}@strazgraniczna.example.org",
                email_visibility=Visibility.MEMBERS,
                last_verified_at=today - datetime.timedelta(days=verified_days),
                languages="pl en uk ru"
                if post_region in {"lubelskie", "podkarpackie", "podlaskie"}
                else "pl en",
                competences=[T_ID, T_LABOUR],
            )
            institutions[post.slug] = post

    gip = institutions["chief-labour-inspectorate"]
    for index, (slug, city, locative, region) in enumerate(LABOUR_INSPECTORATES):
        seat = "Warszawa" if city == "Warsaw" else city
        inspectorate = _upsert(
            f"labour-inspectorate-{slug}",
            topics,
            name=f"District Labour Inspectorate in {city}",
            name_pl=f"Okręgowy Inspektorat Pracy {locative}",
            short_name=f"OIP {city}" if city != "Warsaw" else "OIP Warszawa",
            kind=K.LABOUR_INSPECTORATE,
            parent=gip,
            country="PL",
            region=region,
            city=seat,
            postal_address=f"ul. Inspektorska {index + 1}\n{seat}",
            phone=f"+48 22 000 5{index % 10} 00",
            email=f"kancelaria@{slug}.pip.example.org",
            website="https://www.pip.gov.pl/",
            last_verified_at=today
            - datetime.timedelta(days=45 + index * 10 if slug != "kielce" else 500),
            languages="pl en uk"
            if slug in {"lublin", "rzeszow", "bialystok", "warszawa"}
            else "pl en",
            competences=[T_LABOUR, T_ID],
        )
        institutions[inspectorate.slug] = inspectorate

    for index, (stem, en, pl, city, region) in enumerate(VOIVODSHIP_OFFICES):
        office = _upsert(
            f"{stem}-voivodship-office",
            topics,
            name=f"{en} Voivodship Office in {city}",
            name_pl=pl,
            short_name="",
            kind=K.VOIVODSHIP_OFFICE,
            country="PL",
            region=region,
            city=city,
            postal_address=f"ul. Wojewódzka {index + 1}\n{city}",
            phone=f"+48 22 000 6{index % 10} 00",
            email=f"cudzoziemcy@{stem}.uw.example.org",
            website=f"https://{stem}.uw.example.org/",
            last_verified_at=today - datetime.timedelta(days=100 + index * 12),
            languages="pl en uk" if index % 2 == 0 else "pl en",
            competences=[T_ID, T_LABOUR],
        )
        institutions[office.slug] = office

    police_hq = institutions["police-hq"]
    for index, (slug, en, pl, short, city, region) in enumerate(POLICE_UNITS):
        institutions[slug] = _upsert(
            slug,
            topics,
            name=en,
            name_pl=pl,
            short_name=short,
            kind=K.POLICE,
            parent=police_hq,
            country="PL",
            region=region,
            city=city,
            postal_address=f"ul. Policyjna {index + 1}\n{city}",
            phone=f"+48 22 000 7{index} 00",
            phone_visibility=Visibility.MEMBERS,
            email=f"handel.ludzmi@{slug}.example.org",
            email_visibility=Visibility.MEMBERS,
            last_verified_at=today - datetime.timedelta(days=70 + index * 30),
            languages="pl en",
            competences=[T_ID, T_SEX, T_LABOUR],
        )

    national = institutions["national-prosecutors-office"]
    for index, (slug, en, pl, city, region) in enumerate(PROSECUTORS):
        institutions[slug] = _upsert(
            slug,
            topics,
            name=en,
            name_pl=pl,
            short_name="",
            kind=K.PROSECUTOR,
            parent=national,
            country="PL",
            region=region,
            city=city,
            postal_address=f"ul. Prokuratorska {index + 1}\n{city}",
            phone=f"+48 22 000 8{index} 00",
            email=f"biuro@{slug}.example.org",
            last_verified_at=today - datetime.timedelta(days=200 + index * 40),
            languages="pl en",
            competences=[T_LAW, T_ID],
        )
    return institutions


def _person_email(name, institution):
    first, last = name.split(" ", 1)
    ascii_name = f"{first}.{last}".lower()
    for source, target in zip("ąćęłńóśźżі", "acelnoszzi", strict=False):
        ascii_name = ascii_name.replace(source, target)
    return f"{ascii_name}.{institution.pk}@example.org"


PUBLIC_KINDS = {K.NGO, K.INTERNATIONAL}


def build_people(institutions, today, topics):
    for position_index, institution in enumerate(institutions.values()):
        rng = random.Random(institution.slug)
        count = 1 + rng.randrange(3)
        for number in range(count):
            name = full_name(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
            choice = 0 if number == 0 else 1 + rng.randrange(5)
            position, focal = POSITIONS[choice]
            if institution.country == "PL":
                position = POSITIONS_PL[choice]
            public = institution.kind in PUBLIC_KINDS or (
                number == 1 and institution.kind in {K.VOIVODSHIP_OFFICE, K.OFFICE_FOR_FOREIGNERS}
            )
            stale = (position_index + number) % 9 == 4
            active = not ((position_index + number) % 23 == 7 and number > 0)
            languages = ["pl", "en"] + rng.sample(["uk", "ru", "de", "bg", "be"], rng.randrange(2))
            person, _created = ContactPerson.objects.update_or_create(
                institution=institution,
                email=_person_email(name, institution),
                defaults={
                    "name": name,
                    "position": position,
                    "phone": f"+48 22 000 {10 + position_index % 90:02d} {10 + number:02d}",
                    "mobile": f"+48 500 000 {100 + position_index % 900:03d}" if not public else "",
                    "is_focal_point": focal,
                    "visibility": Visibility.PUBLIC if public else Visibility.MEMBERS,
                    "is_active": active,
                    "last_verified_at": today
                    - datetime.timedelta(days=400 + number * 30 if stale else 20 + number * 40),
                },
            )
            person.languages.set(languages)
            person.topics.set(list(institution.competences.all()[:2]))

    # The directory's example question must have an answer: the focal point
    # of the labour inspectorate in Lublin who speaks Ukrainian.
    lublin = institutions["labour-inspectorate-lublin"]
    person, _created = ContactPerson.objects.update_or_create(
        institution=lublin,
        email="oksana.kowalczyk@example.org",
        defaults={
            "name": "Oksana Kowalczyk",
            "position": "Inspektor pracy, koordynator ds. przeciwdziałania handlowi ludźmi",
            "phone": "+48 81 000 12 34",
            "mobile": "+48 500 000 812",
            "is_focal_point": True,
            "visibility": Visibility.MEMBERS,
            "is_active": True,
            "last_verified_at": today - datetime.timedelta(days=14),
        },
    )
    person.languages.set(["pl", "uk", "ru", "en"])
    person.topics.set([topics[T_LABOUR], topics[T_ID]])
    # A record nobody has confirmed for over a year, where the demo editor is a
    # member: `directory_reminders` has someone to remind.
    ContactPerson.objects.update_or_create(
        institution=institutions["border-guard-hq"],
        email="tomasz.wieczorek@example.org",
        defaults={
            "name": "Tomasz Wieczorek",
            "position": "Oficer łącznikowy ds. współpracy międzynarodowej",
            "phone": "+48 22 000 99 10",
            "is_focal_point": False,
            "visibility": Visibility.MEMBERS,
            "is_active": True,
            "last_verified_at": today - datetime.timedelta(days=430),
        },
    )
    # A public help-desk contact in Lublin, for the public and for referrals.
    desk = institutions["lublin-migrant-help-desk"]
    person, _created = ContactPerson.objects.update_or_create(
        institution=desk,
        email="pomoc.lublin@example.org",
        defaults={
            "name": "Natalia Hrytsenko",
            "position": "Koordynatorka punktu informacyjnego",
            "phone": "+48 81 000 00 55",
            "is_focal_point": True,
            "visibility": Visibility.PUBLIC,
            "is_active": True,
            "last_verified_at": today - datetime.timedelta(days=10),
        },
    )
    person.languages.set(["pl", "uk", "ru", "be"])


def build_memberships(institutions, users):
    now = timezone.now()
    admin = users.get("admin@example.org")
    plan = [
        ("member@example.org", "labour-inspectorate-lublin"),
        ("organiser@example.org", "iom-poland"),
        ("editor@example.org", "border-guard-hq"),
        ("moderator@example.org", "ministry-interior"),
    ]
    for email, slug in plan:
        user = users.get(email)
        if user is None:
            continue
        Membership.objects.update_or_create(
            user=user,
            institution=institutions[slug],
            defaults={
                "status": MembershipStatus.APPROVED,
                "method": Membership.Method.MODERATOR,
                "decided_by": admin,
                "decided_at": Membership.objects.filter(user=user, institution=institutions[slug])
                .values_list("decided_at", flat=True)
                .first()
                or now,
            },
        )
    InstitutionEmailDomain.objects.update_or_create(
        domain="strazgraniczna.example.org",
        defaults={"institution": institutions["border-guard-hq"]},
    )


def build_page(home):
    page = ensure_child_page(
        home,
        DirectoryIndexPage,
        "directory",
        title="Directory",
        show_in_menus=True,
        introduction=(
            "Find a counterpart in another institution: focal points, hotlines, shelters and "
            "help desks. Named officers and their direct lines are visible to members."
        ),
    )
    ensure_translation(
        page,
        "pl",
        title="Katalog kontaktów",
        slug="katalog",
        introduction=(
            "Znajdź osobę do kontaktu w innej instytucji: koordynatorów, telefony całodobowe, "
            "schroniska i punkty pomocy. Imiona i nazwiska funkcjonariuszy oraz ich bezpośrednie "
            "numery telefonów widzą tylko członkowie."
        ),
    )
    add_to_navigation(page, position=0)
    return page


SYNTHETIC_KINDS = [
    K.BORDER_GUARD,
    K.POLICE,
    K.LABOUR_INSPECTORATE,
    K.NGO,
    K.LOCAL_GOVERNMENT,
    K.VOIVODSHIP_OFFICE,
    K.PROSECUTOR,
]
SYNTHETIC_CITIES = [(city, region) for _slug, city, _loc, region in LABOUR_INSPECTORATES] + [
    ("Terespol", "lubelskie"),
    ("Chełm", "lubelskie"),
    ("Przemyśl", "podkarpackie"),
    ("Radom", "mazowieckie"),
    ("Płock", "mazowieckie"),
    ("Toruń", "kujawsko-pomorskie"),
    ("Gdynia", "pomorskie"),
    ("Tarnów", "malopolskie"),
    ("Legnica", "dolnoslaskie"),
    ("Kalisz", "wielkopolskie"),
    ("Elbląg", "warminsko-mazurskie"),
    ("Suwałki", "podlaskie"),
]
SYNTHETIC_WORDS = ["Centre", "Team", "Office", "Unit", "Desk", "Department", "Branch", "Service"]


def build_scale(count, today, stdout=None):
    """Add synthetic institutions (about five people each) up to `count`,
    with bulk inserts so that tens of thousands take seconds."""
    existing = Institution.objects.filter(slug__startswith="synthetic-").count()
    if existing >= count:
        return 0
    rng = random.Random(count)
    language_codes = list(Language.objects.values_list("code", flat=True))
    topic_ids = list(Topic.objects.filter(locale__language_code="en").values_list("pk", flat=True))
    batch = 2000
    created = 0
    for start in range(existing, count, batch):
        numbers = range(start + 1, min(count, start + batch) + 1)
        institutions = []
        for number in numbers:
            city, region = SYNTHETIC_CITIES[number % len(SYNTHETIC_CITIES)]
            kind = SYNTHETIC_KINDS[number % len(SYNTHETIC_KINDS)]
            word = SYNTHETIC_WORDS[number % len(SYNTHETIC_WORDS)]
            label = dict(K.choices)[kind]
            institutions.append(
                Institution(
                    slug=f"synthetic-{number:05d}",
                    name=f"{label} {word} {city} {number:05d}",
                    name_pl="",
                    short_name=f"S{number:05d}",
                    kind=kind,
                    country="PL",
                    region=region,
                    city=city,
                    postal_address=f"ul. Testowa {number}\n{city}",
                    phone=f"+48 22 000 {number % 100:02d} {number // 100 % 100:02d}",
                    phone_visibility=Visibility.PUBLIC if number % 3 else Visibility.MEMBERS,
                    email=f"office{number}@synthetic.example.org",
                    hotline=f"+48 800 000 {number % 1000:03d}" if number % 17 == 0 else "",
                    last_verified_at=today - datetime.timedelta(days=number % 700),
                )
            )
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
            for index in range(5):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                people.append(
                    ContactPerson(
                        institution_id=pk,
                        name=f"{first} {last}",
                        position=POSITIONS[index % len(POSITIONS)][0],
                        email=f"person{number}.{index}@synthetic.example.org",
                        phone=f"+48 22 000 {index:02d} {number % 100:02d}",
                        is_focal_point=index == 0,
                        visibility=Visibility.PUBLIC if index == 4 else Visibility.MEMBERS,
                        is_active=not (index == 3 and number % 10 == 0),
                        last_verified_at=today - datetime.timedelta(days=(number + index) % 600),
                    )
                )
        Institution.languages.through.objects.bulk_create(language_links, batch_size=1000)
        Institution.competences.through.objects.bulk_create(topic_links, batch_size=1000)
        ContactPerson.objects.bulk_create(people, batch_size=1000)
        search.refresh([pk for pk, _slug in saved])
        directory_cache.bump()
        created += len(institutions)
        if stdout is not None:
            stdout.write(f"  synthetic institutions: {start + len(institutions)}/{count}")
    return created


@transaction.atomic
def seed(context):
    today = timezone.localdate()
    topics = _topics()
    institutions = build_institutions(today, topics)
    build_people(institutions, today, topics)
    build_memberships(institutions, context.get("users", {}))
    if context.get("home") is not None:
        build_page(context["home"])
    if context.get("scale"):
        build_scale(context["scale"], today, context.get("stdout"))
