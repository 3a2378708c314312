"""Reading input files: encodings, line ends, HTML, and one clear problem per bad file.

Every sentence here was written for these tests in the style of German press releases.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from pipeline.io.inputs import iter_input_files
from pipeline.io.reading import (
    InputError,
    decode_text,
    declared_charset,
    read_bytes,
    read_source,
)

SATZ = "Die Förderquote für Gemeinden beträgt 80 Prozent – „Größe zählt“, sagt die Ministerin: 1.500 €.\n"
SATZ_LATIN1 = "Das Land Thüringen fördert Kommunen mit bis zu 20.000 Euro für Straßen.\n"

# (id, bytes, html, expected text)
DECODING = [
    ("utf-8", SATZ.encode("utf-8"), False, SATZ),
    ("utf-8 with BOM", codecs.BOM_UTF8 + SATZ.encode("utf-8"), False, SATZ),
    ("utf-16 LE with BOM", SATZ.encode("utf-16"), False, SATZ),
    ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + SATZ.encode("utf-16-be"), False, SATZ),
    ("utf-32 with BOM", SATZ.encode("utf-32"), False, SATZ),
    ("utf-16 LE without BOM", SATZ.encode("utf-16-le"), False, SATZ),
    ("windows-1252 with € and „“", SATZ.encode("cp1252"), False, SATZ),
    ("latin-1 umlauts and ß", SATZ_LATIN1.encode("latin-1"), False, SATZ_LATIN1),
    ("utf-8 BOM before a 1252 body", codecs.BOM_UTF8 + SATZ.encode("cp1252"), False, SATZ),
    ("1252 bytes left undefined read as latin-1", b"Ma\xdfnahme \x81", False, "Maßnahme \x81"),
    ("CRLF", "Förderaufruf\r\nBis zu 50.000 Euro.\r\n".encode(), False, "Förderaufruf\nBis zu 50.000 Euro.\n"),
    ("CR (old Mac)", "Förderaufruf\rBis zu 50.000 Euro.\r".encode(), False, "Förderaufruf\nBis zu 50.000 Euro.\n"),
    ("mixed line ends", b"a\r\nb\rc\nd", False, "a\nb\nc\nd"),
    ("CRLF in cp1252", "Zuschüsse\r\nfür Städte\r\n".encode("cp1252"), False, "Zuschüsse\nfür Städte\n"),
    ("CRLF in utf-16", "Zuschüsse\r\nfür Städte\r\n".encode("utf-16"), False, "Zuschüsse\nfür Städte\n"),
    ("html meta charset iso-8859-15 (€ is 0xA4)",
     b'<html><head><meta charset="iso-8859-15"></head><body>F\xf6rderung: 5 \xa4</body></html>', True,
     '<html><head><meta charset="iso-8859-15"></head><body>Förderung: 5 €</body></html>'),
    ("html http-equiv windows-1252",
     b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>Gr\xfc\xdfe \x80</p>', True,
     '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>Grüße €</p>'),
    ("html says iso-8859-1, bytes hold 1252's „“ (browsers read it as 1252)",
     b"<meta charset=ISO-8859-1><p>\x84Heimat\x93 f\xfcr alle</p>", True,
     "<meta charset=ISO-8859-1><p>„Heimat“ für alle</p>"),
    ("html says utf-8 but is 1252: the bytes win",
     b"<meta charset='utf-8'><p>Zusch\xfcsse</p>", True, "<meta charset='utf-8'><p>Zuschüsse</p>"),
    ("html says iso-8859-1 but is utf-8: the declaration wins, as in a browser",
     "<meta charset=iso-8859-1><p>ü</p>".encode(), True, "<meta charset=iso-8859-1><p>Ã¼</p>"),
    ("xhtml xml declaration", b"<?xml version='1.0' encoding='ISO-8859-1'?><p>\xc4nderung</p>", True,
     "<?xml version='1.0' encoding='ISO-8859-1'?><p>Änderung</p>"),
    ("html BOM beats meta", codecs.BOM_UTF8 + "<meta charset=iso-8859-1><p>ü</p>".encode(), True,
     "<meta charset=iso-8859-1><p>ü</p>"),
    ("unknown charset label ignored", b"<meta charset=x-klingon><p>Stra\xc3\x9fe</p>", True,
     "<meta charset=x-klingon><p>Straße</p>"),
    # issue 15: a codec that gives no text raised LookupError; it is ignored as an unknown label
    *[(f"html charset {label} is no text encoding", f"<meta charset={label}><p>Straße</p>".encode(), True,
       f"<meta charset={label}><p>Straße</p>") for label in ("hex", "base64", "rot13", "zlib", "quopri", "uu")],
    *[(f"html charset {label} is Python's, no web page's", f"<meta charset={label}><p>Straße</p>".encode(), True,
       f"<meta charset={label}><p>Straße</p>") for label in ("undefined", "idna", "punycode", "unicode_escape")],
    ("html charset utf-7 that cannot decode the bytes", "<meta charset=utf-7><p>Straße</p>".encode(), True,
     "<meta charset=utf-7><p>Straße</p>"),
    ("meta charset in a .txt is not a declaration", "<meta charset=iso-8859-1> ü".encode(), False,
     "<meta charset=iso-8859-1> ü"),
]


@pytest.mark.parametrize("data, html, expected", [row[1:] for row in DECODING], ids=[row[0] for row in DECODING])
def test_decode_text(data, html, expected):
    assert decode_text(data, html=html) == expected


@pytest.mark.parametrize(
    "data, expected",
    [
        (b'<meta charset="UTF-8">', "utf-8"),
        (b"<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=iso-8859-1'>", "cp1252"),
        (b'<meta charset="us-ascii">', "cp1252"),
        (b'<meta charset="utf-16">', "utf-8"),
        (b'<meta charset="iso-8859-15">', "iso8859-15"),
        ("<meta name='description' content='Förderung'>".encode(), None),
        (b" " * 5000 + b'<meta charset="iso-8859-1">', None),  # beyond the prescan
    ],
)
def test_declared_charset(data, expected):
    assert declared_charset(data) == expected


def test_txt_file_offsets_refer_to_decoded_text(tmp_path):
    path = tmp_path / "aufruf.txt"
    path.write_bytes("Förderaufruf\r\nDas Land Brandenburg gibt bis zu 50.000 Euro.\r\n".encode("cp1252"))
    source = read_source(path)
    start = source.text.index("50.000 Euro")
    assert source.text[start:start + 11] == "50.000 Euro"
    assert source.text == path.read_text(encoding="cp1252")  # exactly as Python's text mode reads it
    assert (source.doc_id, source.is_html) == ("aufruf", False)


def test_html_with_declared_charset_gives_main_text(tmp_path):
    page = ("<html><head><meta charset='windows-1252'><title>Förderung</title></head><body>"
            "<nav><a href='/'>Startseite</a></nav><article><h1>Neue Förderung für Städte</h1>"
            "<p>Der Freistaat Sachsen unterstützt Gemeinden mit bis zu 40.000 Euro je Vorhaben. "
            "Anträge können ab sofort bei der Sächsischen Aufbaubank gestellt werden.</p>"
            "</article></body></html>")
    path = tmp_path / "meldung.HTML"
    path.write_bytes(page.encode("cp1252"))
    source = read_source(path)
    assert source.is_html
    assert "Der Freistaat Sachsen unterstützt Gemeinden mit bis zu 40.000 Euro je Vorhaben." in source.text
    assert "<" not in source.text


def nested_page(depth: int) -> bytes:
    """A page whose article sits inside `depth` nested <div> elements."""
    article = "<p>Das Land Hessen fördert jede Kommune mit bis zu 20.000 Euro. Die Mittel können ab sofort beantragt werden.</p>"
    return ("<html><body>" + "<div>" * depth + article + "</div>" * depth + "</body></html>").encode()


GOOD_HTML = ("<html><body><article><p>Das Land Hessen fördert jede Kommune mit bis zu 20.000 Euro. "
             "Die Mittel können ab sofort beantragt werden.</p></article></body></html>").encode()

# (id, file name, bytes, max_bytes, expected problem)
BAD_FILES = [
    ("empty", "leer.txt", b"", 1000, "empty file"),
    ("only a BOM", "bom.txt", codecs.BOM_UTF8, 1000, "empty file"),
    ("whitespace", "leer.md", b" \r\n\t\n  \n", 1000, "only whitespace"),
    ("whitespace in utf-16", "leer16.txt", " \n\n".encode("utf-16"), 1000, "only whitespace"),
    ("truncated pdf", "bericht.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", 1000, "broken PDF (PDFSyntaxError)"),
    ("pdf named .txt, read as PDF", "bericht.txt", b"%PDF-1.4\n", 1000, "broken PDF (PDFSyntaxError)"),
    ("not a pdf named .pdf", "bericht.pdf", b"Das Land gibt 10.000 Euro.", 1000, "broken PDF (PDFSyntaxError)"),
    ("png", "logo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1000, "binary file (PNG image), not text"),
    ("jpeg", "foto.html", b"\xff\xd8\xff\xe0\x00\x10JFIF", 1000, "binary file (JPEG image), not text"),
    ("gif", "bild.txt", b"GIF89a\x01\x00\x01\x00", 1000, "binary file (GIF image), not text"),
    ("docx", "pressemitteilung.docx", b"PK\x03\x04\x14\x00\x06\x00", 1000,
     "binary file (ZIP archive or Office document such as .docx), not text"),
    ("NUL bytes", "daten.txt", b"Kommune\x00\x01\x02\x00\xff\x00\x10\x00" * 3, 1000,
     "binary file (contains NUL bytes), not text"),
    ("control characters", "steuer.txt", bytes(range(1, 9)) * 4 + b"Text", 1000,
     "binary file (control characters), not text"),
    ("over the limit", "gross.txt", b"Euro " * 300, 1000, "file is 1.5 kB, over the 1 kB limit (--max-bytes)"),
    ("over by one byte", "knapp.txt", b"x" * 1001, 1000, "file is 1001 bytes, over the 1000 bytes limit (--max-bytes)"),
    ("html fragment that trafilatura cannot parse", "kaputt.html", b"</td></tr></table></div>\n</body>", 1000,
     "broken HTML (cannot be parsed)"),
    ("plain text saved as .htm", "text.htm", "Nur ein Satz über Förderung, ohne jede Auszeichnung.".encode(), 1000,
     "broken HTML (cannot be parsed)"),
    ("html with navigation only", "navi.html",
     b"<html><head><title>Start</title></head><body><nav><ul><li><a href='/'>Startseite</a></li></ul></nav></body></html>",
     1000, "HTML has no main text"),
    ("html with empty body", "leer.html", b"<html><head><title>x</title></head><body></body></html>", 1000,
     "HTML has no main text"),
    # issue 15: nested 255 levels, libxml2's default limit, the page was "no main text"
    ("html nested deeper than the reader goes", "tief.html", nested_page(1500), 100_000,
     "HTML nested more than 1000 levels deep; not read"),
    ("unsupported suffix", "tabelle.csv", b"Kommune;Betrag\n", 1000,
     "unsupported file type '.csv' (use .txt, .md, .html, .htm, .pdf)"),
]


@pytest.mark.parametrize("name, data, max_bytes, problem", [row[1:] for row in BAD_FILES],
                         ids=[row[0] for row in BAD_FILES])
def test_read_source_names_the_problem(tmp_path, name, data, max_bytes, problem):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_source(path, max_bytes=max_bytes)
    assert caught.value.problem == problem
    assert caught.value.path == str(path)
    assert str(caught.value) == f"{path}: {problem}"


@pytest.mark.parametrize("name, max_bytes", [("gut.txt", 1000), ("gut.html", 1000), ("gut.txt", 62)])
def test_good_files_read(tmp_path, name, max_bytes):
    path = tmp_path / name
    path.write_bytes(GOOD_HTML if name.endswith(".html") else "Das Land Hessen fördert jede Kommune mit bis zu 20.000 Euro.\n".encode())
    assert "Das Land Hessen fördert jede Kommune mit bis zu 20.000 Euro." in read_source(path, max_bytes=max_bytes).text


@pytest.mark.parametrize("depth", [10, 255, 600])
def test_deeply_nested_html_is_read(tmp_path, depth):
    """issue 15: beyond 255 levels libxml2 stopped parsing and the page had "no main text"."""
    path = tmp_path / "tief.html"
    path.write_bytes(nested_page(depth))
    assert "Das Land Hessen fördert jede Kommune mit bis zu 20.000 Euro." in read_source(path).text


def test_size_is_checked_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "riesig.txt"
    path.write_bytes(b"a" * 5000)

    def refuse_open(self, *args, **kwargs):
        raise AssertionError("the file was opened although it is too large")

    monkeypatch.setattr(Path, "open", refuse_open)
    with pytest.raises(InputError, match=r"file is 5 kB, over the 1 kB limit"):
        read_source(path, max_bytes=1000)


def test_unreadable_file(tmp_path, monkeypatch):
    """chmod 000 does not stop root, so the refusal is simulated where it happens."""
    path = tmp_path / "gesperrt.txt"
    path.write_text("Das Land Bayern fördert Kommunen mit 10.000 Euro.", encoding="utf-8")
    real_open = Path.open

    def open_refusing(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_refusing)
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert caught.value.problem == "permission denied"


def test_missing_and_folder_given_as_file(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        read_source(tmp_path / "fehlt.txt")
    with pytest.raises(InputError, match="is a folder, not a file"):
        read_source(tmp_path)


def _expected_kind_problem(path: Path) -> str | None:
    """What the file-kind check says of path, the plain way (Path.is_dir and is_file)."""
    if not path.exists():
        return "no such file or directory"
    if path.is_dir():
        return "is a folder, not a file"
    return None if path.is_file() else "not a regular file"


def _link_to(target: Path, link: Path, make_target) -> None:
    make_target(target)
    link.symlink_to(target)


# (entry made at "x.txt" in an empty folder): read_bytes tells its kind from its one stat
KINDS = [
    ("file", lambda folder, x: x.write_text("Förderung", encoding="utf-8")),
    ("folder", lambda folder, x: x.mkdir()),
    ("link to a file", lambda folder, x: _link_to(folder / "f", x, lambda f: f.write_text("a", encoding="utf-8"))),
    ("link to a folder", lambda folder, x: _link_to(folder / "d", x, Path.mkdir)),
    ("dangling link", lambda folder, x: x.symlink_to(folder / "fehlt")),
    ("fifo", lambda folder, x: os.mkfifo(x)),
]


@pytest.mark.parametrize("make", [make for _, make in KINDS], ids=[kind for kind, _ in KINDS])
def test_the_kind_of_entry_from_one_stat_is_the_kind_is_dir_and_is_file_tell(tmp_path, make):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "x.txt"
    make(tmp_path, path)
    try:
        read_bytes(path)
        problem = None
    except InputError as error:
        problem = error.problem
    assert problem == _expected_kind_problem(path)


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        if name.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("Förderung", encoding="utf-8")


# (id, files to create, arguments, expected yields: a relative path or "ERROR:<arg>:<problem>")
EXPANSION = [
    ("folder sorted, recursive, supported only",
     ["korpus/b.txt", "korpus/a.html", "korpus/unter/c.md", "korpus/bild.png", "korpus/d.HTM", "korpus/e.pdf"],
     ["korpus"], ["korpus/a.html", "korpus/b.txt", "korpus/d.HTM", "korpus/e.pdf", "korpus/unter/c.md"]),
    ("hidden files and folders skipped",
     ["korpus/.entwurf.txt", "korpus/.git/x.txt", "korpus/sichtbar.txt"], ["korpus"], ["korpus/sichtbar.txt"]),
    ("explicit file of any suffix kept for read_source to judge", ["bericht.pdf"], ["bericht.pdf"], ["bericht.pdf"]),
    ("files of all arguments sorted together, each once",
     ["z.txt", "korpus/a.txt"], ["z.txt", "korpus", "korpus/a.txt"], ["korpus/a.txt", "z.txt"]),
    ("missing path", ["a.txt"], ["fehlt.txt", "a.txt"], ["ERROR:fehlt.txt:no such file or directory", "a.txt"]),
    ("empty folder", ["leer/"], ["leer"], ["ERROR:leer:no supported files in folder (.txt, .md, .html, .htm, .pdf)"]),
    ("folder of unsupported files", ["bilder/a.png", "bilder/b.jpg"], ["bilder"],
     ["ERROR:bilder:no supported files in folder (.txt, .md, .html, .htm, .pdf)"]),
    ("a PDF in a folder is listed", ["scans/seite1.pdf", "scans/bild.png"], ["scans"], ["scans/seite1.pdf"]),
    ("folder with only hidden files", ["versteckt/.a.txt"], ["versteckt"],
     ["ERROR:versteckt:no supported files in folder (.txt, .md, .html, .htm, .pdf)"]),
]


@pytest.mark.parametrize("files, args, expected", [row[1:] for row in EXPANSION], ids=[row[0] for row in EXPANSION])
def test_iter_input_files(tmp_path, monkeypatch, files, args, expected):
    _tree(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    got = []
    for item in iter_input_files(args):
        if isinstance(item, InputError):
            got.append(f"ERROR:{item.path}:{item.problem}")
        else:
            got.append(item.as_posix())
    assert got == expected
