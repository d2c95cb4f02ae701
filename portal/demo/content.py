"""The portal's own demo content: topics, home and standard pages, accounts."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from portal import roles
from portal.demo.helpers import (
    add_to_navigation,
    ensure_child_page,
    ensure_translation,
    get_locale,
)
from portal.demo.images import ensure_image, network_illustration
from portal.languages import WORKING_LANGUAGES
from portal.models import HomePage, Language, SiteSettings, StandardPage, Topic, User

TOPICS = [
    (
        "identification-of-victims",
        "Identification of victims",
        "Identyfikacja ofiar",
        "Recognising the signs of trafficking and the first contact with a presumed victim.",
        "Rozpoznawanie oznak handlu ludźmi i pierwszy kontakt z domniemaną ofiarą.",
    ),
    (
        "labour-exploitation",
        "Labour exploitation",
        "Wyzysk w pracy",
        "Forced labour and exploitation at work, including of foreign workers.",
        "Praca przymusowa i wyzysk pracowników, w tym cudzoziemców.",
    ),
    (
        "sexual-exploitation",
        "Sexual exploitation",
        "Wykorzystanie seksualne",
        "Trafficking for prostitution and other forms of sexual exploitation.",
        "Handel ludźmi w celu prostytucji i innych form wykorzystania seksualnego.",
    ),
    (
        "forced-begging",
        "Forced begging",
        "Przymusowe żebractwo",
        "Exploitation through begging and petty crime.",
        "Wykorzystywanie do żebractwa i drobnych przestępstw.",
    ),
    (
        "child-victims",
        "Child victims",
        "Dzieci – ofiary handlu ludźmi",
        "Protection of children and unaccompanied minors.",
        "Ochrona dzieci i małoletnich bez opieki.",
    ),
    (
        "assistance-and-shelter",
        "Assistance and shelter",
        "Pomoc i schronienie",
        "Shelters, crisis intervention and the national support programme.",
        "Schroniska, interwencja kryzysowa i krajowy program wsparcia ofiar.",
    ),
    (
        "legal-aid",
        "Legal aid",
        "Pomoc prawna",
        "Legal counselling and representation of victims.",
        "Poradnictwo prawne i reprezentacja ofiar.",
    ),
    (
        "voluntary-return",
        "Voluntary return and reintegration",
        "Dobrowolne powroty i reintegracja",
        "Safe return to the country of origin and reintegration support.",
        "Bezpieczny powrót do kraju pochodzenia i wsparcie w reintegracji.",
    ),
    (
        "legislation",
        "Legislation",
        "Przepisy prawa",
        "National and international law on trafficking in human beings.",
        "Krajowe i międzynarodowe prawo dotyczące handlu ludźmi.",
    ),
    (
        "international-cooperation",
        "International cooperation",
        "Współpraca międzynarodowa",
        "Cooperation with foreign counterparts and international organisations.",
        "Współpraca z partnerami zagranicznymi i organizacjami międzynarodowymi.",
    ),
]

ACCOUNTS = [
    ("admin@example.org", "Anna", "Administratorka", [], True),
    ("organiser@example.org", "Olga", "Organizatorska", [roles.ORGANISERS, roles.MEMBERS], False),
    ("editor@example.org", "Edward", "Redakcyjny", [roles.EDITORS, roles.MEMBERS], False),
    ("moderator@example.org", "Monika", "Moderacka", [roles.MODERATORS, roles.MEMBERS], False),
    ("member@example.org", "Marek", "Członkowski", [roles.MEMBERS], False),
]

ABOUT_EN = [
    {
        "type": "paragraph",
        "value": (
            "<p>The Cooperation Portal brings together the institutions that prevent and combat "
            "trafficking in human beings in Poland: ministries, the Border Guard, the National Labour "
            "Inspectorate, the Office for Foreigners, voivodship offices, the police, prosecutors, "
            "non-governmental organisations and international partners.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "What you can do here", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul><li>find the right counterpart in another institution, including designated "
            "anti-trafficking focal points;</li><li>register for conferences, trainings and "
            "workshops and keep them in your calendar;</li><li>download guidelines, training "
            "materials and reports;</li><li>read what study visits abroad have taught us.</li></ul>"
        ),
    },
    {
        "type": "quote",
        "value": {
            "text": "Cooperation and competence are the key to efficiently combating trafficking in human beings.",
            "attribution": "Motto of the project this portal grows out of",
        },
    },
    {"type": "heading", "value": {"text": "Where it comes from", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>The portal continues a project carried out with the Border Guard Headquarters: 22 "
            "trainings in 21 locations for 495 officers from 89 Border Guard field offices, three "
            "workshops for 144 people, a study visit to Bulgaria, a survey of Ukrainian migrants "
            "and an interactive training application.</p>"
        ),
    },
    {
        "type": "table",
        "value": {
            "caption": "The project in numbers",
            "table": {
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "data": [
                    ["Activity", "Figure"],
                    ["Trainings", "22"],
                    ["Locations", "21"],
                    ["Officers trained", "495"],
                    ["Border Guard field offices", "89"],
                    ["Workshop participants", "144"],
                ],
            },
        },
    },
]
ABOUT_PL = [
    {
        "type": "paragraph",
        "value": (
            "<p>Portal Współpracy łączy instytucje, które zapobiegają handlowi ludźmi i go zwalczają: "
            "ministerstwa, Straż Graniczną, Państwową Inspekcję Pracy, Urząd do Spraw Cudzoziemców, "
            "urzędy wojewódzkie, Policję, prokuraturę, organizacje pozarządowe i partnerów "
            "międzynarodowych.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Co można tu zrobić", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul><li>znaleźć właściwą osobę do kontaktu w innej instytucji, w tym wyznaczonych "
            "koordynatorów ds. przeciwdziałania handlowi ludźmi;</li><li>zarejestrować się na "
            "konferencje, szkolenia i warsztaty oraz dodać je do swojego kalendarza;</li><li>pobrać wytyczne, materiały "
            "szkoleniowe i raporty;</li><li>przeczytać, czego nauczyły nas wizyty studyjne za "
            "granicą.</li></ul>"
        ),
    },
    {
        "type": "quote",
        "value": {
            "text": "Współpraca i kompetencje kluczem do skutecznego zwalczania handlu ludźmi.",
            "attribution": "Motto projektu, z którego wywodzi się portal",
        },
    },
    {"type": "heading", "value": {"text": "Historia portalu", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Portal jest kontynuacją projektu realizowanego z Komendą Główną Straży Granicznej: 22 szkolenia "
            "w 21 miejscowościach dla 495 funkcjonariuszy z 89 placówek Straży Granicznej, trzy "
            "warsztaty dla 144 osób, wizytę studyjną w Bułgarii, badanie wśród migrantów z Ukrainy "
            "oraz interaktywną aplikację szkoleniową.</p>"
        ),
    },
    {
        "type": "table",
        "value": {
            "caption": "Projekt w liczbach",
            "table": {
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "data": [
                    ["Rodzaj działań", "Liczba"],
                    ["Szkolenia", "22"],
                    ["Miejscowości", "21"],
                    ["Przeszkoleni funkcjonariusze", "495"],
                    ["Placówki Straży Granicznej", "89"],
                    ["Uczestnicy warsztatów", "144"],
                ],
            },
        },
    },
]

PRIVACY_EN = [
    {
        "type": "paragraph",
        "value": (
            "<p>This portal processes personal data of the people who use it: your name, email "
            "address, institution and position, and — when you register for an event — the details "
            "you give in the registration form. The controller is the portal's operator named in the "
            "footer.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Why we process your data", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul><li>to give you an account and confirm your membership of an institution;</li>"
            "<li>to run registrations, waiting lists and attendance for events;</li>"
            "<li>to show contact details of officers to other verified members only, when the "
            "institution has chosen so.</li></ul>"
        ),
    },
    {"type": "heading", "value": {"text": "How long we keep it", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Attendees' personal data is erased a year after the event; only anonymous counts "
            "remain. You may ask for a copy of your data or its erasure at any time by writing to "
            "the address in the footer.</p>"
        ),
    },
]
PRIVACY_PL = [
    {
        "type": "paragraph",
        "value": (
            "<p>Portal przetwarza dane osobowe osób, które z niego korzystają: imię i nazwisko, adres "
            "e-mail, instytucję i stanowisko, a przy rejestracji na wydarzenie — dane podane w formularzu. "
            "Administratorem danych jest operator portalu wskazany w stopce.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Po co przetwarzamy dane", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul><li>aby prowadzić Twoje konto i potwierdzić członkostwo w instytucji;</li>"
            "<li>aby obsługiwać rejestrację na wydarzenia, listy rezerwowe i listy obecności;</li>"
            "<li>aby pokazywać dane kontaktowe funkcjonariuszy wyłącznie zatwierdzonym członkom instytucji, "
            "jeśli tak zdecydowała instytucja.</li></ul>"
        ),
    },
    {"type": "heading", "value": {"text": "Jak długo je przechowujemy", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Dane uczestników wydarzeń usuwamy rok po wydarzeniu; zostają tylko anonimowe "
            "statystyki. W każdej chwili możesz poprosić o kopię swoich danych lub ich usunięcie, "
            "pisząc na adres podany w stopce.</p>"
        ),
    },
]
ACCESSIBILITY_EN = [
    {
        "type": "paragraph",
        "value": (
            "<p>The portal's operator is committed to making this website accessible in accordance "
            "with the Act of 4 April 2019 on the digital accessibility of websites and mobile "
            "applications of public bodies, which implements Directive (EU) 2016/2102.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Compliance status", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>This website is fully compliant with WCAG 2.1 level AA. Every page works with the "
            "keyboard alone, at 320 pixels wide and at 200% zoom; every form field is labelled and "
            "every image that carries information has a text alternative.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Feedback and contact", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>If something on the portal is not accessible to you, write to "
            '<a href="mailto:accessibility@example.org">accessibility@example.org</a>. We answer '
            "within 7 days. If you are not satisfied with the answer, you may complain to the "
            "Commissioner for Human Rights.</p>"
        ),
    },
]
ACCESSIBILITY_PL = [
    {
        "type": "paragraph",
        "value": (
            "<p>Operator portalu zobowiązuje się zapewnić dostępność tej strony internetowej zgodnie z "
            "ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji "
            "mobilnych podmiotów publicznych, wdrażającą dyrektywę (UE) 2016/2102.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Stan dostępności cyfrowej", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Strona jest w pełni zgodna z WCAG 2.1 na poziomie AA. Każda strona działa przy użyciu "
            "samej klawiatury, przy szerokości 320 pikseli i przy powiększeniu 200%; każde pole "
            "formularza ma etykietę, a każdy obraz niosący informację ma tekst alternatywny.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Informacje zwrotne i dane kontaktowe", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Jeśli coś w portalu jest dla Ciebie niedostępne, napisz na adres "
            '<a href="mailto:accessibility@example.org">accessibility@example.org</a>. Odpowiadamy w '
            "ciągu 7 dni. Jeśli odpowiedź Cię nie zadowala, możesz złożyć skargę do Rzecznika Praw "
            "Obywatelskich.</p>"
        ),
    },
]


def seed_topics():
    english, polish = get_locale("en"), get_locale("pl")
    for slug, name_en, name_pl, description_en, description_pl in TOPICS:
        topic, _ = Topic.objects.update_or_create(
            slug=slug, locale=english, defaults={"name": name_en, "description": description_en}
        )
        translation = topic.get_translation_or_none(polish)
        if translation is None:
            translation = topic.copy_for_translation(polish)
        translation.name = name_pl
        translation.description = description_pl
        translation.save()


def seed_home():
    root = Page.get_first_root_node()
    # Wagtail's placeholder "Welcome" page (and its site) make way for ours.
    for placeholder in root.get_children().filter(depth=2):
        if placeholder.specific_class is Page and not placeholder.get_children().exists():
            Site.objects.filter(root_page=placeholder).delete()
            placeholder.delete()
    home = HomePage.objects.filter(locale__language_code="en", depth=2).first()
    fields = {
        "title": "Home",
        "hero_title": "Working together against human trafficking",
        "hero_text": (
            "Find your counterpart in another institution, register for trainings and "
            "conferences, and share what works — in one place, in English and Polish."
        ),
        "intro": (
            "<p>The Cooperation Portal is for the officials and NGO staff who identify and "
            "assist victims of trafficking: the Border Guard, the labour inspectorate, offices "
            "for foreigners, voivodship offices, the police, prosecutors and non-governmental "
            "organisations.</p>"
        ),
    }
    fields["hero_image"] = ensure_image("Institutions working together", network_illustration())
    if home is None:
        home = HomePage(slug="home", locale=get_locale("en"), **fields)
        root.add_child(instance=home)
    else:
        for name, value in fields.items():
            setattr(home, name, value)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Cooperation Portal",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return HomePage.objects.get(pk=home.pk)


def seed_standard_pages(home):
    pages = {}
    about = ensure_child_page(
        home,
        StandardPage,
        "about",
        title="About the portal",
        show_in_menus=True,
        introduction="Who the portal is for and what it helps you do.",
        body=ABOUT_EN,
    )
    privacy = ensure_child_page(
        home,
        StandardPage,
        "privacy-policy",
        title="Privacy policy",
        introduction="What personal data the portal processes, why, and for how long.",
        body=PRIVACY_EN,
    )
    accessibility = ensure_child_page(
        home,
        StandardPage,
        "accessibility-statement",
        title="Accessibility statement",
        introduction="How accessible this website is and how to tell us about a barrier.",
        body=ACCESSIBILITY_EN,
    )
    pages["about"], pages["privacy"], pages["accessibility"] = about, privacy, accessibility
    return pages


def seed_polish(home, pages):
    ensure_translation(
        home,
        "pl",
        title="Strona główna",
        hero_image=home.hero_image,
        hero_title="Razem przeciwko handlowi ludźmi",
        hero_text=(
            "Znajdź osobę do kontaktu w innej instytucji, zarejestruj się na szkolenia i konferencje "
            "i dziel się tym, co działa — w jednym miejscu, po polsku i po angielsku."
        ),
        intro=(
            "<p>Portal Współpracy jest przeznaczony dla funkcjonariuszy, urzędników i pracowników "
            "organizacji pozarządowych, którzy identyfikują ofiary handlu ludźmi i udzielają im "
            "pomocy – w Straży Granicznej, inspekcji pracy, urzędach do spraw cudzoziemców, urzędach "
            "wojewódzkich, Policji, prokuraturze i organizacjach pozarządowych.</p>"
        ),
    )
    ensure_translation(
        pages["about"],
        "pl",
        title="O portalu",
        slug="o-portalu",
        introduction="Dla kogo jest portal i w czym pomaga.",
        body=ABOUT_PL,
    )
    ensure_translation(
        pages["privacy"],
        "pl",
        title="Polityka prywatności",
        slug="polityka-prywatnosci",
        introduction="Jakie dane osobowe przetwarza portal, w jakim celu i jak długo.",
        body=PRIVACY_PL,
    )
    ensure_translation(
        pages["accessibility"],
        "pl",
        title="Deklaracja dostępności",
        slug="deklaracja-dostepnosci",
        introduction="W jakim stopniu portal jest dostępny i jak zgłosić problem z dostępnością.",
        body=ACCESSIBILITY_PL,
    )


def seed_site_settings(home, pages):
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    site_settings.organisation_name = "Cooperation Portal"
    site_settings.organisation_name_pl = "Portal Współpracy"
    site_settings.contact_address = "ul. Przykładowa 1\n00-001 Warszawa"
    site_settings.contact_email = "contact@example.org"
    site_settings.contact_phone = "+48 22 000 00 00"
    site_settings.footer_text = (
        "A meeting place for the institutions that prevent and combat trafficking in human "
        "beings. Demo data: the people and phone numbers shown here are fictional."
    )
    site_settings.footer_text_pl = (
        "Miejsce spotkań instytucji, które zapobiegają handlowi ludźmi i go zwalczają. "
        "Dane demonstracyjne: osoby i numery telefonów są fikcyjne."
    )
    site_settings.privacy_policy_page = pages["privacy"]
    site_settings.accessibility_statement_page = pages["accessibility"]
    site_settings.save()
    add_to_navigation(pages["about"])


def seed_accounts():
    password = settings.PORTAL_SEED_PASSWORD
    users = {}
    for email, first_name, last_name, group_names, is_superuser in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email)
        user.first_name, user.last_name = first_name, last_name
        user.is_superuser = is_superuser
        user.is_staff = is_superuser
        user.preferred_language = user.preferred_language or "en"
        user.set_password(password)
        user.save()
        user.groups.set(Group.objects.filter(name__in=group_names))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users[email] = user
    return users


def seed(context):
    for code, _name in WORKING_LANGUAGES:
        Language.objects.get_or_create(code=code)
    get_locale("en")
    get_locale("pl")
    seed_topics()
    home = seed_home()
    pages = seed_standard_pages(home)
    seed_site_settings(home, pages)
    seed_polish(home, pages)
    context["home"] = home
    context["pages"] = pages
    context["users"] = seed_accounts()
