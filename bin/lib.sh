# shellcheck shell=bash
# Shared helpers for the bin/* scripts. Source it, don't run it:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Every function is usable on its own, e.g. to try one step by hand:
#   bash -c 'source bin/lib.sh; ensure_postgres && ensure_database vigil'
#   bash -c 'source bin/lib.sh; ensure_redis 16379 /tmp/r/redis.pid && stop_pidfile /tmp/r/redis.pid redis'

# nginx and friends live in /usr/sbin, which a non-root PATH may lack.
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/sbin:/sbin" ;; esac

VIGIL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VIGIL_RUN_DIR="$VIGIL_ROOT/.run"
# When set, ensure_postgres/ensure_redis append what they START (not what they find running)
# to this file, so bin/down can stop exactly that. bin/up sets it to .run/started-by-up.
VIGIL_STARTED_FILE="${VIGIL_STARTED_FILE:-}"

LOOPBACK=127.0.0.1
PG_PORT=5432
PG_SUPERUSER=postgres
PG_CLUSTER=main
PG_START_TIMEOUT=30        # seconds until a started PostgreSQL must accept connections
REDIS_START_TIMEOUT=10     # seconds until a started redis-server must answer PING
PROBE_TIMEOUT=1            # seconds for one TCP probe
HTTP_PROBE_TIMEOUT=2       # seconds for one HTTP probe in wait_http
POLL_INTERVAL=0.5          # seconds between probes
PIDFILE_WAIT=5             # seconds for a detached process to write its pid file
DEFAULT_STOP_TIMEOUT=30    # seconds between SIGTERM and SIGKILL

# ---------------------------------------------------------------- logging
if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
  C_STEP=$'\e[1;34m' C_OK=$'\e[32m' C_WARN=$'\e[33m' C_ERR=$'\e[1;31m' C_DIM=$'\e[2m' C_RESET=$'\e[0m'
else
  C_STEP='' C_OK='' C_WARN='' C_ERR='' C_DIM='' C_RESET=''
fi

step() { printf '%s==>%s %s\n' "$C_STEP" "$C_RESET" "$*"; }
info() { printf '    %s%s%s\n' "$C_DIM" "$*" "$C_RESET"; }
ok()   { printf '    %sok%s %s\n' "$C_OK" "$C_RESET" "$*"; }
warn() { printf '%swarning:%s %s\n' "$C_WARN" "$C_RESET" "$*" >&2; }
die()  { printf '%serror:%s %s\n' "$C_ERR" "$C_RESET" "$*" >&2; exit 1; }

# ---------------------------------------------------------------- packages
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root for: $*"
  fi
}

apt_pkg_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

_VIGIL_APT_UPDATED=0

# ensure_apt_pkg PKG...   installs the packages that are missing (apt-get update once per script).
ensure_apt_pkg() {
  local pkg missing=()
  for pkg in "$@"; do
    apt_pkg_installed "$pkg" || missing+=("$pkg")
  done
  ((${#missing[@]} > 0)) || return 0
  command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}) and no apt-get: install them by hand"
  info "installing ${missing[*]} with apt-get"
  local log
  log="$(mktemp "${TMPDIR:-/tmp}/vigil-apt.XXXXXX")"
  if ((_VIGIL_APT_UPDATED == 0)); then
    as_root apt-get update -qq >"$log" 2>&1 || warn "apt-get update failed (trying the install anyway)"
    _VIGIL_APT_UPDATED=1
  fi
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >>"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "apt-get install ${missing[*]} failed (full log: $log)"
  fi
  rm -f "$log"
}

# ensure_cmd COMMAND PACKAGE   installs PACKAGE when COMMAND is not on the PATH.
ensure_cmd() {
  command -v "$1" >/dev/null 2>&1 || ensure_apt_pkg "$2"
  command -v "$1" >/dev/null 2>&1 || die "'$1' still not found after installing $2"
}

ensure_nginx() { ensure_cmd nginx nginx; }

# ---------------------------------------------------------------- probes
# port_open PORT [HOST]   true when something accepts TCP connections there.
port_open() {
  local port=$1 host=${2:-$LOOPBACK}
  # shellcheck disable=SC2016  # expanded by the inner shell
  timeout "$PROBE_TIMEOUT" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null
}

# wait_port PORT TIMEOUT [PID]   waits until PORT opens; gives up early if PID dies.
wait_port() {
  local port=$1 timeout=$2 pid=${3:-} deadline=$((SECONDS + $2))
  until port_open "$port"; do
    if [[ -n $pid ]] && ! pid_alive "$pid"; then return 1; fi
    ((SECONDS < deadline)) || return 1
    sleep "$POLL_INTERVAL"
  done
}

# http_ok URL   true when URL answers 2xx.
http_ok() {
  curl -fsS -o /dev/null --max-time "$HTTP_PROBE_TIMEOUT" "$1" 2>/dev/null
}

# wait_http URL TIMEOUT [PID]   waits until URL answers 2xx; gives up early if PID dies.
wait_http() {
  local url=$1 pid=${3:-} deadline=$((SECONDS + $2))
  until http_ok "$url"; do
    if [[ -n $pid ]] && ! pid_alive "$pid"; then return 1; fi
    ((SECONDS < deadline)) || return 1
    sleep "$POLL_INTERVAL"
  done
}

# ---------------------------------------------------------------- processes
# pid_alive PID   true for a live process (a zombie counts as dead).
pid_alive() {
  local pid=$1 state
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ $state != Z ]]
}

