"""Demo data for the materials library and study visits (seed_demo hook).

Idempotent: pages are found by slug, documents and images by title, so a
second run updates what the first created."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from directory.choices import InstitutionKind, Visibility
from directory.models import Institution
from portal.demo.helpers import add_to_navigation, ensure_child_page, ensure_translation
from portal.models import CustomImage, Language, Topic
from resources.choices import Audience, MaterialType
from resources.demo_files import make_pdf, make_text
from resources.models import (
    MaterialFile,
    MaterialIndexPage,
    MaterialPage,
    StudyVisitAuthor,
    StudyVisitIndexPage,
    StudyVisitMaterial,
    StudyVisitPage,
)
from resources.privacy import members_collection
from resources.workflow import ensure_moderation_workflow

INSTITUTIONS = {
    "border-guard-hq": (
        "Border Guard Headquarters",
        "Komenda Główna Straży Granicznej",
        InstitutionKind.BORDER_GUARD,
        "PL",
        "Warsaw",
    ),
    "chief-labour-inspectorate": (
        "Chief Labour Inspectorate",
        "Główny Inspektorat Pracy",
        InstitutionKind.LABOUR_INSPECTORATE,
        "PL",
        "Warsaw",
    ),
    "iom-poland": ("IOM Poland", "IOM Polska", InstitutionKind.INTERNATIONAL, "PL", "Warsaw"),
    "la-strada": (
        "La Strada Foundation against Trafficking",
        "Fundacja przeciwko Handlowi Ludźmi i Niewolnictwu La Strada",
        InstitutionKind.NGO,
        "PL",
        "Warsaw",
    ),
    "ministry-interior": (
        "Ministry of the Interior and Administration",
        "Ministerstwo Spraw Wewnętrznych i Administracji",
        InstitutionKind.MINISTRY,
        "PL",
        "Warsaw",
    ),
    "kcik": (
        "National Intervention and Consultation Centre for Victims of Trafficking",
        "Krajowe Centrum Interwencyjno-Konsultacyjne dla Ofiar Handlu Ludźmi",
        InstitutionKind.NGO,
        "PL",
        "Warsaw",
    ),
    "office-for-foreigners": (
        "Office for Foreigners",
        "Urząd do Spraw Cudzoziemców",
        InstitutionKind.OFFICE_FOR_FOREIGNERS,
        "PL",
        "Warsaw",
    ),
    "police-hq": (
        "National Police Headquarters",
        "Komenda Główna Policji",
        InstitutionKind.POLICE,
        "PL",
        "Warsaw",
    ),
    "bulgaria-national-commission": (
        "National Commission for Combating Trafficking in Human Beings",
        "Krajowa Komisja ds. Zwalczania Handlu Ludźmi",
        InstitutionKind.FOREIGN_COUNTERPART,
        "BG",
        "Sofia",
    ),
}

# slug, type, audience, visibility, publisher, date, topics, languages, format,
# English title and summary, Polish title and summary.
MATERIALS = [
    (
        "identification-guidelines",
        MaterialType.GUIDELINE,
        Audience.FRONTLINE,
        Visibility.PUBLIC,
        "border-guard-hq",
        "2025-03-14",
        ["identification-of-victims"],
        ["en", "pl"],
        "pdf",
        "Guidelines on identifying victims of trafficking",
        "How to recognise the signs of trafficking at the first contact and whom to call next.",
        "Wytyczne dotyczące identyfikacji ofiar handlu ludźmi",
        "Jak rozpoznać oznaki handlu ludźmi przy pierwszym kontakcie i kogo potem powiadomić.",
    ),
    (
        "indicator-checklist",
        MaterialType.GUIDELINE,
        Audience.FRONTLINE,
        Visibility.PUBLIC,
        "border-guard-hq",
        "2024-11-02",
        ["identification-of-victims", "labour-exploitation"],
        ["en", "pl"],
        "pdf",
        "Checklist of trafficking indicators for border checks",
        "A one-page checklist for second-line checks at border crossings.",
        "Lista wskaźników handlu ludźmi do kontroli granicznej",
        "Jednostronicowa lista kontrolna do kontroli drugiej linii na przejściach granicznych.",
    ),
    (
        "labour-inspection-manual",
        MaterialType.TRAINING,
        Audience.FRONTLINE,
        Visibility.MEMBERS,
        "chief-labour-inspectorate",
        "2025-05-20",
        ["labour-exploitation"],
        ["pl"],
        "pdf",
        "Manual for labour inspectors: forced labour cases",
        "Joint inspection procedure with the Border Guard when forced labour is suspected.",
        "Podręcznik dla inspektorów pracy: przypadki pracy przymusowej",
        "Procedura wspólnych kontroli ze Strażą Graniczną w razie podejrzenia pracy przymusowej.",
    ),
    (
        "training-curriculum-2025",
        MaterialType.TRAINING,
        Audience.TRAINERS,
        Visibility.MEMBERS,
        "border-guard-hq",
        "2025-01-30",
        ["identification-of-victims"],
        ["en", "pl"],
        "pdf",
        "Training curriculum for Border Guard field offices",
        "The one-day programme used in 22 trainings for 495 officers.",
        "Program szkolenia dla placówek Straży Granicznej",
        "Jednodniowy program wykorzystany w 22 szkoleniach dla 495 funkcjonariuszy.",
    ),
    (
        "migrant-survey-2025",
        MaterialType.SURVEY,
        Audience.EVERYONE,
        Visibility.PUBLIC,
        "iom-poland",
        "2025-06-12",
        ["labour-exploitation", "international-cooperation"],
        ["en", "pl"],
        "pdf",
        "Survey of Ukrainian migrants on working conditions",
        "Results of a survey of 1,000 migrants on recruitment, wages and documents.",
        "Badanie ankietowe migrantów z Ukrainy dotyczące warunków pracy",
        "Wyniki ankiety przeprowadzonej wśród 1000 migrantów: rekrutacja, wynagrodzenia i dokumenty.",
    ),
    (
        "survey-raw-tables",
        MaterialType.SURVEY,
        Audience.MANAGERS,
        Visibility.MEMBERS,
        "iom-poland",
        "2025-06-12",
        ["labour-exploitation"],
        ["en"],
        "txt",
        "Survey of migrants: detailed tables",
        "Detailed tables behind the published survey results, for analysts in member institutions.",
        "Badanie ankietowe migrantów: szczegółowe tabele",
        "Szczegółowe tabele uzupełniające opublikowane wyniki badania – dla analityków instytucji członkowskich.",
    ),
    (
        "annual-report-2024",
        MaterialType.REPORT,
        Audience.EVERYONE,
        Visibility.PUBLIC,
        "ministry-interior",
        "2025-04-01",
        ["legislation", "international-cooperation"],
        ["en", "pl"],
        "pdf",
        "Trafficking in human beings in Poland: report 2024",
        "The annual report of the inter-ministerial team on trafficking in human beings.",
        "Handel ludźmi w Polsce: raport za 2024 rok",
        "Roczny raport Zespołu do Spraw Przeciwdziałania Handlowi Ludźmi.",
    ),
    (
        "project-final-report",
        MaterialType.REPORT,
        Audience.MANAGERS,
        Visibility.MEMBERS,
        "border-guard-hq",
        "2025-09-30",
        ["international-cooperation"],
        ["pl"],
        "pdf",
        "Project final report",
        "What the project achieved: trainings, workshops, the study visit and the survey.",
        "Sprawozdanie końcowe z projektu",
        "Rezultaty projektu: szkolenia, warsztaty, wizyta studyjna i badanie ankietowe.",
    ),
    (
        "penal-code-extract",
        MaterialType.LEGISLATION,
        Audience.LEGAL,
        Visibility.PUBLIC,
        "ministry-justice",
        "2024-09-10",
        ["legislation", "legal-aid"],
        ["en", "pl"],
        "txt",
        "Article 189a of the Penal Code and its definition of trafficking",
        "The provisions on trafficking in human beings with a short commentary.",
        "Art. 189a Kodeksu karnego i definicja handlu ludźmi",
        "Przepisy o handlu ludźmi z krótkim komentarzem.",
    ),
    (
        "eu-directive-summary",
        MaterialType.LEGISLATION,
        Audience.LEGAL,
        Visibility.PUBLIC,
        "ministry-justice",
        "2024-07-15",
        ["legislation", "international-cooperation"],
        ["en"],
        "pdf",
        "The revised EU Anti-Trafficking Directive in brief",
        "What Directive (EU) 2024/1712 changes for national authorities.",
        "Znowelizowana dyrektywa UE w sprawie handlu ludźmi – najważniejsze zmiany",
        "Co dyrektywa (UE) 2024/1712 zmienia dla organów krajowych.",
    ),
    (
        "leaflet-workers-rights",
        MaterialType.LEAFLET,
        Audience.PUBLIC,
        Visibility.PUBLIC,
        "la-strada",
        "2025-02-18",
        ["labour-exploitation", "assistance-and-shelter"],
        ["en", "pl", "uk"],
        "pdf",
        "Leaflet: your rights at work in Poland",
        "For foreign workers: wages, documents, and where to get help.",
        "Ulotka: Twoje prawa w pracy w Polsce",
        "Dla pracowników z zagranicy: wynagrodzenie, dokumenty i gdzie szukać pomocy.",
    ),
    (
        "leaflet-helpline",
        MaterialType.LEAFLET,
        Audience.PUBLIC,
        Visibility.PUBLIC,
        "kcik",
        "2024-12-05",
        ["assistance-and-shelter"],
        ["en", "pl"],
        "pdf",
        "Leaflet: the KCIK helpline",
        "When and how to call the National Intervention and Consultation Centre.",
        "Ulotka: całodobowy telefon KCIK",
        "Kiedy i jak dzwonić do Krajowego Centrum Interwencyjno-Konsultacyjnego.",
    ),
    (
        "presentation-nrm",
        MaterialType.PRESENTATION,
        Audience.MANAGERS,
        Visibility.PUBLIC,
        "kcik",
        "2025-03-27",
        ["assistance-and-shelter", "identification-of-victims"],
        ["en", "pl"],
        "pdf",
        "Presentation: the national referral mechanism",
        "Slides from the closing conference on referring presumed victims to assistance.",
        "Prezentacja: krajowy mechanizm identyfikacji i wsparcia ofiar",
        "Slajdy z konferencji podsumowującej: jak kierować domniemane ofiary do pomocy.",
    ),
    (
        "presentation-interviewing",
        MaterialType.PRESENTATION,
        Audience.FRONTLINE,
        Visibility.MEMBERS,
        "police-hq",
        "2025-04-09",
        ["identification-of-victims"],
        ["pl"],
        "pdf",
        "Presentation: interviewing a presumed victim",
        "Trauma-informed interviewing, from the workshop for investigators.",
        "Prezentacja: przesłuchanie domniemanej ofiary",
        "Przesłuchanie z uwzględnieniem traumy – materiał z warsztatów dla prowadzących postępowania przygotowawcze.",
    ),
    (
        "video-first-contact",
        MaterialType.VIDEO,
        Audience.FRONTLINE,
        Visibility.PUBLIC,
        "border-guard-hq",
        "2025-05-05",
        ["identification-of-victims"],
        [],
        "",
        "Video: the first contact",
        "A short film showing a first conversation with a presumed victim at a border crossing.",
        "Film: pierwszy kontakt",
        "Krótki film o pierwszej rozmowie z domniemaną ofiarą na przejściu granicznym.",
    ),
    (
        "interactive-training",
        MaterialType.INTERACTIVE,
        Audience.FRONTLINE,
        Visibility.MEMBERS,
        "border-guard-hq",
        "2025-08-20",
        ["identification-of-victims", "labour-exploitation"],
        ["pl"],
        "txt",
        "Interactive training: branching films",
        "An interactive course in which the officer's choices change how the story continues.",
        "Szkolenie interaktywne: filmy z wyborem ścieżki",
        "Kurs interaktywny, w którym decyzje funkcjonariusza wpływają na dalszy przebieg historii.",
    ),
    (
        "child-victims-guide",
        MaterialType.GUIDELINE,
        Audience.SUPPORT,
        Visibility.PUBLIC,
        "la-strada",
        "2024-10-21",
        ["child-victims"],
        ["en", "pl"],
        "pdf",
        "Guide: unaccompanied minors who may be victims",
        "Steps for protecting children, including the appointment of a guardian.",
        "Przewodnik: małoletni bez opieki jako potencjalne ofiary handlu ludźmi",
        "Jak krok po kroku chronić dzieci, w tym jak ustanowić dla nich kuratora.",
    ),
    (
        "return-reintegration",
        MaterialType.REPORT,
        Audience.SUPPORT,
        Visibility.PUBLIC,
        "iom-poland",
        "2024-06-30",
        ["voluntary-return"],
        ["en"],
        "pdf",
        "Voluntary return and reintegration: lessons learnt",
        "Case studies of assisted return of victims to their countries of origin.",
        "Dobrowolne powroty i reintegracja: wnioski z doświadczeń",
        "Studia przypadków: wspomagane powroty ofiar do krajów pochodzenia.",
    ),
    (
        "begging-briefing",
        MaterialType.REPORT,
        Audience.FRONTLINE,
        Visibility.MEMBERS,
        "police-hq",
        "2024-05-16",
        ["forced-begging"],
        ["pl"],
        "txt",
        "Briefing: forced begging groups",
        "Patterns observed by police units, for officers of member institutions.",
        "Notatka: grupy zmuszające do żebractwa",
        "Schematy działania zaobserwowane przez jednostki Policji – dla funkcjonariuszy instytucji członkowskich.",
    ),
    (
        "sexual-exploitation-guide",
        MaterialType.GUIDELINE,
        Audience.SUPPORT,
        Visibility.PUBLIC,
        "la-strada",
        "2025-07-07",
        ["sexual-exploitation", "assistance-and-shelter"],
        ["en", "pl"],
        "pdf",
        "Supporting victims of sexual exploitation",
        "A guide for shelter and support staff on the first weeks of assistance.",
        "Wsparcie ofiar wykorzystania seksualnego",
        "Przewodnik dla pracowników ośrodków wsparcia: pierwsze tygodnie pomocy.",
    ),
]

# Files in Ukrainian carry their own title and summary (the material's pages
# exist in English and Polish only).
UKRAINIAN = {
    "leaflet-workers-rights": (
        "Листівка: ваші права на роботі в Польщі",
        "Для іноземних працівників: заробітна плата, документи і де шукати допомоги.",
    ),
}

LANGUAGE_NOTE = {
    "en": "This is a demonstration file generated by the Cooperation Portal's seed_demo command.",
    "pl": "To jest plik demonstracyjny wygenerowany przez polecenie seed_demo Portalu Współpracy.",
    "uk": "Це демонстраційний файл, створений командою seed_demo Порталу співпраці.",
}


def _institution(slug):
    if slug not in INSTITUTIONS:
        slug_defaults = (
            slug.replace("-", " ").capitalize(),
            "",
            InstitutionKind.MINISTRY,
            "PL",
            "Warsaw",
        )
    else:
        slug_defaults = INSTITUTIONS[slug]
    name, name_pl, kind, country, city = slug_defaults
    institution, _ = Institution.objects.get_or_create(
        slug=slug,
        defaults={"name": name, "name_pl": name_pl, "kind": kind, "country": country, "city": city},
    )
    return institution


def _document(title, filename, content, collection):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, collection=collection)
        document.file.save(filename, ContentFile(content), save=False)
        document._set_document_file_metadata()
        document.save()
    return document


def _material_files(row, collection):
    (
        slug,
        _type,
        _aud,
        _vis,
        _pub,
        _date,
        _topics,
        languages,
        fmt,
        title_en,
        summary_en,
        title_pl,
        summary_pl,
    ) = row
    files = []
    for code in languages:
        title = title_pl if code == "pl" else title_en
        summary = summary_pl if code == "pl" else summary_en
        if code == "uk":
            title, summary = UKRAINIAN.get(slug, (title, summary))
        paragraphs = [summary, LANGUAGE_NOTE.get(code, LANGUAGE_NOTE["en"])]
        if fmt == "pdf" and code != "uk":
            content, extension = make_pdf(title, paragraphs * 3), "pdf"
        else:
            content, extension = make_text(title, paragraphs * 3), "txt"
        document = _document(f"{title} [{code}]", f"{slug}-{code}.{extension}", content, collection)
        if document.collection_id != collection.pk:
            document.collection = collection
            document.save(update_fields=["collection"])
        files.append(
            MaterialFile(document=document, language=Language.objects.get(code=code), label=title)
        )
    return files


def _topics(slugs, language_code):
    return list(Topic.objects.filter(slug__in=slugs, locale__language_code=language_code))


def seed_materials(index_en):
    root_collection = Collection.get_first_root_node()
    private = members_collection()
    materials = {}
    for row in MATERIALS:
        (
            slug,
            material_type,
            audience,
            visibility,
            publisher,
            date,
            topic_slugs,
            _languages,
            _fmt,
            title_en,
            summary_en,
            title_pl,
            summary_pl,
        ) = row
        collection = private if visibility == Visibility.MEMBERS else root_collection
        files = _material_files(row, collection)
        fields = {
            "title": title_en,
            "introduction": summary_en,
            "material_type": material_type,
            "audience": audience,
            "visibility": visibility,
            "publisher": _institution(publisher),
            "publication_date": datetime.date.fromisoformat(date),
            "topics": _topics(topic_slugs, "en"),
            "external_url": "https://example.org/videos/first-contact" if not files else "",
        }
        page = ensure_child_page(index_en, MaterialPage, slug, **fields)
        # Files are (re)attached to the live page; same documents each time.
        page.files = files
        page.save_revision().publish()
        translation = ensure_translation(
            page, "pl", title=title_pl, introduction=summary_pl, topics=_topics(topic_slugs, "pl")
        )
        translation.files = [
            MaterialFile(document=f.document, language=f.language, label=f.label) for f in files
        ]
        translation.save_revision().publish()
        materials[slug] = page
    return materials


def _illustration(title, alt_text, drawing):
    image = CustomImage.objects.filter(title=title).first()
    if image is not None:
        return image
    from PIL import Image, ImageDraw

    canvas = Image.new("RGB", (1200, 800), (233, 240, 247))
    drawing(ImageDraw.Draw(canvas))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    image = CustomImage(title=title, alt_text=alt_text)
    image.file = ImageFile(
        io.BytesIO(buffer.getvalue()), name=f"{title.lower().replace(' ', '-')}.png"
    )
    image.save()
    return image


def _draw_referral(draw):
    steps = [(90, "Identification"), (400, "Referral"), (710, "Assistance"), (1020, "Return")]
    for x, _label in steps:
        draw.ellipse((x - 80, 320, x + 80, 480), fill=(16, 80, 140))
    for (x1, _), (x2, _) in zip(steps, steps[1:], strict=False):
        draw.rectangle((x1 + 85, 395, x2 - 85, 405), fill=(90, 120, 150))
        draw.polygon([(x2 - 85, 380), (x2 - 85, 420), (x2 - 60, 400)], fill=(90, 120, 150))


def _draw_map(draw):
    draw.polygon(
        [(200, 250), (520, 180), (900, 220), (1000, 420), (860, 600), (420, 620), (230, 480)],
        fill=(120, 160, 120),
    )
    draw.ellipse((530, 360, 570, 400), fill=(180, 30, 40))
    draw.rectangle((0, 0, 1200, 40), fill=(16, 80, 140))


def _draw_meeting(draw):
    draw.rounded_rectangle((250, 300, 950, 520), radius=40, fill=(150, 110, 70))
    for x in range(300, 930, 120):
        draw.ellipse((x, 200, x + 70, 270), fill=(16, 80, 140))
        draw.ellipse((x, 550, x + 70, 620), fill=(200, 120, 40))


def _visit_body(language, images, documents):
    en = language == "en"
    referral, map_image, meeting = images

    def t(english, polish):
        return english if en else polish

    return [
        {"type": "heading", "value": {"text": t("Programme", "Program wizyty"), "level": "h2"}},
        {
            "type": "paragraph",
            "value": t(
                "<p>Over three days the delegation met the secretariat of the National Commission, the "
                "Sofia local commission, the State Agency for Child Protection, a specialised shelter and "
                "the Border Police at Sofia airport. Each meeting combined a presentation with a "
                "discussion of real (anonymised) cases.</p>",
                "<p>W ciągu trzech dni delegacja spotkała się z sekretariatem Krajowej Komisji, lokalną "
                "komisją w Sofii, Państwową Agencją Ochrony Dziecka, specjalistycznym ośrodkiem wsparcia "
                "dla ofiar oraz policją graniczną na lotnisku w Sofii. Każde spotkanie obejmowało "
                "prezentację i omówienie rzeczywistych (zanonimizowanych) przypadków.</p>",
            ),
        },
        {
            "type": "image",
            "value": {
                "image": map_image.pk,
                "alt_text": t(
                    "Stylised map of Bulgaria with Sofia marked in red.",
                    "Uproszczona mapa Bułgarii z zaznaczoną na czerwono Sofią.",
                ),
                "decorative": False,
                "caption": t(
                    "Sofia, where all meetings took place.",
                    "Sofia – tu odbyły się wszystkie spotkania.",
                ),
            },
        },
        {
            "type": "heading",
            "value": {
                "text": t("How Bulgaria refers victims", "Jak Bułgaria kieruje ofiary do pomocy"),
                "level": "h2",
            },
        },
        {
            "type": "paragraph",
            "value": t(
                "<p>Bulgaria's national referral mechanism gives every institution the same four steps and "
                "names a coordinator in each of its local commissions. Shelters are run by NGOs under "
                "contracts with the Commission, which also funds return and reintegration.</p>",
                "<p>Bułgarski krajowy mechanizm identyfikacji i wsparcia ofiar wyznacza wszystkim "
                "instytucjom te same cztery kroki i wskazuje koordynatora w każdej komisji lokalnej. "
                "Schroniska prowadzą organizacje pozarządowe na podstawie umów z Komisją, która "
                "finansuje także powroty i reintegrację.</p>",
            ),
        },
        {
            "type": "gallery",
            "value": {
                "title": t("From the visit", "Z wizyty"),
                "images": [
                    {
                        "image": referral.pk,
                        "alt_text": t(
                            "Diagram of four steps: identification, referral, assistance, return.",
                            "Schemat czterech kroków: identyfikacja, skierowanie, pomoc, powrót.",
                        ),
                        "decorative": False,
                        "caption": t(
                            "The four steps of the referral mechanism.",
                            "Cztery kroki krajowego mechanizmu identyfikacji i wsparcia.",
                        ),
                    },
                    {
                        "image": meeting.pk,
                        "alt_text": t(
                            "Illustration of two delegations seated on either side of a meeting table.",
                            "Ilustracja: dwie delegacje siedzące naprzeciw siebie przy stole.",
                        ),
                        "decorative": False,
                        "caption": t(
                            "Working meeting at the Commission.", "Spotkanie robocze w Komisji."
                        ),
                    },
                ],
            },
        },
        {
            "type": "quote",
            "value": {
                "text": t(
                    "A victim should never have to tell their story more than once to be helped.",
                    "Ofiara nie powinna być zmuszana do wielokrotnego opowiadania swojej historii, aby otrzymać pomoc.",
                ),
                "attribution": t(
                    "Secretariat of the National Commission", "Sekretariat Krajowej Komisji"
                ),
            },
        },
        {
            "type": "key_findings",
            "value": {
                "title": t("Key findings", "Najważniejsze wnioski"),
                "findings": [
                    t(
                        "Local commissions give every region one coordinator that all services know.",
                        "Dzięki komisjom lokalnym każdy region ma jednego koordynatora, którego znają wszystkie służby.",
                    ),
                    t(
                        "Shelter places are contracted in advance, so a referral takes hours, not days.",
                        "Miejsca w schroniskach są zakontraktowane z wyprzedzeniem, dlatego skierowanie zajmuje godziny, a nie dni.",
                    ),
                    t(
                        "Airport border police use a short indicator card in five languages.",
                        "Policja graniczna na lotnisku korzysta z krótkiej karty wskaźników w pięciu językach.",
                    ),
                ],
            },
        },
        {
            "type": "table",
            "value": {
                "caption": t("Bulgaria and Poland compared", "Bułgaria i Polska – porównanie"),
                "table": {
                    "first_row_is_table_header": True,
                    "first_col_is_header": True,
                    "data": [
                        [t("Aspect", "Obszar"), t("Bulgaria", "Bułgaria"), t("Poland", "Polska")],
                        [
                            t("Coordinating body", "Organ koordynujący"),
                            t(
                                "National Commission with a secretariat",
                                "Krajowa Komisja z sekretariatem",
                            ),
                            t("Inter-ministerial team", "Zespół międzyresortowy"),
                        ],
                        [
                            t("Local structures", "Struktury lokalne"),
                            t("Local commissions", "Komisje lokalne"),
                            t("Voivodship teams", "Zespoły wojewódzkie"),
                        ],
                        [
                            t("Shelters", "Schroniska"),
                            t(
                                "NGO-run, state-funded",
                                "Prowadzone przez organizacje pozarządowe, finansowane przez państwo",
                            ),
                            t("KCIK and NGOs", "KCIK i organizacje pozarządowe"),
                        ],
                    ],
                },
            },
        },
        {
            "type": "recommendations",
            "value": {
                "title": t("Recommendations", "Rekomendacje"),
                "recommendations": [
                    {
                        "text": t(
                            "Name one anti-trafficking coordinator in every Border Guard regional unit.",
                            "Wyznaczyć jednego koordynatora ds. handlu ludźmi w każdym oddziale Straży Granicznej.",
                        ),
                        "addressee": t(
                            "Border Guard Headquarters", "Komenda Główna Straży Granicznej"
                        ),
                    },
                    {
                        "text": t(
                            "Prepare a short multilingual indicator card for second-line checks.",
                            "Przygotować krótką wielojęzyczną kartę wskaźników do kontroli drugiej linii.",
                        ),
                        "addressee": t("Border Guard and La Strada", "Straż Graniczna i La Strada"),
                    },
                    {
                        "text": t(
                            "Hold joint inspections with the labour inspectorate in seasonal work sectors.",
                            "Prowadzić wspólne kontrole z Państwową Inspekcją Pracy w branżach zatrudniających pracowników sezonowych.",
                        ),
                        "addressee": t("Chief Labour Inspectorate", "Główny Inspektorat Pracy"),
                    },
                ],
            },
        },
        {
            "type": "document",
            "value": {
                "document": documents[0].pk,
                "title": t(
                    "Guidelines on identifying victims (PDF)",
                    "Wytyczne dotyczące identyfikacji ofiar (PDF)",
                ),
            },
        },
    ]


def seed_study_visit(index_en, materials):
    images = (
        _illustration(
            "Referral mechanism diagram",
            "Diagram of four steps: identification, referral, assistance, return.",
            _draw_referral,
        ),
        _illustration(
            "Map of Bulgaria", "Stylised map of Bulgaria with Sofia marked in red.", _draw_map
        ),
        _illustration(
            "Meeting illustration",
            "Illustration of two delegations at a meeting table.",
            _draw_meeting,
        ),
    )
    guidelines = materials["identification-guidelines"]
    documents = [f.document for f in guidelines.files.all()]
    hosts = [_institution("bulgaria-national-commission")]
    participants = [
        _institution(slug)
        for slug in ("border-guard-hq", "chief-labour-inspectorate", "iom-poland", "la-strada")
    ]
    common = {
        "host_country": "BG",
        "start_date": datetime.date(2025, 4, 7),
        "end_date": datetime.date(2025, 4, 9),
        "host_institutions": hosts,
        "participating_institutions": participants,
    }
    page = ensure_child_page(
        index_en,
        StudyVisitPage,
        "bulgaria-national-commission-2025",
        title="Study visit to Bulgaria's National Commission for Combating Trafficking",
        introduction=(
            "Eight officers and experts from Poland spent three days in Sofia learning how Bulgaria "
            "coordinates the identification, referral and assistance of victims."
        ),
        objectives=(
            "<ul><li>Learn how the National Commission and its local commissions coordinate the "
            "referral of victims.</li><li>Compare the identification practice of the Bulgarian Border "
            "Police with ours.</li><li>Agree on direct contacts for cross-border cases.</li></ul>"
        ),
        body=_visit_body("en", images, documents),
        topics=_topics(
            ["identification-of-victims", "international-cooperation", "assistance-and-shelter"],
            "en",
        ),
        **common,
    )
    page.attached_materials = [
        StudyVisitMaterial(material=materials[slug])
        for slug in ("identification-guidelines", "presentation-nrm", "project-final-report")
    ]
    page.authors = [
        StudyVisitAuthor(
            name="Katarzyna Nowicka", role="Senior specialist", institution=participants[0]
        ),
        StudyVisitAuthor(
            name="Piotr Zieliński", role="Labour inspector", institution=participants[1]
        ),
    ]
    page.save_revision().publish()
    translation = ensure_translation(
        page,
        "pl",
        slug="bulgaria-national-commission-2025",
        title="Wizyta studyjna w bułgarskiej Krajowej Komisji ds. Zwalczania Handlu Ludźmi",
        introduction=(
            "Delegacja ośmiu funkcjonariuszy i ekspertów z Polski spędziła trzy dni w Sofii, poznając, "
            "jak Bułgaria koordynuje identyfikację ofiar, kierowanie ich do pomocy i samą pomoc."
        ),
        objectives=(
            "<ul><li>Poznać, jak Krajowa Komisja i komisje lokalne koordynują kierowanie ofiar do "
            "pomocy.</li><li>Porównać sposób identyfikacji ofiar przez bułgarską policję graniczną "
            "z praktyką Straży Granicznej.</li><li>Nawiązać bezpośrednie kontakty do współpracy "
            "w sprawach transgranicznych.</li></ul>"
        ),
        body=_visit_body("pl", images, documents),
        topics=_topics(
            ["identification-of-victims", "international-cooperation", "assistance-and-shelter"],
            "pl",
        ),
    )
    translation.attached_materials = [
        StudyVisitMaterial(material=materials[slug].get_translation(translation.locale))
        for slug in ("identification-guidelines", "presentation-nrm", "project-final-report")
    ]
    translation.authors = [
        StudyVisitAuthor(
            name="Katarzyna Nowicka", role="starsza specjalistka", institution=participants[0]
        ),
        StudyVisitAuthor(
            name="Piotr Zieliński", role="inspektor pracy", institution=participants[1]
        ),
    ]
    translation.save_revision().publish()
    return page


def seed(context):
    home = context["home"]
    materials_index = ensure_child_page(
        home,
        MaterialIndexPage,
        "resources",
        title="Materials",
        show_in_menus=True,
        introduction=(
            "Guidelines, training materials, reports, survey results, legislation and leaflets "
            "shared by the institutions. Some are for members only."
        ),
    )
    visits_index = ensure_child_page(
        home,
        StudyVisitIndexPage,
        "study-visits",
        title="Study visits",
        show_in_menus=True,
        introduction="What our delegations learnt from counterparts abroad, with their materials.",
    )
    materials_pl = ensure_translation(
        materials_index,
        "pl",
        slug="materialy",
        title="Materiały",
        introduction=(
            "Wytyczne, materiały szkoleniowe, raporty, wyniki badań, przepisy i ulotki udostępniane "
            "przez instytucje. Część jest dostępna tylko dla członków."
        ),
    )
    visits_pl = ensure_translation(
        visits_index,
        "pl",
        slug="wizyty-studyjne",
        title="Wizyty studyjne",
        introduction="Relacje z wizyt studyjnych: czego nasze delegacje dowiedziały się od partnerów za granicą – wraz z materiałami.",
    )
    add_to_navigation(materials_index)
    add_to_navigation(visits_index)
    materials = seed_materials(materials_index)
    seed_study_visit(visits_index, materials)
    ensure_moderation_workflow(materials_index, materials_pl, visits_index, visits_pl)
    context.setdefault("pages", {}).update(
        {"materials": materials_index, "study_visits": visits_index}
    )
    context["stdout"].write(f"Materials: {len(materials)} in English and Polish; study visits: 1.")
