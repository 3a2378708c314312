"""The text layer of a PDF, as the source text of a press release (offsets refer to it).

pdfminer.six reads it: its layout analysis puts a two-column page's left column before
its right one even when the file draws the page line by line across both columns (pypdf
follows the drawing order, which mixes the columns' sentences); neither joins words broken
at line ends, which the clean stage does (clean/repairs.py). pdfminer's page break (a form
feed) becomes a line end.
"""

from __future__ import annotations

import logging
import re
from io import BytesIO

PDF_MAGIC = b"%PDF-"
NO_TEXT_LAYER = "no text layer — scanned PDF?"
LETTER_RE = re.compile(r"[^\W\d_]")
PAGE_BREAK = "\x0c"  # what pdfminer puts after each page


class PdfProblem(ValueError):
    """A PDF whose text cannot be read; the message is the problem, for InputError."""


def pdf_text(data: bytes) -> str:
    """The text of a PDF's pages.

    Raises PdfProblem: a broken or encrypted file, or one without a text layer (a scan:
    no letter on any page).
    """
    from pdfminer.high_level import extract_text  # imported when a PDF comes, not for every run
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings on odd files are noise here
    try:
        text = extract_text(BytesIO(data))
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise PdfProblem("encrypted PDF; not read") from None
    except Exception as error:  # pdfminer raises many kinds (PSEOF, PDFSyntaxError, KeyError…) on broken files
        raise PdfProblem(f"broken PDF ({type(error).__name__})") from None
    text = text.replace(PAGE_BREAK, "\n").rstrip()
    if not LETTER_RE.search(text):
        raise PdfProblem(NO_TEXT_LAYER)
    return text
