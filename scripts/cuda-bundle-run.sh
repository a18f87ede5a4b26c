#!/usr/bin/env bash
# The GPU machine's side of scripts/cuda-bundle.sh: bash BUNDLE/model/run.sh BUNDLE RESULT_DIR (from the repo root).
# Environment: BENCH_DEADLINE seconds for scripts/cuda-bench.sh (default 400; what it measured by then is kept),
# COMPILE_TIMEOUT seconds per torch.compile peer (default 75), BUNDLE_KIND_EVALS=0 and BUNDLE_DIAGNOSE=0 to skip
# the per-kind evaluations and the profiled cell; cuda-bench.sh's BENCH_* settings pass through.
set -u
bundle=${1:?bundle folder}; result=${2:?result folder}
start=$(date +%s)
model=models/minilm-news-v2
mkdir -p /tmp/bundle-bin /tmp/bundle-cli "$result"
cp "$bundle"/provider/bin/* /tmp/bundle-bin/
if command -v zstd >/dev/null; then unzstd() { zstd -d -q "$@"; }; else unzstd() { LD_LIBRARY_PATH=/tmp/bundle-bin /tmp/bundle-bin/zstd -d -q "$@"; }; fi
unzstd -c "$bundle/cli/cli.tar.zst" | tar -C /tmp/bundle-cli -xf - || { echo "run.sh: could not unpack the CLI"; exit 1; }
unzstd -f -o /tmp/bundle-cli/libonnxruntime_providers_cuda.so "$bundle/provider/provider.so.zst" || { echo "run.sh: could not unpack the provider"; exit 1; }
unzstd -f -o "$model/model.fp16.onnx" "$bundle/model/model.fp16.onnx.zst" || { echo "run.sh: could not unpack the model"; exit 1; }
[ -f "$model/model.onnx" ] || python3 scripts/convert_fp16.py --widen "$model/model.fp16.onnx" --output "$model/model.onnx"
if ! ldconfig -p | grep -q libicuuc && [ -f "$bundle/model/icu.tar.zst" ]; then
  mkdir -p /tmp/bundle-icu && unzstd -c "$bundle/model/icu.tar.zst" | tar -C /tmp/bundle-icu -xf -
  export LD_LIBRARY_PATH=/tmp/bundle-icu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  echo "run.sh: ICU from the bundle"
fi
nvidia-smi --query-gpu=name,driver_version,clocks.sm,temperature.gpu --format=csv,noheader
echo "run.sh: unpacked in $(( $(date +%s) - start )) s"
export FAKENEWS_CLI=/tmp/bundle-cli/fakenews BENCH_SECONDS=${BENCH_SECONDS:-1} BENCH_WARMUP=${BENCH_WARMUP:-1} \
  BENCH_DATA="$bundle/model/data/valid.tsv" BENCH_COMPILE_BATCHES=${BENCH_COMPILE_BATCHES:-"32 256"} \
  BENCH_COMPILE_LENGTHS=${BENCH_COMPILE_LENGTHS:-"64 512"} BENCH_COMPILE_TIMEOUT=${COMPILE_TIMEOUT:-75}
work=/tmp/cuda-bench
setsid bash scripts/cuda-bench.sh "$work" &
pid=$!
( sleep "${BENCH_DEADLINE:-400}"; kill -- -"$pid" 2>/dev/null && echo "run.sh: cuda-bench stopped at the deadline" ) &
watchdog=$!
wait "$pid"; echo "run.sh: cuda-bench exit $?"; kill "$watchdog" 2>/dev/null
# Accuracy per kind on the GPU in fp16, the precision the hosts pick on CUDA (BUNDLE_KIND_EVALS=0 skips it).
for set in $([ "${BUNDLE_KIND_EVALS:-1}" = 0 ] || echo perez_rosas horne covid); do
  timeout 60 "$FAKENEWS_CLI" eval --data "$bundle/model/data/$set-valid.csv" --model "$model" --device cuda --precision fp16 \
    --out "$work/eval-fp16-$set" 2>&1 | tail -1
done
[ "${BUNDLE_KIND_EVALS:-1}" = 0 ] || timeout 60 "$FAKENEWS_CLI" eval --data "$bundle/model/data/valid.tsv" --metadata --model "$model" --device cuda --precision fp16 \
  --out "$work/eval-fp16-metadata" 2>&1 | tail -1
# Where the GPU time goes in one large fp16 cell: the graph ONNX Runtime optimized for CUDA (its fusions) and its
# profiler trace, summarized (BUNDLE_DIAGNOSE=0 skips it). The optimized graph itself is too large to bring back.
if [ "${BUNDLE_DIAGNOSE:-1}" != 0 ]; then
  timeout 90 "$FAKENEWS_CLI" bench --model "$model" --device cuda --precision fp16 --tokens 256 --batch-size 256 \
    --concurrency 512 --duration 1 --warmup 1 --no-unbatched --optimized-graph /tmp/optimized-fp16-cuda.onnx \
    --ort-profile "$work/trace" --json > "$work/diagnose-bench.json" 2>>"$work/stderr.log" \
    && python3 scripts/profile_onnx.py --trace "$(ls "$work"/trace_*.json | head -1)" --graph /tmp/optimized-fp16-cuda.onnx \
      | tee "$work/diagnose.md" || echo "run.sh: the diagnostic cell failed"
  rm -f "$work"/trace_*.json
fi
python3 scripts/cuda_bench_report.py "$work"
tail -5 "$work/stderr.log" 2>/dev/null
tar -C "$work" -czf "$result/cb.tar.gz" . && echo "run.sh: $result/cb.tar.gz, $(( $(date +%s) - start )) s in all"
