#!/usr/bin/env bash
# One GPU session of the neural tagger experiment (see docs/ner.md, "Neural experiment"):
# a smoke run, the sweep (every configuration in parallel on one GPU, each within a time
# budget), selection on dev, the selected configuration retrained on the whole training split,
# test and Wojood predictions. Run from a folder holding train.py and ner-data.jsonl.gz
# (scripts/ner-export.ts); results go to $OUT (default ./out) as results.tgz and logs.
set -u
OUT=${OUT:-out}
CONFIGS=${CONFIGS:-lin mlp lstm-nofeat lstm lstm-s2 lstm-s3 lstm-lin lstm-2l lstm-small lstm-drop cnn}
BUDGET=${BUDGET:-240}
SMOKE=${SMOKE:-1}
FINAL=${FINAL:-1}
FINAL_LIMIT=${FINAL_LIMIT:-200}
mkdir -p "$OUT" work
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader > "$OUT/gpu.txt" 2>&1
t0=$(date +%s)
if [ "$SMOKE" = 1 ]; then
  python3 train.py sweep --smoke --configs lin,mlp,lstm,cnn --out smoke > work/smoke.log 2>&1 || {
    cp work/smoke.log "$OUT/"; echo "smoke failed"; tail -40 work/smoke.log; exit 1; }
  echo "smoke ok after $(( $(date +%s) - t0 )) s"
fi
for c in $CONFIGS; do
  python3 train.py sweep --configs "$c" --budget "$BUDGET" --out work > "work/log-$c.txt" 2>&1 &
done
wait
echo "sweep done after $(( $(date +%s) - t0 )) s"
grep -h "best dev" work/log-*.txt
if [ "$FINAL" = 1 ]; then
read -r NAME EPOCHS ALPHA < <(python3 train.py select --out work)
echo "selected $NAME, $EPOCHS epochs, ensemble alpha $ALPHA"
timeout "$FINAL_LIMIT" python3 train.py final --config "$NAME" --epochs "$EPOCHS" --alpha "$ALPHA" --out work > work/final.log 2>&1
echo "final rc $? after $(( $(date +%s) - t0 )) s"
tail -3 work/final.log
fi
rm -f work/*.pt
tar czf "$OUT/results.tgz" work
cat work/log-*.txt work/final.log > "$OUT/logs.txt" 2>/dev/null || true
