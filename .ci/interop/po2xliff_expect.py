"""What `werkbank tm import` must learn from a po2xliff file: units approved and translated,
not the header, not fuzzy, not empty. Prints the count of distinct (source, target) pairs and,
on following lines, up to 5 sources with their targets as TAB-separated pairs (stripped)."""
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
learnt = []
for unit in root.iter():
    if unit.tag.rsplit('}', 1)[-1] != 'trans-unit':
        continue
    if unit.get('restype') == 'x-gettext-domain-header' or unit.get('approved') != 'yes':
        continue
    source = target = None
    for child in unit:
        local = child.tag.rsplit('}', 1)[-1]
        if local == 'source':
            source = ''.join(child.itertext())
        elif local == 'target':
            target = ''.join(child.itertext())
    if source and source.strip() and target and target.strip():
        learnt.append((source.strip(), target.strip()))
print(len(learnt))
for source, target in learnt[:5]:
    if '\n' not in source and '\t' not in source:
        print(source + '\t' + target)
