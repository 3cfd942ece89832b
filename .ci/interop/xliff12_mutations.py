"""Writes mutated copies of XLIFF 1.2 files (elements added, removed, swapped and duplicated,
attributes of every kind set to good and bad values, stray text) for comparing werkbank's 1.2
validator with the transitional XSD. Deterministic for a seed.

usage: xliff12_mutations.py SEED COUNT OUT_DIR FILE..."""
import copy
import random
import sys
import xml.etree.ElementTree as ET

NS = 'urn:oasis:names:tc:xliff:document:1.2'
XML = 'http://www.w3.org/XML/1998/namespace'
ET.register_namespace('', NS)
NAMES = ['xliff', 'file', 'header', 'skl', 'glossary', 'reference', 'internal-file', 'external-file',
         'note', 'phase-group', 'phase', 'count-group', 'count', 'context-group', 'context', 'prop-group',
         'prop', 'tool', 'body', 'group', 'trans-unit', 'source', 'seg-source', 'target', 'alt-trans',
         'bin-unit', 'bin-source', 'bin-target', 'g', 'x', 'bx', 'ex', 'ph', 'bpt', 'ept', 'it', 'sub',
         'mrk', 'other']
ATTRIBUTES = ['id', 'mid', 'rid', 'state', 'state-qualifier', 'context-type', 'ctype', 'mtype', 'pos',
              'tool-id', 'phase-name', 'translate', 'approved', 'datatype', 'restype', 'xml:lang',
              'xml:space', 'date', 'priority', 'annotates', 'match-quality', 'alttranstype', 'coord',
              'reformat', 'purpose', 'name', 'crc', 'uid', 'href', 'form', 'size-unit', 'maxwidth',
              'version', 'source-language', 'target-language', 'count-type', 'unit', 'mime-type',
              'clone', 'assoc', '{urn:example:ext}ext', 'bogus', 'equiv-text', 'xid', 'match-mandatory',
              'prop-type', 'tool-name', 'process-name']
VALUES = ['1', '2', 'a b', 'yes', 'no', 'translated', 'x-foo', 'x-', 'source', 'element', 'seg', 'open',
          'close', 'de', 'en-US', 'de_DE', '', '2020-01-01T10:00:00Z', '2020-13-01T10:00:00', '5', '11',
          'general', '1;2;3;4', '1;2;3', 'coord font', 'information x-a', 'bold', 'image', 'preceding',
          'text/plain', 'foo/bar', '1.2', '2.0', 'plaintext', 'po', 't1', 'p1',
          'needs-review-translation', 'exact-match', 'num-usages', 'word', ' translated ']


def tag(name):
    return '{urn:example:ext}other' if name == 'other' else '{%s}%s' % (NS, name)


def mutate(root, rnd):
    element = rnd.choice(list(root.iter()))
    operation = rnd.randrange(8)
    if operation == 0:
        new = ET.Element(tag(rnd.choice(NAMES)))
        if rnd.random() < 0.5:
            new.text = 't'
        element.insert(rnd.randrange(len(element) + 1), new)
    elif operation == 1 and len(element):
        del element[rnd.randrange(len(element))]
    elif operation == 2:
        name = rnd.choice(ATTRIBUTES)
        if name.startswith('xml:'):
            name = '{%s}%s' % (XML, name[4:])
        element.set(name, rnd.choice(VALUES))
    elif operation == 3 and element.attrib:
        del element.attrib[rnd.choice(list(element.attrib))]
    elif operation == 4 and len(element) > 1:
        i, j = rnd.randrange(len(element)), rnd.randrange(len(element))
        a, b = element[i], element[j]
        element[i] = b
        element[j] = a
    elif operation == 5:
        element.text = (element.text or '') + 'zz'
    elif operation == 6 and len(element):
        child = element[rnd.randrange(len(element))]
        element.insert(rnd.randrange(len(element) + 1), copy.deepcopy(child))
    elif len(element):
        element[rnd.randrange(len(element))].tail = 'yy'


def main():
    seed, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    trees = []
    for path in sys.argv[4:]:
        try:
            trees.append(ET.parse(path))
        except ET.ParseError:
            pass
    rnd = random.Random(seed)
    for number in range(count):
        tree = copy.deepcopy(rnd.choice(trees))
        for _ in range(rnd.randrange(1, 5)):
            mutate(tree.getroot(), rnd)
        tree.write('%s/m%04d.xlf' % (out, number), xml_declaration=True, encoding='utf-8')


main()