# pidfile_pid PIDFILE [CMDLINE_MATCH]   prints the pid if that process is alive (and its
# command line contains CMDLINE_MATCH, to guard against a recycled pid); fails otherwise.
pidfile_pid() {
  local pidfile=$1 match=${2:-} pid
  [[ -s $pidfile ]] || return 1
  pid="$(tr -dc '0-9' <"$pidfile")"
  pid_alive "$pid" || return 1
  if [[ -n $match ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$match"; then
    return 1
  fi
  printf '%s\n' "$pid"
}

# start_detached PIDFILE LOGFILE COMMAND...   runs COMMAND in its own session (it outlives this
# script and holds none of its pipes), output appended to LOGFILE, its pid written to PIDFILE.
start_detached() {
  local pidfile=$1 logfile=$2
  shift 2
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  rm -f "$pidfile"
  # shellcheck disable=SC2016  # $$ and $@ belong to the inner shell
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
  local deadline=$((SECONDS + PIDFILE_WAIT))
  until [[ -s $pidfile ]]; do
    ((SECONDS < deadline)) || die "no pid file $pidfile after starting: $*"
    sleep 0.1
  done
}

# stop_pidfile PIDFILE NAME [TIMEOUT [CMDLINE_MATCH]]   SIGTERM, wait, SIGKILL after TIMEOUT s.
# Safe when the file is missing or the process is gone.
stop_pidfile() {
  local pidfile=$1 name=$2 timeout=${3:-$DEFAULT_STOP_TIMEOUT} match=${4:-} pid
  if ! pid="$(pidfile_pid "$pidfile" "$match")"; then
    rm -f "$pidfile"
    return 0
  fi
  info "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while pid_alive "$pid"; do
    if ((SECONDS >= deadline)); then
      warn "$name (pid $pid) did not stop within ${timeout}s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep "$POLL_INTERVAL"
  done
  rm -f "$pidfile"
}

# rotate_log FILE   keeps the previous run's log as FILE.prev.
rotate_log() {
  [[ -f $1 ]] && mv -f "$1" "$1.prev"
  mkdir -p "$(dirname "$1")"
  : >"$1"
}

# record_started WORDS...   notes in $VIGIL_STARTED_FILE what this script started (once per line).
record_started() {
  [[ -n $VIGIL_STARTED_FILE ]] || return 0
  local line="$*"
  mkdir -p "$(dirname "$VIGIL_STARTED_FILE")"
  grep -qxF -- "$line" "$VIGIL_STARTED_FILE" 2>/dev/null || printf '%s\n' "$line" >>"$VIGIL_STARTED_FILE"
}

# ---------------------------------------------------------------- PostgreSQL
psql_admin() {
  PGCONNECT_TIMEOUT=5 PGOPTIONS='-c client_min_messages=warning' psql -w -h "$LOOPBACK" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres \
    -v ON_ERROR_STOP=1 -qtAX "$@"
}

pg_can_connect() { psql_admin -c 'SELECT 1' >/dev/null 2>&1; }

# Newest PostgreSQL major version installed as a server (Debian layout).
pg_installed_version() {
  find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null \
    | awk -F/ '{print $5}' | sort -n | tail -n 1
}

# pg_trust_local VERSION CLUSTER   pg_hba: 'local' and 127.0.0.1/::1 'host' lines -> trust.
pg_trust_local() {
  local hba="/etc/postgresql/$1/$2/pg_hba.conf"
  [[ -f $hba ]] || die "no $hba"
  [[ -f $hba.vigil-orig ]] || as_root cp -p "$hba" "$hba.vigil-orig"
  as_root sed -i -E \
    '/^(local[[:space:]]|host.*[[:space:]](127\.0\.0\.1\/32|::1\/128)[[:space:]])/ s/[[:space:]](peer|ident|md5|password|scram-sha-256)[[:space:]]*$/ trust/' \
    "$hba"
}

# ensure_postgres   a PostgreSQL server on 127.0.0.1:5432 that lets user postgres in without password.
ensure_postgres() {
  ensure_cmd psql postgresql-client
  if ! port_open "$PG_PORT"; then
    ensure_apt_pkg postgresql
    local ver
    ver="$(pg_installed_version)"
    [[ -n $ver ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
    if ! pg_lsclusters -h 2>/dev/null | awk -v v="$ver" -v c="$PG_CLUSTER" '$1 == v && $2 == c {f = 1} END {exit !f}'; then
      info "creating cluster $ver/$PG_CLUSTER"
      as_root pg_createcluster --port "$PG_PORT" "$ver" "$PG_CLUSTER" >/dev/null
    fi
    pg_trust_local "$ver" "$PG_CLUSTER"
    # The package's postinst may have started the cluster already (then the check below reloads it).
    if ! port_open "$PG_PORT"; then
      info "starting PostgreSQL $ver/$PG_CLUSTER"
      as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$PG_CLUSTER" start
      record_started postgres "$ver" "$PG_CLUSTER"
      wait_port "$PG_PORT" "$PG_START_TIMEOUT" || die "PostgreSQL did not open port $PG_PORT"
    fi
  fi
  if ! pg_can_connect; then
    # A local Debian cluster answers but wants a password: switch its local lines to trust.
    local ver cluster
    read -r ver cluster < <(pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p {print $1, $2; exit}') || true
    [[ -n ${ver:-} ]] || die "a server on port $PG_PORT refuses user $PG_SUPERUSER and is no local Debian cluster"
    info "switching $ver/$cluster pg_hba.conf to trust for local connections"
    pg_trust_local "$ver" "$cluster"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$cluster" reload
    sleep 1
    pg_can_connect || die "cannot connect to PostgreSQL on $LOOPBACK:$PG_PORT as $PG_SUPERUSER"
  fi
}

_valid_db_name() { [[ $1 =~ ^[a-z_][a-z0-9_]*$ ]] || die "bad database name '$1'"; }

# ensure_database NAME   creates it if missing.
ensure_database() {
  _valid_db_name "$1"
  if [[ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" != 1 ]]; then
    psql_admin -c "CREATE DATABASE \"$1\"" >/dev/null
    info "created database $1"
  fi
}

# recreate_database NAME   drops it (disconnecting its sessions) and creates it empty.
recreate_database() {
  _valid_db_name "$1"
  psql_admin -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
  psql_admin -c "CREATE DATABASE \"$1\"" >/dev/null
}

# ---------------------------------------------------------------- Redis
# redis_ping PORT   true when a Redis answers PING on 127.0.0.1:PORT (pure bash, no redis-cli needed).
redis_ping() {
  # shellcheck disable=SC2016  # expanded by the inner shell
  timeout "$PROBE_TIMEOUT" bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "PING\r\n" >&3
    IFS= read -r line <&3
    [[ $line == +PONG* ]]' "$LOOPBACK" "$1" 2>/dev/null
}

# redis_flushall PORT   empties every database of the Redis on 127.0.0.1:PORT.
redis_flushall() {
  # shellcheck disable=SC2016  # expanded by the inner shell
  timeout "$PROBE_TIMEOUT" bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "FLUSHALL\r\n" >&3
    IFS= read -r line <&3
    [[ $line == +OK* ]]' "$LOOPBACK" "$1" 2>/dev/null
}

# ensure_redis PORT [PIDFILE [REDIS-SERVER ARGS...]]
# Uses a Redis already answering on PORT; otherwise starts redis-server on 127.0.0.1:PORT,
# daemonized, with PIDFILE (default .run/redis-PORT.pid) and its log/data beside it.
# Default extra args: --save '' --appendonly no (no persistence).
ensure_redis() {
  local port=$1 pidfile=${2:-$VIGIL_RUN_DIR/redis-$1.pid}
  shift $(($# < 2 ? $# : 2))
  local extra=("$@")
  ((${#extra[@]} > 0)) || extra=(--save '' --appendonly no)
  if redis_ping "$port"; then
    info "Redis already answers on $port"
    return 0
  fi
  ensure_cmd redis-server redis-server
  # Installing the package may have started the system Redis (Debian's postinst does).
  if redis_ping "$port"; then
    info "Redis already answers on $port"
    return 0
  fi
  port_open "$port" && die "port $port is taken by something that is not Redis"
  local dir
  dir="$(dirname "$pidfile")"
  mkdir -p "$dir"
  redis-server --bind "$LOOPBACK" --port "$port" --daemonize yes \
    --pidfile "$pidfile" --logfile "$dir/redis-$port.log" --dir "$dir" \
    "${extra[@]}" </dev/null >/dev/null 2>&1 || die "redis-server failed to start (see $dir/redis-$port.log)"
  local deadline=$((SECONDS + REDIS_START_TIMEOUT))
  until redis_ping "$port"; do
    ((SECONDS < deadline)) || die "Redis on $port did not answer (see $dir/redis-$port.log)"
    sleep 0.1
  done
  record_started redis "$port" "$pidfile"
  info "started redis-server on $port (pid file $pidfile)"
}
