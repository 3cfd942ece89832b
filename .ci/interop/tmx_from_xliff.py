"""Writes a TMX whose units are the XLIFF file's own sources, each with a made-up translation,
in the language pair of the first <file> that has units, so that pre-translating the file fills
every segment of the files in that pair."""
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

path, out = sys.argv[1], sys.argv[2]
src, trg, texts = None, None, []
try:
    root = ET.parse(path).getroot()
    src = root.get('srcLang'); trg = root.get('trgLang')
    for el in root.iter():
        local = el.tag.rsplit('}', 1)[-1]
        if local == 'file' and not (src and trg):
            has_units = any(e.tag.rsplit('}', 1)[-1] in ('trans-unit', 'unit') for e in el.iter())
            if has_units:
                src = src or el.get('source-language'); trg = trg or el.get('target-language')
        if local in ('source', 'mrk') and (local == 'source' or el.get('mtype') == 'seg'):
            text = ''.join(el.itertext()).strip()
            if text:
                texts.append(text)
except ET.ParseError:
    # Not namespace-well-formed: take the languages from the text.
    import re
    raw = open(path, encoding='utf-8', errors='replace').read()
    for attribute in ('source-language', 'srcLang'):
        found = re.search(attribute + r'="([^"]+)"', raw)
        src = src or (found and found.group(1))
    for attribute in ('target-language', 'trgLang'):
        found = re.search(attribute + r'="([^"]+)"', raw)
        trg = trg or (found and found.group(1))
src = src or 'en'; trg = trg or 'de'
with open(out, 'w', encoding='utf-8') as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang=%s datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="ci" creationtoolversion="1"/><body>\n' % quoteattr(src))
    for text in texts or ['(empty)']:
        f.write('<tu><tuv xml:lang=%s><seg>%s</seg></tuv><tuv xml:lang=%s><seg>%s</seg></tuv></tu>\n' % (quoteattr(src), escape(text), quoteattr(trg), escape('[' + trg + '] ' + text)))
    f.write('</body></tmx>\n')
