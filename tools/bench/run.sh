#!/usr/bin/env bash
# `make bench`: CampaignPress against Hugo on the same generated corpus (docs/performance.md).
# Cold and warm builds, alternating with Hugo, outputs on /dev/shm; prints wall time and peak memory
# of each run and the ratios to Hugo. Also times 1,000 / 10,000 / 50,000 pages for linearity
# (BENCH_SCALING=0 skips that part), then the edit-to-page time of `campaign serve` (tools/bench/serve-latency.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=${BENCH_DIR:-/dev/shm/campaignpress-bench}
RUNS=${BENCH_RUNS:-5}
CAMPAIGN=$PWD/.build/release/campaign
command -v hugo >/dev/null || { echo "hugo is missing: apt-get install hugo" >&2; exit 2; }
python3 tools/bench/make-corpus.py "$ROOT/corpus" --news 8000 --exposures 2000 >/dev/null

measure() { # label, output dir, command...
  local label=$1 out=$2; shift 2
  local t; t=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$t" "$@" >/dev/null 2>&1 || { echo "$label failed" >&2; cat "$t" >&2; exit 1; }
  read -r wall rss < "$t"; rm -f "$t"
  echo "$label $wall $rss"
}

# Each round runs the three builds one after another; on a machine whose speed drifts, the ratio within a
# round (printed as "per round") is steadier than the ratio of the medians, so both are printed.
results=$(mktemp)
for i in $(seq 1 "$RUNS"); do
  rm -rf "$ROOT/cp-out" "$ROOT/hugo-out" "$ROOT/corpus/hugo/resources"
  (cd "$ROOT/corpus/campaign" && measure campaign-cold "$ROOT/cp-out" "$CAMPAIGN" build --now 2026-11-29T12:00:00+08:00 --output "$ROOT/cp-out") >> "$results"
  (cd "$ROOT/corpus/hugo" && measure hugo "$ROOT/hugo-out" hugo --quiet -d "$ROOT/hugo-out") >> "$results"
  (cd "$ROOT/corpus/campaign" && measure campaign-warm "$ROOT/cp-out" "$CAMPAIGN" build --now 2026-11-29T12:00:00+08:00 --output "$ROOT/cp-out") >> "$results"
done
python3 - "$results" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    label, wall, rss = line.split()
    rows.setdefault(label, []).append((float(wall), int(rss)))
med = {k: (statistics.median(w for w, _ in v), max(r for _, r in v)) for k, v in rows.items()}
print(f"{'run':15} {'wall s (median)':>16} {'peak MB':>9}")
for k, (w, r) in med.items():
    print(f"{k:15} {w:16.2f} {r/1024:9.0f}")
hw, hr = med["hugo"]
cw, cr = med["campaign-cold"]
ww, _ = med["campaign-warm"]
def per_round(a, b):
    ratios = sorted(x[0] / y[0] for x, y in zip(rows[a], rows[b]))
    return f"per round: median {statistics.median(ratios):.3f}, {ratios[0]:.3f}-{ratios[-1]:.3f}"
print(f"cold wall / Hugo: {cw/hw:.3f} (target <= 0.20, aim 0.15); {per_round('campaign-cold', 'hugo')}")
print(f"peak memory / Hugo: {cr/hr:.3f} (target <= 0.10)")
print(f"warm / cold: {ww/cw:.2f} (target <= 1.0); {per_round('campaign-warm', 'campaign-cold')}")
PY
rm -f "$results"

if [ "${BENCH_SCALING:-1}" != 0 ]; then
  echo "scaling (news only, cold builds):"
  for n in 1000 10000 50000; do
    python3 tools/bench/make-corpus.py "$ROOT/scale" --news "$n" --exposures 0 >/dev/null
    rm -rf "$ROOT/scale-out"
    (cd "$ROOT/scale/campaign" && measure "pages=$n" "$ROOT/scale-out" "$CAMPAIGN" build --now 2026-11-29T12:00:00+08:00 --output "$ROOT/scale-out")
  done
fi

# Incremental `campaign serve`: one news file edited, timed until the page on disk has the edit, on the
# sample and on the 10k corpus (with the cold build of the same corpus for the ratio).
python3 tools/bench/serve-latency.py --campaign "$CAMPAIGN" --edits 20 --label sample
python3 tools/bench/serve-latency.py --campaign "$CAMPAIGN" --project "$ROOT/corpus/campaign" --edits 10 --cold --label 10k
rm -rf "$ROOT"
