"""Reading uploaded CSV files: encodings, delimiters, line numbers, bad files."""

import pytest

from portal.imports import UnreadableFile, read_table


def values(table):
    return [(row.line, row.values) for row in table.rows]


@pytest.mark.parametrize(
    "data",
    [
        "name,city\nAnna Wójcik,Łódź\n".encode(),
        "\ufeffname,city\r\nAnna Wójcik,Łódź\r\n".encode(),  # Excel's "CSV UTF-8"
        "name;city\nAnna Wójcik;Łódź\n".encode("cp1250"),  # Excel on a Polish Windows
        "name\tcity\nAnna Wójcik\tŁódź\n".encode(),
    ],
)
def test_what_spreadsheet_programs_save_is_read_alike(data):
    table = read_table(data)
    assert table.header == ["name", "city"]
    assert values(table) == [(2, ["Anna Wójcik", "Łódź"])]


def test_rows_are_numbered_as_a_spreadsheet_program_shows_them():
    data = b'name,note\n\n"Anna","two\nlines"\n Piotr , x \n'
    assert values(read_table(data)) == [(2, []), (3, ["Anna", "two\nlines"]), (4, ["Piotr", "x"])]
    assert read_table(data).rows[0].is_blank


def test_control_characters_are_dropped_and_export_apostrophes_undone():
    data = b"name,phone,formula\nEve\x1b[31m,'+48 800 000 002,'=1+1\n"
    assert values(read_table(data)) == [(2, ["Eve[31m", "+48 800 000 002", "=1+1"])]
    assert values(read_table(b"name\nO'Brien\n'quoted'\n")) == [(2, ["O'Brien"]), (3, ["'quoted'"])]


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"", "The file is empty.", 0),
        (b" \n\n", "The file is empty.", 0),
        (b"\xff\xfe\x00g\x00a\x00r\x00", "The file is not a text CSV file", 0),
        (b"\x81\x90\x98", "The file is not a text CSV file", 0),
        (b"\n,\nAnna,x\n", "The file has no header line.", 1),
        (b"x" * (2 * 1024 * 1024 + 1), "The file is too large (at most 2 MB).", 0),
    ],
)
def test_unreadable_files_say_why(data, message, line):
    with pytest.raises(UnreadableFile) as error:
        read_table(data, max_bytes=2 * 1024 * 1024)
    assert error.value.message.startswith(message)
    assert error.value.line == line


def test_broken_csv_is_reported_with_its_line():
    # A quote left open swallows the rest of the file into one huge value.
    with pytest.raises(UnreadableFile) as error:
        read_table(b'name,city\nAnna,Lodz\nPiotr,"Gdynia\n' + b"x\n" * 70_000)
    assert "not valid CSV" in error.value.message
    assert error.value.line > 3
