"""Read one input file into its source text (schema §5: offsets refer to this text).

Everything that can go wrong with an input file ends here as an `InputError` with a short
human problem, so a batch can report it in one line and go on with the next file.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISREG

import trafilatura
from lxml import etree
from lxml.html import HTMLParser, fromstring

from .page_facts import NO_FACTS, PageFacts, html_page_facts, text_page_facts
from .pdf import PDF_MAGIC, PdfProblem, pdf_text

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
HTML_SUFFIXES = (".html", ".htm")
DEFAULT_MAX_BYTES = 20_000_000  # 20 MB, decimal as in "20 MB"

# Leading bytes of file formats that reach us by mistake, most specific first (a PDF is
# read by its text layer, pdf.py).
MAGIC_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "binary file (PNG image), not text"),
    (b"\xff\xd8\xff", "binary file (JPEG image), not text"),
    (b"GIF87a", "binary file (GIF image), not text"),
    (b"GIF89a", "binary file (GIF image), not text"),
    (b"PK\x03\x04", "binary file (ZIP archive or Office document such as .docx), not text"),
    (b"PK\x05\x06", "binary file (ZIP archive), not text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "binary file (old Office document such as .doc), not text"),
    (b"\x1f\x8b", "binary file (gzip archive), not text"),
)

# Byte-order marks; UTF-32 first because its little-endian BOM starts like UTF-16's.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# WHATWG Encoding Standard: browsers read these labels as windows-1252, and so do we.
WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1",
                                 "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252"})
# A <meta> that says UTF-16 cannot have been read by an ASCII prescan; browsers use UTF-8.
UTF16_LABELS = frozenset({"utf-16", "utf-16le", "utf-16be", "utf16"})
# Python codecs that decode bytes to text but that no web page is written in: a browser
# ignores these labels, and so do we (the bytes then decide, as for an unknown label).
NOT_WEB_CODECS = frozenset({"undefined", "idna", "punycode", "unicode-escape", "raw-unicode-escape"})

DECLARED_CHARSET_RE = re.compile(
    rb"""
    <meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)   # <meta charset=..> and
                                                              # <meta content="..; charset=..">
    | <\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)   # XHTML's XML declaration
    """,
    re.IGNORECASE | re.VERBOSE,
)
CHARSET_PRESCAN_BYTES = 4096

# C0 control characters that plain text never holds (tab, line ends, form feed and the
# DOS end-of-file mark Ctrl-Z excepted).
STRAY_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.02

# libxml2 stops parsing an HTML page at 256 nested elements (its default depth limit), so
# trafilatura sees only the part above that depth: a page nested deeper has "no main text".
# Such a page is parsed again with lxml's huge_tree option (libxml2 then allows 2048) and
# read if it is nested at most MAX_HTML_DEPTH levels; trafilatura's cost grows faster than
# the depth (about 1.5 s at 1000 levels, 8 s near 2048), so deeper pages are refused.
LXML_DEFAULT_DEPTH = 255
MAX_HTML_DEPTH = 1000
DEEP_HTML_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                              remove_comments=True, remove_pis=True, huge_tree=True)


class InputError(Exception):
    """A file that cannot be read as an article; the message names file and problem.
    n_bytes and sha256 describe the file when its bytes were read (for sources.csv)."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        self.n_bytes: int | None = None
        self.sha256 = ""
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True)
class Source:
    """One input file read: its source text, and for sources.csv its size, its SHA-256 and
    what it says of itself."""

    doc_id: str
    path: str
    text: str
    is_html: bool
    n_bytes: int = 0
    sha256: str = ""
    page: PageFacts = NO_FACTS


def html_main_text(html) -> str:
    """Main text of an HTML page as trafilatura extracts it; the HTML's source text.

    html (str | lxml.html.HtmlElement): the page, or its parsed tree.
    """
    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
    )
    return text or ""


def describe_size(n_bytes: int) -> str:
    """Size as people say it, in decimal units.

    >>> describe_size(31_234_567), describe_size(20_000_000), describe_size(1500), describe_size(80)
    ('31.2 MB', '20 MB', '1.5 kB', '80 bytes')
    """
    for unit, factor in (("MB", 1_000_000), ("kB", 1_000)):
        if n_bytes >= factor:
            return f"{n_bytes / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n_bytes} bytes"


