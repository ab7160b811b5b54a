#!/usr/bin/env bash
# Regenerates everything under fixtures/: the content, torrents made by independent tools
# (libtorrent, transmission-create, C mktorrent), hand-made and hostile torrents, and the
# golden values (golden.json, README.md files) as the independent tools report them.
#
# Needs: /usr/bin/python3 with libtorrent, transmission-create, transmission-show, /usr/bin/mktorrent
# (Debian: apt-get install python3-libtorrent transmission-cli mktorrent).
# Only info-hashes are stable across runs: transmission-create always writes a creation date.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FIXTURES="$ROOT/fixtures"
PYTHON=/usr/bin/python3
C_MKTORRENT=/usr/bin/mktorrent
HELPERS="$ROOT/scripts/fixtures"
TRACKER=http://tracker.example/announce

"$PYTHON" -c 'import libtorrent' || { echo "need /usr/bin/python3 with libtorrent (apt-get install python3-libtorrent)" >&2; exit 1; }
for tool in transmission-create transmission-show "$C_MKTORRENT"; do
  command -v "$tool" >/dev/null || { echo "need $tool (apt-get install transmission-cli mktorrent)" >&2; exit 1; }
done

rm -rf "$FIXTURES/content" "$FIXTURES/torrents" "$FIXTURES/hostile"
mkdir -p "$FIXTURES/content" "$FIXTURES/torrents" "$FIXTURES/hostile"

"$PYTHON" "$HELPERS/make-content.py" "$FIXTURES/content"

MANIFEST=$(mktemp)
trap 'rm -f "$MANIFEST"' EXIT

# Tools run from fixtures/content with relative paths, so the recorded commands work on any checkout.
make_torrent() {
  local file=$1 tool=$2
  shift 2
  (cd "$FIXTURES/content" && "$@" >/dev/null)
  printf '%s\t%s\t%s\n' "$file" "$tool" "$*" >>"$MANIFEST"
}

LT=("$PYTHON" ../../test/interop/libtorrent-tool.py create)
for mode in v1 v2 hybrid; do
  make_torrent "lt-$mode-tree.torrent" libtorrent \
    "${LT[@]}" tree "../torrents/lt-$mode-tree.torrent" --mode "$mode" --piece-length 32768 --tracker "$TRACKER"
done
make_torrent lt-hybrid-single.torrent libtorrent \
  "${LT[@]}" single.bin ../torrents/lt-hybrid-single.torrent --mode hybrid --piece-length 32768 --tracker "$TRACKER"

for target in tree single.bin; do
  base=${target%.bin}
  make_torrent "transmission-$base.torrent" transmission-create \
    transmission-create -s 32 -t "$TRACKER" -o "../torrents/transmission-$base.torrent" "$target"
  make_torrent "mktorrent-$base.torrent" mktorrent \
    "$C_MKTORRENT" -l 15 -a "$TRACKER" -d -o "../torrents/mktorrent-$base.torrent" "$target"
done

"$PYTHON" "$HELPERS/make-handmade.py" "$FIXTURES"
"$PYTHON" "$HELPERS/make-hostile.py" "$FIXTURES"
printf '%s\t%s\t%s\n' unsorted-keys-v1.torrent hand-bencoded \
  "$PYTHON ../../scripts/fixtures/make-handmade.py .." >>"$MANIFEST"

"$PYTHON" "$HELPERS/write-golden.py" "$FIXTURES" "$MANIFEST"
echo "fixtures regenerated under $FIXTURES"
