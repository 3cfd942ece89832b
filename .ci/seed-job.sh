#!/usr/bin/env bash
# The main job on the seed article, through the command line, as a user runs it:
#   create (1.2 and 2.1, XSD-valid) → pretranslate against a TMX holding some of its sentences
#   (fills exactly those, offers fuzzy candidates for near ones) → merge (same paragraphs,
#   English where translated) → tm import of the translated XLIFF → pretranslate again (101).
# The TMX is made here: the seed article aligned with the project's own English translation
# (crates/align/tests/data/seed_article_en.txt); every second one-to-one pair is kept as it is,
# and every fourth of the others is kept with one word of its German side dropped.
#
# Usage: .ci/seed-job.sh ../shared target/release/werkbank
set -euo pipefail

shared="$1"
werkbank="$(realpath "$2")"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
schemas="$shared/data/xliff/schemas"
export XML_CATALOG_FILES="$schemas/w3c-catalog.xml"
seeds=("$shared"/data/seed/*.txt); seed="${seeds[0]}"
english="$root/crates/align/tests/data/seed_article_en.txt"
failed=0
fail() { echo "FAIL: $*"; failed=1; }

"$werkbank" align --source "$seed" --target "$english" --format json -o "$work/beads.json"
python3 - "$work" <<'PY'
import json, sys
from xml.sax.saxutils import escape
work = sys.argv[1]
beads = json.load(open(f"{work}/beads.json"))
src, tgt = beads["source_segments"], beads["target_segments"]
known, near = [], []
one_to_one = [b for b in beads["beads"] if len(b["source"]) == 1 and len(b["target"]) == 1]
for n, bead in enumerate(one_to_one):
    de, en = src[bead["source"][0]], tgt[bead["target"][0]]
    if n % 2 == 0:
        known.append((de, en))
    elif n % 4 == 1 and len(de.split()) > 6 and de not in dict(known):
        words = de.split()
        del words[len(words) // 2]
        near.append((" ".join(words), en, de))
with open(f"{work}/memory.tmx", "w") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="seed-job" '
              'creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="de" datatype="plaintext"/>\n<body>\n')
    for de, en, *_ in known + near:
        out.write(f'<tu><tuv xml:lang="de"><seg>{escape(de)}</seg></tuv><tuv xml:lang="en"><seg>{escape(en)}</seg></tuv></tu>\n')
    out.write("</body></tmx>\n")
json.dump({"known": known, "near": near}, open(f"{work}/expected.json", "w"), ensure_ascii=False)
print(f"seed TMX: {len(known)} sentences as they are, {len(near)} with one word dropped")
PY

for version in 1.2 2.1; do
  case "$version" in
    1.2) schema="$schemas/xliff-1.2/xliff-core-1.2-transitional.xsd" ;;
    *) schema="$schemas/xliff-2.1/all-modules-2.1.xsd" ;;
  esac
  "$werkbank" xliff create --source-lang de --target-lang en --xliff-version "$version" -o "$work/seed.xlf" "$seed"
  xmllint --nonet --noout --schema "$schema" "$work/seed.xlf" 2>/dev/null || fail "$version: create output not XSD-valid"
  "$werkbank" xliff pretranslate --tm "$work/memory.tmx" --report "$work/report.json" -o "$work/pre.xlf" "$work/seed.xlf"
  xmllint --nonet --noout --schema "$schema" "$work/pre.xlf" 2>/dev/null || fail "$version: pretranslate output not XSD-valid"
  "$werkbank" xliff validate "$work/pre.xlf" >/dev/null || fail "$version: pretranslate output not valid to werkbank"
  "$werkbank" xliff merge -o "$work/merged.txt" "$work/pre.xlf" 2>"$work/merge.err"
  rm -f "$work/memory.wbtm"
  "$werkbank" tm import --tm "$work/memory.wbtm" "$work/pre.xlf" 2>"$work/import.err"
  "$werkbank" xliff pretranslate --tm "$work/memory.wbtm" --report "$work/again.json" -o "$work/again.xlf" "$work/seed.xlf" 2>/dev/null
  python3 - "$work" "$seed" "$version" <<'PY' || fail "$version: see above"
import json, sys
work, seed, version = sys.argv[1:4]
expected = json.load(open(f"{work}/expected.json"))
report = json.load(open(f"{work}/report.json"))["segments"]
again = json.load(open(f"{work}/again.json"))["segments"]
known = {de: en for de, en in expected["known"]}
near = {original for _, _, original in expected["near"]} - set(known)
ok = True
def check(condition, message):
    global ok
    if not condition:
        ok = False
        print(f"  {version}: {message}")
filled = [s for s in report if s["outcome"].startswith("filled")]
should = [s for s in report if s["source"] in known]
check([s["source"] for s in filled] == [s["source"] for s in should],
      f"filled {len(filled)} segments, expected exactly the {len(should)} known ones")
for s in filled:
    check(s.get("target") == known.get(s["source"]), f"wrong target for {s['source'][:40]!r}")
offered = [s for s in report if s["source"] in near]
for s in offered:
    check(s["outcome"] == "offered" and 70 <= s.get("score", 0) < 100,
          f"near sentence not offered as fuzzy: {s['source'][:40]!r} {s['outcome']} {s.get('score')}")
original = open(seed, encoding="utf-8").read()
merged = open(f"{work}/merged.txt", encoding="utf-8").read()
paragraphs = lambda t: [p for p in t.split("\n\n") if p.strip()]
check(len(paragraphs(merged)) == len(paragraphs(original)),
      f"merged has {len(paragraphs(merged))} paragraphs, original {len(paragraphs(original))}")
for s in filled:
    check(s["target"] in merged, f"translation missing from the merged text: {s['target'][:40]!r}")
for s in report:
    if not s["outcome"].startswith("filled"):
        check(s["source"] in merged, f"untranslated source missing from the merged text: {s['source'][:40]!r}")
context = [s for s in again if s["outcome"] == "filled_context"]
# XLIFF 1.2 keeps one state per trans-unit: only units whose every segment is translated are learnt.
if version == "1.2":
    check(len(context) <= len(filled), "more context matches than translations")
else:
    check(len(context) == len(filled), f"{len(context)} context (101) matches on the second run, expected {len(filled)}")
print(f"seed {version}: {len(report)} segments; filled {len(filled)} (expected {len(should)}); "
      f"fuzzy offered for {sum(1 for s in offered if s['outcome'] == 'offered')}/{len(offered)} near; "
      f"merged {len(paragraphs(merged))}/{len(paragraphs(original))} paragraphs; "
      f"second run {len(context)} in context (101)")
sys.exit(0 if ok else 1)
PY
  echo "  merge: $(tr '\n' ' ' < "$work/merge.err")"
  echo "  import: $(tr '\n' ' ' < "$work/import.err")"
done
exit "$failed"
