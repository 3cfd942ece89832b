#!/usr/bin/env bash
# Interoperability with other tools' files, through the werkbank binary:
#  1. translate-toolkit (from PyPI, in a virtual environment) fills the targets of a 1.2 file
#     werkbank created from the seed article; werkbank merge and tm import lose nothing.
#  2. po2xliff output of a real PO file: tm import learns exactly the translated entries.
#  3. Every file under data/xliff/samples: pretranslate and merge exit 0, and the output is
#     valid to the XSD wherever the input was.
#  4. The 1.2 validator agrees with the 1.2 transitional XSD (xmllint) on every 1.2 file under
#     data/xliff and on mutated copies of them; the agreement floor is in docs/CONFORMANCE.md.
# Usage: .ci/interop.sh SHARED_DIR WERKBANK_BINARY [VENV_DIR]
set -euo pipefail
shared="$1"
werkbank="$2"
here="$(cd "$(dirname "$0")" && pwd)"
venv="${3:-$here/../target/ci-venv}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
schemas="$shared/data/xliff/schemas"
export XML_CATALOG_FILES="$schemas/w3c-catalog.xml"
schema12="$schemas/xliff-1.2/xliff-core-1.2-transitional.xsd"
fail() { echo "FAIL: $*" >&2; exit 1; }

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check "translate-toolkit==3.20.4"
python="$venv/bin/python"

