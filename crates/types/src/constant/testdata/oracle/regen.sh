#!/bin/sh
# Regenerates ../golden.tsv from Go's go/constant (see ../README.md).
set -e
cd "$(dirname "$0")"
GO=${GO:-go}
tmp=$(mktemp -d)
"$GO" build -o "$tmp/oracle" .
python3 gen.py | "$tmp/oracle" | python3 post.py > ../golden.tsv
rm -rf "$tmp"
wc -l ../golden.tsv