def _size_problem(size: int, max_bytes: int) -> str:
    shown_size, shown_limit = describe_size(size), describe_size(max_bytes)
    if shown_size == shown_limit:  # 20.0004 MB vs 20 MB: rounding would hide the excess
        shown_size, shown_limit = f"{size} bytes", f"{max_bytes} bytes"
    return f"file is {shown_size}, over the {shown_limit} limit (--max-bytes)"


def _cp1252_with_latin1_gaps(error: UnicodeDecodeError):
    """Decode the five bytes windows-1252 leaves undefined as Latin-1 does."""
    undefined = error.object[error.start:error.end]
    return "".join(chr(b) for b in undefined), error.end


codecs.register_error("pipeline-latin1-gaps", _cp1252_with_latin1_gaps)


def declared_charset(data: bytes) -> str | None:
    """Python codec named by an HTML page's <meta> charset or XML declaration, if usable.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    'cp1252'
    >>> declared_charset(b"<meta charset='utf-8'>"), declared_charset(b"<p>no meta</p>")
    ('utf-8', None)
    """
    match = DECLARED_CHARSET_RE.search(data[:CHARSET_PRESCAN_BYTES])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    if label in WINDOWS_1252_LABELS:
        return "cp1252"
    if label in UTF16_LABELS:
        return "utf-8"
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return None if codec in NOT_WEB_CODECS else codec


def _decode_nul_bearing(data: bytes) -> str | None:
    """UTF-16/32 text saved without a BOM, else None (the NUL bytes mean binary).

    charset-normalizer is used here and only here: NUL bytes without a BOM are either
    BOM-less UTF-16/32, which it recognises reliably, or binary. For 8-bit text it is no
    help, since it takes German windows-1252 for exotic code pages (hp_roman8, cp1250).
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or not best.encoding.startswith(("utf_16", "utf_32")):
        return None
    return str(best)


def decode_text(data: bytes, *, html: bool = False) -> str:
    """Decoded text with line ends normalised to "\\n", as Python's text mode reads it.

    Order: byte-order mark, then (HTML only) the declared charset, then strict UTF-8,
    then windows-1252: German text that is not valid UTF-8 is almost always 1252/Latin-1.
    Raises ValueError with a problem text when the bytes are not text.

    >>> decode_text("Förderung\\r\\n".encode("cp1252"))
    'Förderung\\n'
    """
    text = None
    has_bom = False
    for bom, codec in BYTE_ORDER_MARKS:
        if data.startswith(bom):
            has_bom = True
            if codec == "utf-8-sig":  # the rest may still be 1252 text behind a stray BOM
                data = data[len(bom):]
            else:
                text = data.decode(codec, errors="replace")
            break
    if text is None and b"\x00" in data:
        text = _decode_nul_bearing(data)
        if text is None:
            raise ValueError("binary file (contains NUL bytes), not text")
    if text is None and html and not has_bom:
        codec = declared_charset(data)
        if codec:
            try:
                text = data.decode(codec)
            except (UnicodeError, LookupError):
                # the declaration is wrong, or names a codec that gives no text ("hex",
                # "base64", "rot13" raise LookupError): fall back to what the bytes say
                text = None
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="pipeline-latin1-gaps")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _magic_problem(head: bytes) -> str | None:
    for signature, problem in MAGIC_SIGNATURES:
        if head.startswith(signature):
            return problem
    return None


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, checking existence, type and size before reading any of it."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as error:
        raise InputError(path, f"cannot read ({error.strerror or error})") from None
    if S_ISDIR(stat.st_mode):  # from the one stat (Path.is_dir and is_file would stat twice more)
        raise InputError(path, "is a folder, not a file")
    if not S_ISREG(stat.st_mode):
        raise InputError(path, "not a regular file")
    if stat.st_size > max_bytes:
        raise InputError(path, _size_problem(stat.st_size, max_bytes))
    if stat.st_size == 0:
        raise InputError(path, "empty file")
    try:
        with path.open("rb") as handle:
            # As many bytes as stat() gave, and one more: a read of max_bytes + 1 at once would
            # allocate that buffer (20 MB) for every file (0.07 s CPU over the 2448 files of the
            # 5 MB bench). A file grown since stat() is read on, up to max_bytes + 1 in all.
            data = handle.read(stat.st_size + 1)
            if len(data) > stat.st_size:
                data += handle.read(max_bytes + 1 - len(data))
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as error:
        raise InputError(path, f"cannot read ({error.strerror or error})") from None
    if len(data) > max_bytes:
        raise InputError(path, _size_problem(len(data), max_bytes))
    return data


def tree_depth(tree) -> int:
    """Elements on the longest path from the root down, the root counted (one pass)."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _deep_html_text(path: Path, html: str) -> str:
    """Main text of a page nested beyond libxml2's default depth; "" for a page that is not.

    Raises InputError for a page nested deeper than MAX_HTML_DEPTH.
    """
    tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=DEEP_HTML_PARSER)
    depth = tree_depth(tree)
    if depth <= LXML_DEFAULT_DEPTH:
        return ""  # the default parse saw the whole page
    if depth > MAX_HTML_DEPTH:
        raise InputError(path, f"HTML nested more than {MAX_HTML_DEPTH} levels deep; not read")
    return html_main_text(tree)


