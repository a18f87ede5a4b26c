#!/usr/bin/env bash
# `make test`: everything CI checks, on a bare Debian 12 machine or a developer's. Installs the Debian packages the
# tests need when they are missing (as root; otherwise says which to install), starts a private RabbitMQ unless one
# is given in FAKENEWS_TEST_BROKER (and stops the one it started), runs `make check` (build, .NET tests, Python tests,
# notebooks) and ends with one line "N passed, N failed[, N skipped]" summed over every test runner.
set -uo pipefail
cd "$(dirname "$0")/.."

log() { printf '[test] %s\n' "$*" >&2; }

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
packages=(python3-torch python3-onnx python3-numpy python3-pytest python3-nbconvert python3-nbformat python3-ipykernel python3-matplotlib
          make rabbitmq-server chromium fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing[*]} (as root: apt-get install -y ${missing[*]})"; exit 1
  fi
  log "installing ${missing[*]}"
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null || { log "apt-get install failed"; exit 1; }
fi

started_broker=0
if [ -z "${FAKENEWS_TEST_BROKER:-}" ]; then
  if ! scripts/broker.sh status >/dev/null 2>&1; then
    scripts/broker.sh start || { log "could not start RabbitMQ"; exit 1; }
    started_broker=1
  fi
  export FAKENEWS_TEST_BROKER="$(scripts/broker.sh uri)"
fi
stop_broker() { if ((started_broker)); then scripts/broker.sh stop >/dev/null 2>&1 || true; fi; }
trap stop_broker EXIT

mkdir -p artifacts/test
summary=artifacts/test/test-output.log
log "running: make check"
make --no-print-directory check 2>&1 | tee "$summary"
status=${PIPESTATUS[0]}

# Sum the runners' own summary lines: dotnet test ("Failed: 0, Passed: 12, Skipped: 1") and pytest ("3 passed, 1 skipped").
python3 - "$summary" "$status" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
status = int(sys.argv[2])
passed = failed = skipped = 0
for m in re.finditer(r"Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)", text):
    failed += int(m.group(1)); passed += int(m.group(2)); skipped += int(m.group(3))
# pytest's closing line, with or without the ==== frame (-q drops it): "51 passed, 3 warnings in 7.10s".
for line in re.findall(r"^=*\s*((?:\d+ (?:passed|failed|skipped|errors?|warnings?|deselected|xfailed|xpassed)(?:, )?)+) in [\d.]+s", text, re.M):
    for n, word in re.findall(r"(\d+) (passed|failed|skipped|error|errors)", line):
        if word == "passed": passed += int(n)
        elif word == "skipped": skipped += int(n)
        else: failed += int(n)
# Name what failed just above the closing line, where a log's tail shows it: dotnet's "  Failed Name [12 ms]" and
# pytest's "FAILED path::test - reason" / "ERROR path::test" lines.
names = re.findall(r"^\s*Failed (\S+) \[", text, re.M) + re.findall(r"^(?:FAILED|ERROR) (\S+)", text, re.M)
for name in dict.fromkeys(names):
    print(f"failed: {name}")
if status != 0 and failed == 0:
    failed = 1  # the build or a runner failed before reporting: never print a green line for a red run
    for error in [l.strip() for l in text.splitlines() if re.search(r"\berror\b|make: \*\*\*", l)][-5:]:
        print(f"before any summary: {error}")
line = f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else "")
print(line)
sys.exit(1 if status != 0 or failed else 0)
PY
