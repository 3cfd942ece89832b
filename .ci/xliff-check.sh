#!/usr/bin/env bash
# XLIFF round trip and schema checks with the werkbank binary (issue: XLIFF 1.2 and 2.x).
#  1. `werkbank xliff rewrite` on every well-formed sample and every OASIS valid/in-out file:
#     the output must be canonical-XML-equal (C14N with comments) to the input; byte-identical
#     outputs are counted. The same with --regenerate (every tag written from the model).
#  2. What `werkbank xliff create` writes (1.2, 2.0, 2.1, 2.2) and what `rewrite` writes for every
#     input that is itself schema-valid must validate with xmllint against ../shared schemas.
# Usage: .ci/xliff-check.sh SHARED_DIR WERKBANK_BINARY
set -euo pipefail
shared="$1"
werkbank="$2"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
schemas="$shared/data/xliff/schemas"
export XML_CATALOG_FILES="$schemas/w3c-catalog.xml"

schema_for() {
  case "$1" in
    *"urn:oasis:names:tc:xliff:document:1.2"*) echo "$schemas/xliff-1.2/xliff-core-1.2-transitional.xsd" ;;
    *"urn:oasis:names:tc:xliff:document:2.2"*) echo "$schemas/xliff-2.2/all-modules-2.2.xsd" ;;
    *"urn:oasis:names:tc:xliff:document:2.0"*) echo "$schemas/xliff-2.1/all-modules-2.1.xsd" ;;
    *) echo "" ;;
  esac
}

namespace_of() { head -c 4000 "$1" | tr -d '\0' | grep -o 'urn:oasis:names:tc:xliff:document:[0-9.]*' | sed -n 1p || true; }

xsd_valid() { # file schema
  xmllint --nonet --noout --schema "$2" "$1" >/dev/null 2>&1
}

files=()
while IFS= read -r -d '' f; do files+=("$f"); done < <(
  find "$shared/data/xliff/samples" -type f \( -name '*.xlf' -o -name '*.xliff' -o -name '*.sdlxliff' \) -print0
  find "$shared/data/xliff/testsuite" -type f -name '*.xlf' \( -path '*/valid/*' -o -path '*/in-out/*' \) -print0
)

total=0; refused=0; no_c14n=0; identical=0; c14n_equal=0; regenerated_equal=0; schema_checked=0; schema_failed=0
failures=()
for f in "${files[@]}"; do
  total=$((total + 1))
  out="$work/out.xlf"
  if ! "$werkbank" xliff rewrite -o "$out" "$f" 2>"$work/err"; then
    refused=$((refused + 1))
    echo "not read (not well-formed or refused): $f: $(cat "$work/err")"
    continue
  fi
  if cmp -s "$f" "$out"; then identical=$((identical + 1)); fi
  if ! python3 "$here/c14n.py" "$f" > "$work/a.c14n" 2>"$work/err"; then
    # Not namespace-well-formed (a prefix nobody declared): werkbank reads it, but it has no
    # canonical form; the rewrite must then be byte-identical.
    no_c14n=$((no_c14n + 1))
    echo "no canonical form: $f: $(cat "$work/err")"
    cmp -s "$f" "$out" || failures+=("rewrite of a file without canonical form not byte-identical: $f")
    continue
  fi
  if python3 "$here/c14n.py" "$out" > "$work/b.c14n" && cmp -s "$work/a.c14n" "$work/b.c14n"; then
    c14n_equal=$((c14n_equal + 1))
  else
    failures+=("rewrite not C14N-equal: $f")
  fi
  "$werkbank" xliff rewrite --regenerate -o "$work/regen.xlf" "$f"
  if python3 "$here/c14n.py" "$work/regen.xlf" > "$work/c.c14n" && cmp -s "$work/a.c14n" "$work/c.c14n"; then
    regenerated_equal=$((regenerated_equal + 1))
  else
    failures+=("rewrite --regenerate not C14N-equal: $f")
  fi
  schema="$(schema_for "$(namespace_of "$f")")"
  if [ -n "$schema" ] && xsd_valid "$f" "$schema"; then
    schema_checked=$((schema_checked + 1))
    if ! xsd_valid "$out" "$schema" || ! xsd_valid "$work/regen.xlf" "$schema"; then
      schema_failed=$((schema_failed + 1))
      failures+=("rewrite output not schema-valid: $f")
    fi
  fi
done
read_ok=$((total - refused - no_c14n))
echo "rewrite: $total files, $refused not read (not well-formed or DOCTYPE), $read_ok rewritten"
echo "rewrite: $no_c14n read without a canonical form (undeclared prefixes) and written back byte-identical"
echo "rewrite: C14N-equal $c14n_equal/$read_ok, byte-identical $((identical - no_c14n))/$read_ok, --regenerate C14N-equal $regenerated_equal/$read_ok"
echo "rewrite: schema-valid inputs $schema_checked, outputs failing the schema $schema_failed"

seeds=("$shared"/data/seed/*.txt); seed="${seeds[0]}"
for version in 1.2 2.0 2.1 2.2; do
  "$werkbank" xliff create --source-lang de --target-lang en --xliff-version "$version" -o "$work/create.xlf" "$seed"
  schema="$(schema_for "$(namespace_of "$work/create.xlf")")"
  if xmllint --nonet --noout --schema "$schema" "$work/create.xlf" 2>"$work/err"; then
    echo "create $version: schema-valid"
  else
    failures+=("create $version not schema-valid: $(head -3 "$work/err")")
  fi
  "$werkbank" xliff validate "$work/create.xlf" >/dev/null || failures+=("create $version rejected by werkbank xliff validate")
done

# 3. Converting the core content between 1.2 and 2.1: every readable 1.2 sample to 2.1, every
#    OASIS 2.x core/valid file to 1.2; the output must pass werkbank's validator and the schema.
converted=0
for f in "${files[@]}"; do
  case "$(namespace_of "$f")" in
    *document:1.2) target=2.1 ;;
    *document:2.0|*document:2.2) case "$f" in *core/valid/*) target=1.2 ;; *) continue ;; esac ;;
    *) continue ;;
  esac
  "$werkbank" xliff validate "$f" >/dev/null 2>&1 || continue
  if ! "$werkbank" xliff convert --to "$target" -o "$work/converted.xlf" "$f" 2>"$work/err"; then
    failures+=("convert to $target failed: $f: $(cat "$work/err")")
    continue
  fi
  converted=$((converted + 1))
  "$werkbank" xliff validate "$work/converted.xlf" >"$work/out" 2>&1 || failures+=("convert to $target not valid: $f: $(head -2 "$work/out")")
  schema="$(schema_for "$(namespace_of "$work/converted.xlf")")"
  xsd_valid "$work/converted.xlf" "$schema" || failures+=("convert to $target not schema-valid: $f")
done
echo "convert: $converted valid inputs converted between 1.2 and 2.1"

if [ "${#failures[@]}" -gt 0 ]; then
  printf '%s\n' "${failures[@]}"
  exit 1
fi
echo "xliff checks passed"
