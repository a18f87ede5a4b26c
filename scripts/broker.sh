#!/usr/bin/env bash
# Local RabbitMQ for development, tests and CI: a private node bound to 127.0.0.1 whose data and logs live under
# $FAKENEWS_BROKER_DIR (default: artifacts/broker, git-ignored), so it never touches the system's /var/lib/rabbitmq.
#
#   scripts/broker.sh start     start in the background and wait until it accepts connections (no-op when running)
#   scripts/broker.sh stop      stop it (no-op when stopped)
#   scripts/broker.sh restart   stop, then start; the data (durable queues, persistent messages) survives
#   scripts/broker.sh status    exit 0 when running
#   scripts/broker.sh uri       print the AMQP URI
#
# Settings (environment): FAKENEWS_BROKER_PORT (5672), FAKENEWS_BROKER_DIST_PORT (25672),
# FAKENEWS_BROKER_NODE (fakenews@localhost), FAKENEWS_BROKER_DIR. Needs Debian's rabbitmq-server (apt-get install rabbitmq-server).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${FAKENEWS_BROKER_DIR:-$ROOT/artifacts/broker}"
PORT="${FAKENEWS_BROKER_PORT:-5672}"
DIST_PORT="${FAKENEWS_BROKER_DIST_PORT:-25672}"
NODE="${FAKENEWS_BROKER_NODE:-fakenews@localhost}"

# The scripts under /usr/lib/rabbitmq/bin run as the calling user; /usr/sbin's wrappers would switch to the
# rabbitmq user, which can neither write $DIR nor share the caller's Erlang cookie.
BIN="${FAKENEWS_RABBITMQ_BIN:-/usr/lib/rabbitmq/bin}"
[ -x "$BIN/rabbitmq-server" ] || { echo "broker.sh: $BIN/rabbitmq-server not found (apt-get install -y rabbitmq-server)" >&2; exit 2; }
ctl() { "$BIN/rabbitmqctl" -n "$NODE" "$@"; }

mkdir -p "$DIR/mnesia" "$DIR/log"
export RABBITMQ_NODENAME="$NODE"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$PORT"
export RABBITMQ_DIST_PORT="$DIST_PORT"
export RABBITMQ_MNESIA_BASE="$DIR/mnesia"
export RABBITMQ_LOG_BASE="$DIR/log"
export RABBITMQ_PID_FILE="$DIR/rabbitmq.pid"
export RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/enabled_plugins"
export RABBITMQ_CONFIG_FILE="$DIR/rabbitmq"   # .conf is appended by rabbitmq-server
export ERL_EPMD_ADDRESS=127.0.0.1
[ -f "$DIR/enabled_plugins" ] || echo "[]." > "$DIR/enabled_plugins"
if [ ! -f "$DIR/rabbitmq.conf" ]; then
  # guest may log in over loopback only (the default); keep the disk alarm from stopping publishers on small CI disks.
  printf 'listeners.tcp.1 = 127.0.0.1:%s\ndisk_free_limit.absolute = 50MB\nlog.console = false\n' "$PORT" > "$DIR/rabbitmq.conf"
fi

running() { ctl -q status >/dev/null 2>&1; }

start() {
  if running; then echo "broker.sh: $NODE already running on 127.0.0.1:$PORT"; return 0; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "broker.sh: 127.0.0.1:$PORT is taken by another process (a system rabbitmq-server? stop it, or set FAKENEWS_BROKER_PORT)" >&2
    exit 1
  fi
  echo "broker.sh: starting $NODE on 127.0.0.1:$PORT (data in $DIR)"
  # -detached would lose the exit status; setsid keeps the node out of the caller's process group (CI, test runners).
  setsid "$BIN/rabbitmq-server" >"$DIR/log/startup.out" 2>&1 < /dev/null &
  echo $! > "$DIR/launcher.pid"
  # wait: until the node has written its pid file and booted; await_startup: until it accepts clients.
  if ! ctl -q wait --timeout "${FAKENEWS_BROKER_START_TIMEOUT:-120}" "$DIR/rabbitmq.pid" >/dev/null 2>&1 \
     || ! ctl -q await_startup --timeout 60 >/dev/null 2>&1; then
    echo "broker.sh: $NODE did not start; last lines of $DIR/log/startup.out:" >&2
    tail -20 "$DIR/log/startup.out" >&2 || true
    exit 1
  fi
  echo "broker.sh: ready at $(uri)"
}

stop() {
  if ! running; then echo "broker.sh: $NODE is not running"; return 0; fi
  # With the pid file, stop also waits for the node's process to exit; a node started from another checkout (same
  # node name, other data folder) has none here, and waiting on a missing file would hang.
  if [ -f "$DIR/rabbitmq.pid" ]; then
    timeout 120 "$BIN/rabbitmqctl" -n "$NODE" -q stop "$DIR/rabbitmq.pid" >/dev/null
  else
    timeout 120 "$BIN/rabbitmqctl" -n "$NODE" -q stop >/dev/null
  fi
  echo "broker.sh: stopped $NODE"
}

uri() { echo "amqp://guest:guest@127.0.0.1:$PORT/"; }

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) if running; then echo "broker.sh: $NODE running at $(uri)"; else echo "broker.sh: $NODE is not running"; exit 1; fi ;;
  uri) uri ;;
  *) echo "usage: scripts/broker.sh start|stop|restart|status|uri" >&2; exit 2 ;;
esac