echo "--- 1. translate-toolkit fills a werkbank 1.2 file"
seeds=("$shared"/data/seed/*.txt); seed="${seeds[0]}"
"$werkbank" xliff create --source-lang de --target-lang en --xliff-version 1.2 -o "$work/seed.xlf" "$seed"
units=$(grep -c '<trans-unit' "$work/seed.xlf")
filled=$("$python" "$here/interop/toolkit_fill.py" "$work/seed.xlf" "$work/filled.xlf")
[ "$filled" = "$units" ] || fail "translate-toolkit filled $filled of $units units"
"$werkbank" xliff merge -o "$work/merged.txt" "$work/filled.xlf" 2>"$work/merge.err"
if grep -q "not translated" "$work/merge.err"; then fail "merge: $(cat "$work/merge.err")"; fi
translated=$(grep -c '^EN ' "$work/merged.txt" || true)
paragraphs=$(grep -c . "$seed" || true)
echo "units $units, filled by translate-toolkit $filled, merged paragraphs in English $translated of $paragraphs"
[ "$translated" = "$units" ] || fail "merge wrote $translated translations for $units units"
# Layout: the merged document has the original's line structure.
[ "$(grep -c '' "$work/merged.txt")" = "$(grep -c '' "$seed")" ] || fail "merge changed the number of lines"
"$werkbank" tm import --tm "$work/seed.wbtm" "$work/filled.xlf" 2>"$work/import.err"
cat "$work/import.err"
learnt=$(grep -o 'imported [0-9]*' "$work/import.err" | grep -o '[0-9]*')
known=$(grep -o '[0-9]* known already' "$work/import.err" | grep -o '^[0-9]*')
[ $((learnt + known)) = "$units" ] || fail "tm import learnt $learnt + $known known of $units units"
if grep -q skipped "$work/import.err"; then fail "tm import skipped units"; fi

echo "--- 2. po2xliff output into a memory"
po="$shared/data/formats/po/ndisc6_de.po"
"$venv/bin/po2xliff" --progress=none "$po" "$work/po.xlf"
expected=$("$python" "$here/interop/po2xliff_expect.py" "$work/po.xlf" | sed -n 1p)
"$werkbank" tm import --tm "$work/po.wbtm" "$work/po.xlf" 2>"$work/po.err"
cat "$work/po.err"
learnt=$(grep -o 'imported [0-9]*' "$work/po.err" | grep -o '[0-9]*')
known=$(grep -o '[0-9]* known already' "$work/po.err" | grep -o '^[0-9]*')
[ $((learnt + known)) = "$expected" ] || fail "tm import of po2xliff output: $learnt + $known, expected $expected"
grep -q '1 header units' "$work/po.err" || fail "the PO header was not reported as skipped"
"$python" "$here/interop/po2xliff_expect.py" "$work/po.xlf" | tail -n +2 | while IFS=$'\t' read -r source target; do
  found=$("$werkbank" tm lookup --tm "$work/po.wbtm" --format json "$source" | "$python" -c 'import json,sys; m=json.loads(sys.stdin.readline())["matches"]; print(m[0]["score"], m[0]["target"]) if m else print("none")')
  [ "$found" = "100 $target" ] || fail "lookup of $source: $found"
done

echo "--- 3. pretranslate and merge every sample"
schema_for() {
  case "$1" in
    *"document:1.2"*) echo "$schema12" ;;
    *"document:2.2"*) echo "$schemas/xliff-2.2/all-modules-2.2.xsd" ;;
    *"document:2.0"*) echo "$schemas/xliff-2.1/all-modules-2.1.xsd" ;;
    *) echo "" ;;
  esac
}
samples=0; sample_failures=0
while IFS= read -r -d '' f; do
  samples=$((samples + 1))
  "$python" "$here/interop/tmx_from_xliff.py" "$f" "$work/tm.tmx"
  if ! "$werkbank" xliff pretranslate --tm "$work/tm.tmx" -o "$work/out.xlf" "$f" 2>"$work/err"; then
    echo "pretranslate failed: $f: $(tail -1 "$work/err")"; sample_failures=$((sample_failures + 1)); continue
  fi
  if ! "$werkbank" xliff merge -o "$work/merged" "$work/out.xlf" 2>"$work/err"; then
    echo "merge failed: $f: $(tail -1 "$work/err")"; sample_failures=$((sample_failures + 1))
  fi
  ns=$(head -c 4000 "$f" | tr -d '\0' | grep -o 'urn:oasis:names:tc:xliff:document:[0-9.]*' | sed -n 1p || true)
  schema="$(schema_for "$ns")"
  if [ -n "$schema" ] && xmllint --nonet --noout --schema "$schema" "$f" >/dev/null 2>&1; then
    if ! xmllint --nonet --noout --schema "$schema" "$work/out.xlf" >/dev/null 2>"$work/err"; then
      echo "output not schema-valid: $f: $(head -2 "$work/err")"; sample_failures=$((sample_failures + 1))
    fi
  fi
done < <(find "$shared/data/xliff/samples" -type f \( -name '*.xlf' -o -name '*.xliff' -o -name '*.sdlxliff' \) -print0 | sort -z)
echo "samples: $samples, pretranslate + merge failures or invalid outputs: $sample_failures"
[ "$sample_failures" = 0 ] || fail "samples"

echo "--- 4. the 1.2 validator against the 1.2 transitional XSD"
agree() { # file -> prints "agree" or "disagree: ..."
  local x=valid w=valid
  xmllint --nonet --noout --schema "$schema12" "$1" >/dev/null 2>&1 || x=invalid
  "$werkbank" xliff validate --format json "$1" >"$work/v.json" 2>/dev/null || true
  if grep -q '"rule":"xliff12-schema/\|"rule":"xml/' "$work/v.json"; then w=invalid; fi
  if [ $x = $w ]; then echo agree; else echo "disagree: xsd $x, werkbank $w: $1"; fi
}
files12=()
while IFS= read -r -d '' f; do
  if head -c 4000 "$f" | tr -d '\0' | grep 'urn:oasis:names:tc:xliff:document:1.2' >/dev/null; then files12+=("$f"); fi
done < <(find "$shared/data/xliff" -type f \( -name '*.xlf' -o -name '*.xliff' -o -name '*.sdlxliff' \) -print0 | sort -z)
agreed=0
for f in "${files12[@]}"; do
  verdict=$(agree "$f")
  if [ "$verdict" = agree ]; then agreed=$((agreed + 1)); else echo "$verdict"; fi
done
echo "1.2 files in ../shared: werkbank agrees with the XSD on $agreed of ${#files12[@]}"
mkdir -p "$work/mutated"
"$python" "$here/interop/xliff12_mutations.py" 12 1000 "$work/mutated" "${files12[@]}"
mutated_agreed=0; mutated=0
for f in "$work"/mutated/*.xlf; do
  mutated=$((mutated + 1))
  verdict=$(agree "$f")
  if [ "$verdict" = agree ]; then mutated_agreed=$((mutated_agreed + 1)); else echo "$verdict"; fi
done
echo "mutated 1.2 files: werkbank agrees with the XSD on $mutated_agreed of $mutated"
floor=$(grep -o 'XSD agreement floor: [0-9]*' "$here/../docs/CONFORMANCE.md" | grep -o '[0-9]*$' || echo 0)
[ "$agreed" = "${#files12[@]}" ] || fail "the 1.2 validator disagrees with the XSD on files in ../shared"
[ "$mutated_agreed" -ge "$floor" ] || fail "agreement on mutated files $mutated_agreed is below the floor $floor"
echo "interop: all checks passed"
