"""Fictional people for generated registrations and synthetic institutions."""

FIRST_NAMES = [
    "Anna", "Piotr", "Katarzyna", "Tomasz", "Magdalena", "Paweł", "Agnieszka", "Marcin",
    "Joanna", "Michał", "Ewa", "Krzysztof", "Monika", "Łukasz", "Barbara", "Jakub",
    "Natalia", "Adam", "Olena", "Iryna",
]  # fmt: skip
LAST_NAMES = [
    "Nowak", "Kowalczyk", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski", "Zielińska",
    "Szymański", "Woźniak", "Dąbrowski", "Kozłowska", "Jankowski", "Mazur", "Kwiatkowska",
    "Krawczyk", "Piotrowski", "Grabowska", "Pawlak", "Michalska", "Zając",
]  # fmt: skip
POSITIONS = [
    "Inspector", "Senior specialist", "Officer", "Head of unit", "Coordinator", "Lawyer",
    "Case worker",
]  # fmt: skip

ASCII = str.maketrans("łśąęóżźćń", "lsaeozzcn")


def full_name(first, last):
    """A name with the surname agreeing with the first name, as Polish requires
    (Anna Lewandowska, Piotr Lewandowski): names are drawn at random from one
    list of each."""
    female = first.endswith("a")
    for masculine, feminine in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if female and last.endswith(masculine):
            return f"{first} {last[: -len(masculine)]}{feminine}"
        if not female and last.endswith(feminine):
            return f"{first} {last[: -len(feminine)]}{masculine}"
    return f"{first} {last}"


def person(rng, key, domain="example.org"):
    """A random person's name and an address unique to `key`."""
    name = full_name(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
    return name, f"{name.replace(' ', '.')}.{key}@{domain}".lower().translate(ASCII)
