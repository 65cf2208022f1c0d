#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer: starts them when installed
# but stopped, installs them (Debian/Ubuntu, as root) when missing, or says clearly what to do.
set -euo pipefail

PGHOST_ADDR=${PGHOST_ADDR:-127.0.0.1}
PGPORT_NUM=${PGPORT_NUM:-5432}
REDIS_ADDR=${REDIS_ADDR:-127.0.0.1}
REDIS_PORT_NUM=${REDIS_PORT_NUM:-6379}

say() { echo "[services] $*"; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

pg_ready() {
  if command -v pg_isready >/dev/null 2>&1; then pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM"; else port_open "$PGHOST_ADDR" "$PGPORT_NUM"; fi
}
redis_ready() {
  if command -v redis-cli >/dev/null 2>&1; then [ "$(redis-cli -h "$REDIS_ADDR" -p "$REDIS_PORT_NUM" ping 2>/dev/null)" = "PONG" ]; else port_open "$REDIS_ADDR" "$REDIS_PORT_NUM"; fi
}

wait_for() { # name check
  for _ in $(seq 1 30); do
    if "$2"; then return 0; fi
    sleep 1
  done
  say "$1 did not come up within 30 s"
  return 1
}

install_packages() {
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "installing $* with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  else
    say "missing: $*. Install them (e.g. 'sudo apt-get install -y postgresql redis-server' on Debian/Ubuntu,"
    say "'brew install postgresql@15 redis' on macOS) or run 'docker compose up -d' if you have Docker."
    exit 1
  fi
}

if ! pg_ready; then
  if ! ls /etc/postgresql >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    install_packages postgresql
  fi
  say "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
  wait_for PostgreSQL pg_ready
fi

if ! redis_ready; then
  if ! command -v redis-server >/dev/null 2>&1; then install_packages redis-server; fi
  say "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT_NUM" --save "" --appendonly no
  wait_for Redis redis_ready
fi

say "PostgreSQL and Redis are up"