def _html_text(path: Path, html: str) -> tuple[str, PageFacts]:
    """Main text and metadata of a page, from one parse; tells a page lxml cannot parse
    from one with no article."""
    try:
        parsed = trafilatura.load_html(html)
        if parsed is None:
            raise InputError(path, "broken HTML (cannot be parsed)")
        facts = html_page_facts(parsed)
        text = html_main_text(parsed)
        if text.strip():
            return text, facts
        if tree_depth(parsed) >= LXML_DEFAULT_DEPTH:
            text = _deep_html_text(path, html)
            if text.strip():
                return text, facts
    except InputError:
        raise
    except Exception as error:  # trafilatura/lxml raise many kinds on malformed input
        raise InputError(path, f"broken HTML ({type(error).__name__})") from None
    raise InputError(path, "HTML has no main text")


def read_source(path, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read one file as an article.

    path (str | Path): a .txt, .md, .html, .htm or .pdf file.
    max_bytes (int): larger files are refused before any byte is read.
    RETURNS (Source): the decoded text (for HTML: trafilatura's main text; for a PDF: its
        text layer).
    Raises InputError naming the file and the problem.
    """
    path = Path(path)
    return source_from_bytes(path, _read_bytes(path, max_bytes))


def bytes_digest(data: bytes) -> str:
    """The sha256 of a file's bytes: sources.csv shows it, the result cache keys entries by it."""
    return hashlib.sha256(data).hexdigest()


def read_bytes(path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes as read_source reads them (InputError for a missing, empty or too
    large file), for whoever needs them before the text: the result cache hashes them."""
    return _read_bytes(Path(path), max_bytes)


def source_from_bytes(path: Path, data: bytes) -> Source:
    """The article in a file's bytes, already read (read_source's second half)."""
    sha256 = bytes_digest(data)
    try:
        doc_id, text, is_html, page = _article(path, data)
    except InputError as error:
        error.n_bytes, error.sha256 = len(data), sha256
        raise
    return Source(doc_id=doc_id, path=str(path), text=text, is_html=is_html, n_bytes=len(data),
                  sha256=sha256, page=page)


def _article(path: Path, data: bytes) -> tuple[str, str, bool, PageFacts]:
    """doc_id, source text, whether HTML, and what the file says of itself."""
    if data.startswith(PDF_MAGIC) or path.suffix.lower() == ".pdf":
        try:
            text = pdf_text(data)
        except PdfProblem as problem:
            raise InputError(path, str(problem)) from None
        return path.stem, text, False, text_page_facts(text)
    problem = _magic_problem(data)
    if problem:
        raise InputError(path, problem)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "without extension"
        raise InputError(path, f"unsupported file type {shown} (use {', '.join(SUPPORTED_SUFFIXES)})")
    is_html = suffix in HTML_SUFFIXES
    try:
        text = decode_text(data, html=is_html)
    except ValueError as error:
        raise InputError(path, str(error)) from None
    if not text:
        raise InputError(path, "empty file")
    if not text.strip():
        raise InputError(path, "only whitespace")
    if STRAY_CONTROL_RE.subn("", text)[1] > MAX_CONTROL_SHARE * len(text):
        raise InputError(path, "binary file (control characters), not text")
    if is_html:
        text, page = _html_text(path, text)
        return path.stem, text, True, page
    return path.stem, text, False, text_page_facts(text)
