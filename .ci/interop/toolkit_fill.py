"""Fills every unit of an XLIFF file through translate-toolkit's own API, as a translator's
tool built on it would: target = "EN " + source. Prints the number of units filled."""
import sys

from translate.storage import xliff

store = xliff.xlifffile.parsefile(sys.argv[1])
filled = 0
for unit in store.units:
    if unit.isheader() or not unit.source:
        continue
    unit.target = "EN " + unit.source.strip()
    filled += 1
store.savefile(sys.argv[2])
print(filled)
