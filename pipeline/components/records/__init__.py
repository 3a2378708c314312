"""Record assembly (de_records): one module per record field and the context they share.

context.py   DocContext: the doc's mentions by label, sentence and section look-ups
cue_words.py where a cue list cannot match: its words, from the doc scan's word pass
land.py      land        sentence → Land section → document subject
programme.py programme   sentence → section heading → the article's one programme
body.py      body        sentence's organisation → named Land/government → section → issuer
qualifier.py qualifier and per, from the sentence
time.py      period, deadline, duration
assemble.py  the registered factory: walks the figures and asks each field module
"""

from .assemble import Draft, ProgrammeDraft, RecordAssembler, make_records  # noqa: F401  (registers de_records)
