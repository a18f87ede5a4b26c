#!/usr/bin/env bash
# Everything `make cuda-bench` needs on a GPU machine that has PyTorch's CUDA wheels but no .NET SDK and no copy of
# the repo's large files, in parts small enough for a size-limited transfer:
#   scripts/cuda-bundle.sh [DIR]          (default runs/cuda-bundle; needs the .NET SDK, zstd, /usr/bin/python3 with onnx)
# DIR/provider: ONNX Runtime's CUDA provider with only the sm_90 (Hopper) machine code kept (scripts/prune_fatbin.py;
#               BUNDLE_SM=NN for another architecture), zstd-compressed, and a zstd binary with its libraries.
# DIR/cli:      `fakenews` published self-contained for linux-x64 (Windows natives and the CUDA provider removed).
# DIR/model:    model.fp16.onnx of FAKENEWS_MODEL (default models/minilm-news-v2), the ICU libraries, the LIAR valid
#               claims and the held-out article/post parts as CSV (written from ../shared, never committed), run.sh.
# Each part stays under 64 MiB. On the GPU machine, in a checkout without the large model files, with the three
# parts at the same paths: `bash DIR/model/run.sh DIR RESULT_DIR`. It unpacks, writes model.onnx by widening the
# fp16 weights (scripts/convert_fp16.py --widen: the fp32 cells time float32 kernels, the scores are the fp16
# weights'), runs scripts/cuda-bench.sh with a deadline, evaluates each kind in fp16 and packs RESULT_DIR/cb.tar.gz.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-runs/cuda-bundle}
model=${FAKENEWS_MODEL:-models/minilm-news-v2}
sm=${BUNDLE_SM:-90}
native=~/.nuget/packages/microsoft.ml.onnxruntime.gpu.linux/1.31.0/runtimes/linux-x64/native
rm -rf "$dir" && mkdir -p "$dir/provider/bin" "$dir/cli" "$dir/model/data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet publish src/FakeNews.Cli -c Release -r linux-x64 --self-contained -o "$work/cli" -v q -nologo
git checkout -q -- 'src/*/packages.lock.json' 2>/dev/null || true   # publishing for one runtime rewrites the lock files
rm -f "$work"/cli/libonnxruntime_providers_cuda.so "$work"/cli/libonnxruntime_providers_tensorrt.so "$work"/cli/onnxruntime*.dll
tar -C "$work/cli" -cf - . | zstd -T0 -19 --long=27 -q -o "$dir/cli/cli.tar.zst"

/usr/bin/python3 scripts/prune_fatbin.py "$native/libonnxruntime_providers_cuda.so" "$work/provider.so" --keep "$sm"
zstd -T0 -19 --long=27 -q -o "$dir/provider/provider.so.zst" "$work/provider.so"
cp /usr/bin/zstd "$dir/provider/bin/"
for lib in $(ldd /usr/bin/zstd | awk '/=> \// {print $3}' | grep -v -E 'libc\.so'); do cp -L "$lib" "$dir/provider/bin/"; done

/usr/bin/python3 scripts/convert_fp16.py "$model"   # always: a model.fp16.onnx left from an older conversion may lack its rewrites
zstd -T0 -19 --long=27 -q -o "$dir/model/model.fp16.onnx.zst" "$model/model.fp16.onnx"
icu=$(ldconfig -p | awk '/libicuuc.so.[0-9]+ .*x86-64/ {print $NF; exit}')
if [ -n "$icu" ]; then
  icudir=$(dirname "$icu"); version=${icu##*.so.}
  tar -C "$icudir" -chf - "libicuuc.so.$version" "libicui18n.so.$version" "libicudata.so.$version" | zstd -T0 -19 -q -o "$dir/model/icu.tar.zst"
fi
cp ../shared/data/liar/valid.tsv "$dir/model/data/"
(cd scripts && /usr/bin/python3 - "../$dir/model/data" <<'PY'
import csv, sys
from fakenews_train.articles import load_all
for name, (_, valid) in load_all("../../shared/data/articles").items():
    with open(f"{sys.argv[1]}/{name}-valid.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "label", "text", "title"])
        writer.writerows([a.id, "fake" if a.fake else "real", a.text, a.title] for a in valid)
PY
)
cp scripts/cuda-bundle-run.sh "$dir/model/run.sh"
du -sh "$dir"/* >&2
