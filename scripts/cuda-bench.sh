#!/usr/bin/env bash
# The CUDA benchmark, for a machine with an NVIDIA GPU:
#   scripts/cuda-bench.sh [OUT_DIR]            (make cuda-bench; OUT_DIR defaults to runs/cuda-bench)
# Builds the CLI, then runs `fakenews bench --device cuda` through the full pipeline over batch sizes 1..256 and
# lengths 64..512 (synthetic texts of exactly N tokens; lengths above the model's max_length are recorded as
# skipped), for fp32 and fp16 (model.fp16.onnx, written by scripts/convert_fp16.py when missing). Each cell is one JSON object in
# OUT_DIR/cuda-bench.jsonl; OUT_DIR/cuda-bench.json gathers them with the machine's description.
# fp16 runs first (what the hosts pick on CUDA), each precision's grid followed by its PyTorch peers on the same GPU:
# the training code's model with random weights, attention as matmul-softmax ("eager") and through
# scaled_dot_product_attention ("eager sdpa", PyTorch's fused attention kernels). Then LIAR valid is evaluated on the
# GPU in fp32 and fp16, the LIAR claims run once with batching on and off, and torch.compile (with sdpa) runs last on
# a smaller grid. machine.json records how many fused attention nodes (com.microsoft.MultiHeadAttention) the model's
# model.onnx holds; scripts/fuse_attention.py writes them. scripts/cuda_bench_report.py gathers everything into
# OUT_DIR/cuda-bench.json and prints the grid as a Markdown table (OUT_DIR/cuda-bench.md).
#
# Needs: the NVIDIA driver, CUDA 13 and cuDNN 9 libraries where the loader finds them (ONNX Runtime 1.31.0's CUDA
# provider looks for libcublasLt.so.13 and libcudnn.so.9), and the .NET 10 SDK. When ONNX Runtime's CUDA provider
# cannot load, `fakenews bench --device cuda` exits 5 and the script says so and records it.
# CUDA libraries installed as Python wheels (nvidia-cublas, nvidia-cudnn-cu13, ... as PyTorch's CUDA wheels bring
# them) are added to LD_LIBRARY_PATH when the loader does not already find libcublasLt.so.13.
# Environment: FAKENEWS_MODEL (default models/minilm-news-v2), BENCH_SECONDS per cell (default 5), BENCH_WARMUP
# seconds before each cell (default 2), BENCH_BATCHES (default "1 8 32 128 256"), BENCH_LENGTHS (default
# "64 128 256 512"), BENCH_MAX_LENGTH (default 512: when above the model's max_length, the grid runs a copy of the
# model folder in OUT_DIR/model whose config.json allows that many tokens per window, up to the encoder's 512
# positions; set it to 0 to keep the shipped max_length and skip longer cells), BENCH_DATA (the claims run's and
# the evaluation's texts, default ../shared/data/liar/valid.tsv), BENCH_COMPILE_BATCHES / BENCH_COMPILE_LENGTHS (the
# torch.compile grid, default the full one), BENCH_COMPILE_TIMEOUT (seconds per precision, default 600) or BENCH_COMPILE=0
# (no torch.compile peer), BENCH_PRECISIONS (default "fp16 fp32", fp32 alone without model.fp16.onnx),
# BENCH_TORCH_VARIANTS (the eager peers' torch_baseline.py options, default '"" --sdpa'), FAKENEWS_CLI (a
# published `fakenews` to run instead of building one here: for a GPU machine without the .NET SDK, copy the output
# of `dotnet publish src/FakeNews.Cli -c Release -r linux-x64` and a .NET 10 runtime, and set DOTNET_ROOT; or use
# scripts/cuda-bundle.sh, which packs a self-contained one with the model for a size-limited copy).
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/cuda-bench}
mkdir -p "$out"
model=${FAKENEWS_MODEL:-models/minilm-news-v2}
seconds=${BENCH_SECONDS:-5}
warmup=${BENCH_WARMUP:-2}
data=${BENCH_DATA:-../shared/data/liar/valid.tsv}
batches=${BENCH_BATCHES:-1 8 32 128 256}
lengths=${BENCH_LENGTHS:-64 128 256 512}
jsonl="$out/cuda-bench.jsonl"
: > "$jsonl"
log() { echo "cuda-bench: $*" >&2; }

