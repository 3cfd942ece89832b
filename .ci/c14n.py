#!/usr/bin/env python3
"""Prints the canonical form (C14N 2.0, comments kept) of each XML file given.

Used by the XLIFF round-trip check: xmllint --c14n refuses documents with relative namespace
URIs (xmlns:my="myNS"), which the OASIS test suite uses, so the check canonicalises with the
Python standard library instead.
"""
import sys
import xml.etree.ElementTree as ET

status = 0
for path in sys.argv[1:]:
    try:
        sys.stdout.write(ET.canonicalize(from_file=path, with_comments=True))
        sys.stdout.write("\n")
    except Exception as error:  # report and continue with the next file
        sys.stderr.write(f"{path}: {error}\n")
        status = 1
sys.exit(status)
