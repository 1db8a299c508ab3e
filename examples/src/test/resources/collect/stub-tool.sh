#!/bin/bash
# A stand-in for az or kubectl in CollectCliTest: replays the recorded output of an exact argument list, using
# bash builtins only (the PATH holds nothing but the stubs).
#
# $STUB_RECORDINGS/manifest.tsv has one line per recorded command: the tool name and its arguments joined by the
# unit separator (0x1f), a tab, the exit code, a tab, the file holding its stdout, a tab, the file holding its
# stderr (names relative to $STUB_RECORDINGS, "-" for none). Every call is appended to $STUB_RECORDINGS/calls.log
# in the same joined form, so a test sees the exact argument array. A call with no recording exits 97.
tool=${0##*/}
key=$tool
for a in "$@"; do
  key+=$'\x1f'"$a"
done
printf '%s\n' "$key" >> "$STUB_RECORDINGS/calls.log"
while IFS=$'\t' read -r k code out err; do
  if [[ "$k" == "$key" ]]; then
    if [[ "$out" != "-" ]]; then
      printf '%s\n' "$(<"$STUB_RECORDINGS/$out")"
    fi
    if [[ "$err" != "-" ]]; then
      printf '%s\n' "$(<"$STUB_RECORDINGS/$err")" >&2
    fi
    exit "$code"
  fi
done < "$STUB_RECORDINGS/manifest.tsv"
printf 'stub %s: no recording for: %s\n' "$tool" "$*" >&2
exit 97