if ! ldconfig -p 2>/dev/null | grep -q "libcublasLt.so.13"; then
  wheel_libs=$(python3 -c '
import glob, os, site
dirs = set()
for root in site.getsitepackages():
    for pattern in ("nvidia/*/lib", "nvidia/*/*/lib"):
        dirs.update(d for d in glob.glob(os.path.join(root, pattern)) if glob.glob(os.path.join(d, "lib*.so*")))
print(":".join(sorted(dirs)))' 2>/dev/null)
  if [ -n "$wheel_libs" ]; then
    export LD_LIBRARY_PATH="$wheel_libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    log "CUDA libraries from Python wheels: $wheel_libs"
  fi
fi
# Whether the loader finds a library: the cache, or a file in a folder of LD_LIBRARY_PATH.
found() {
  local dir
  ldconfig -p 2>/dev/null | grep -q "$1" && { echo "$1"; return; }
  for dir in ${LD_LIBRARY_PATH:+${LD_LIBRARY_PATH//:/ }}; do [ -e "$dir/$1" ] && { echo "$dir/$1"; return; }; done
  echo missing
}

{
  echo "{\"date\": \"$(date -u +%FT%TZ)\","
  echo " \"gpu\": \"$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null | head -1)\","
  echo " \"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\", \"cores\": $(nproc),"
  echo " \"dotnet\": \"$(dotnet --version 2>/dev/null || dotnet --list-runtimes 2>/dev/null | head -1 || echo missing)\","
  echo " \"libcublasLt13\": \"$(found libcublasLt.so.13)\","
  echo " \"libcudnn9\": \"$(found libcudnn.so.9)\"}"
} > "$out/machine.json"
cat "$out/machine.json" >&2

if ! command -v nvidia-smi >/dev/null || ! nvidia-smi >/dev/null 2>&1; then
  log "no NVIDIA GPU visible (nvidia-smi failed); nothing to measure"
  exit 3
fi
status=0
fakenews=${FAKENEWS_CLI:-src/FakeNews.Cli/bin/Release/net10.0/fakenews}
if [ -n "${FAKENEWS_CLI:-}" ]; then
  log "using the published CLI $FAKENEWS_CLI (no build)"
elif ! command -v dotnet >/dev/null; then
  log "the .NET 10 SDK is missing: the C# benchmark is skipped (only the PyTorch peer runs)"
  status=3
elif ! dotnet build src/FakeNews.Cli -c Release -v q -nologo >&2; then
  log "build failed"
  exit 1
fi
max_length=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['max_length'])" "$model/config.json" 2>/dev/null || echo 256)
fused=$(python3 -c "import onnx,sys; print(sum(n.op_type == 'MultiHeadAttention' for n in onnx.load(sys.argv[1], load_external_data=False).graph.node))" "$model/model.onnx" 2>/dev/null || echo unknown)
log "fused attention nodes in $model/model.onnx: $fused"
echo "{\"model\": \"$model\", \"fused_attention_nodes\": \"$fused\"}" > "$out/model.json"

if [ ! -f "$model/model.fp16.onnx" ] && [ -f "$model/model.onnx" ]; then
  python3 scripts/convert_fp16.py "$model" >&2 || log "could not write $model/model.fp16.onnx (needs python3 with onnx); fp16 skipped"
fi
shipped_model=$model
raise=${BENCH_MAX_LENGTH:-512}
if [ "$raise" -gt "$max_length" ]; then
  # Longer windows than the shipped config serves: a copy whose config.json allows them, the graphs linked.
  rm -rf "$out/model" && mkdir -p "$out/model"
  for f in "$model"/*; do ln -s "$(realpath "$f")" "$out/model/$(basename "$f")"; done
  rm "$out/model/config.json"
  python3 -c "import json,sys; c=json.load(open(sys.argv[1])); c['max_length']=int(sys.argv[3]); json.dump(c, open(sys.argv[2], 'w'), indent=2)" \
    "$model/config.json" "$out/model/config.json" "$raise"
  log "grid runs $out/model: $model with max_length $max_length raised to $raise"
  model="$out/model"
  max_length=$raise
fi
# fp16 first: it is what the hosts pick on CUDA, and what the PyTorch peers are compared with.
precisions="fp32"
[ -f "$model/model.fp16.onnx" ] && precisions="fp16 fp32"
precisions=${BENCH_PRECISIONS:-$precisions}

# One cell: batch size B, N tokens per text; concurrency 2B keeps a full batch waiting while one runs.
cell() {
  local precision=$1 batch=$2 length=$3
  if [ "$length" -gt "$max_length" ]; then
    echo "{\"precision\":\"$precision\",\"batch\":$batch,\"length\":$length,\"skipped\":\"longer than the model's max_length $max_length\"}" >> "$jsonl"
    return 0
  fi
  local result
  if result=$("$fakenews" bench --model "$model" --device cuda --precision "$precision" --tokens "$length" \
      --max-length "$max_length" --batch-size "$batch" --concurrency $((batch * 2)) --duration "$seconds" --warmup "$warmup" \
      --no-unbatched --json 2>>"$out/stderr.log"); then
    echo "$result" | python3 -c "import json,sys; d=json.load(sys.stdin); d.update(precision_asked='$precision', batch=$batch, length=$length); print(json.dumps(d))" >> "$jsonl"
    log "$precision batch $batch x $length: $(echo "$result" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["items_per_s"], "items/s, raw", d["raw_ort_items_per_s"], ", p99", d["p99_ms"], "ms")')"
  else
    local code=$?
    echo "{\"precision\":\"$precision\",\"batch\":$batch,\"length\":$length,\"exit_code\":$code}" >> "$jsonl"
    log "$precision batch $batch x $length failed with exit code $code (5: CUDA provider not loadable; see $out/stderr.log)"
    [ "$code" -eq 5 ] && return 5
  fi
}

# The PyTorch peers on the same GPU (skipped when torch has no CUDA): the training code's model with random weights,
# attention as matmul-softmax-matmul ("eager") or through scaled_dot_product_attention ("eager sdpa", fused kernels).
torch_cuda=0
python3 -c "import torch,sys; sys.exit(0 if torch.cuda.is_available() else 1)" 2>/dev/null && torch_cuda=1
[ "$torch_cuda" -eq 1 ] || log "PyTorch with CUDA is missing: the PyTorch peers are skipped"
torch_peer() {  # torch_peer NAME [torch_baseline.py options...]
  local name=$1; shift
  python3 scripts/torch_baseline.py --device cuda --random-weights --blas system "$@" > "$out/$name.json" 2>>"$out/stderr.log" \
    || log "torch peer $name failed"
}

for precision in $precisions; do
  [ "$status" -eq 0 ] || break
  for length in $lengths; do
    for batch in $batches; do
      cell "$precision" "$batch" "$length" || { status=$?; break 3; }
    done
  done
  if [ "$torch_cuda" -eq 1 ]; then
    half=""; [ "$precision" = fp16 ] && half="--fp16"
    for variant in ${BENCH_TORCH_VARIANTS-"" "--sdpa"}; do
      torch_peer "torch-cuda${variant:+-sdpa}${half:+-fp16}" $half $variant --grid "${batches// /,}" --lengths "${lengths// /,}" \
        --duration "$seconds" --warmup 0.5
    done
  fi
done

if [ "$status" -eq 0 ]; then
  # Accuracy on the GPU with the shipped config, per precision the hosts can pick there.
  for precision in $precisions; do
    "$fakenews" eval --data "$data" --model "$shipped_model" --device cuda --precision "$precision" \
      --out "$out/eval-$precision" >/dev/null 2>>"$out/stderr.log" || log "evaluation ($precision) failed"
  done
  # LIAR claims, batching on and off, as on CPU.
  for precision in $precisions; do
    "$fakenews" bench --model "$model" --device cuda --precision "$precision" --data "$data" --batch-size 64 \
      --concurrency 128 --duration "$seconds" --warmup "$warmup" --json \
      > "$out/cuda-bench-claims-$precision.json" 2>>"$out/stderr.log" || log "claims run ($precision) failed"
  done
fi

# torch.compile (with sdpa attention) last: each new shape compiles during its warm-up, so it runs on a smaller grid
# (BENCH_COMPILE_BATCHES, BENCH_COMPILE_LENGTHS) and within BENCH_COMPILE_TIMEOUT seconds per precision.
if [ "${BENCH_COMPILE:-1}" = 0 ]; then
  log "torch.compile peer skipped (BENCH_COMPILE=0)"
elif [ "$torch_cuda" -eq 1 ] && python3 -c "import torch,sys; sys.exit(0 if hasattr(torch, 'compile') else 1)" 2>/dev/null; then
  compile_batches=${BENCH_COMPILE_BATCHES:-$batches}
  compile_lengths=${BENCH_COMPILE_LENGTHS:-$lengths}
  for half in "--fp16" ""; do
    timeout "${BENCH_COMPILE_TIMEOUT:-600}" python3 scripts/torch_baseline.py --device cuda --random-weights --blas system $half \
      --sdpa --compile --grid "${compile_batches// /,}" --lengths "${compile_lengths// /,}" --duration "$seconds" --warmup 5 \
      > "$out/torch-cuda-compile${half:+-fp16}.json" 2>>"$out/stderr.log" || log "torch.compile peer ${half:-fp32} failed or ran out of time"
  done
elif [ "$torch_cuda" -eq 1 ]; then
  log "this PyTorch has no torch.compile: that peer is skipped"
fi

python3 scripts/cuda_bench_report.py "$out"
exit "$status"
