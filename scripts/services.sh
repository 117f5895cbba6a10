#!/usr/bin/env bash
# Private MariaDB, Redis and SMTP sink for the tests, kept under .state/ in the repo.
#
#   scripts/services.sh start     stop any stale instance, then start all three fresh
#   scripts/services.sh stop      stop whatever of ours is running
#   scripts/services.sh status    show what answers
#   scripts/services.sh env       print the export lines for the tests:
#                                 eval "$(scripts/services.sh env)"
#
# The ports can be moved, e.g. for a second checkout (a git worktree) whose services must not
# meet the first one's: ATTICKET_MYSQL_PORT, ATTICKET_REDIS_PORT, ATTICKET_SMTP_PORT (give `env`,
# `status` and `stop` the same values as `start`). ATTICKET_MYSQL_PERFORMANCE_SCHEMA=1 starts
# MariaDB with performance_schema on: the benchmark reads its statement digests.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.state"

MYSQL_PORT="${ATTICKET_MYSQL_PORT:-33306}"
REDIS_PORT="${ATTICKET_REDIS_PORT:-36379}"
SMTP_PORT="${ATTICKET_SMTP_PORT:-32525}"
PERFORMANCE_SCHEMA="${ATTICKET_MYSQL_PERFORMANCE_SCHEMA:-0}"

DB_DIR="$STATE/mariadb"
DB_CNF="$DB_DIR/my.cnf"
DB_PID="$DB_DIR/mariadb.pid"
DB_LOG="$DB_DIR/error.log"
REDIS_DIR="$STATE/redis"
REDIS_PID="$REDIS_DIR/redis.pid"
SMTP_DIR="$STATE/smtp"
SMTP_PID="$SMTP_DIR/smtp.pid"
MAILDIR="$STATE/maildir"

# Debian's interpreter: the python3 first on PATH may be another one without aiosmtpd.
PY=/usr/bin/python3

# A Unix socket path must stay under 108 bytes; a deep checkout falls back to /tmp.
DB_SOCK="$DB_DIR/mariadb.sock"
if (( ${#DB_SOCK} > 100 )); then
    DB_SOCK="/tmp/atticket-mariadb-$(printf '%s' "$ROOT" | md5sum | cut -c1-12).sock"
fi

# Exact command lines, also used to find our own instances when their pid files are gone.
DB_CMD="/usr/sbin/mariadbd --defaults-file=$DB_CNF"
SMTP_ARGS=(-m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$MAILDIR")
SMTP_CMD="$PY ${SMTP_ARGS[*]}"

log() { printf '    %s\n' "$*" >&2; }
die() { printf 'services: ERROR: %s\n' "$*" >&2; exit 1; }

# pid from a pid file, only if that process is alive and runs the expected program
# (a pid file can outlive its process, and the pid can be reused by something else).
live_pid() {
    local file=$1 name=$2 pid
    [[ -s $file ]] || return 1
    pid=$(tr -dc '0-9' < "$file")
    [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
    tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -q -- "$name" || return 1
    echo "$pid"
}

# TERM all of "name:pid ..." at once (each takes 1-2 s to shut down), wait up to 60 s,
# then KILL what is left.
stop_pids() {
    local item pid left i
    for item in "$@"; do kill -TERM "${item##*:}" 2>/dev/null || true; done
    for ((i = 0; i < 600; i++)); do
        left=()
        for item in "$@"; do kill -0 "${item##*:}" 2>/dev/null && left+=("$item"); done
        ((${#left[@]})) || break
        sleep 0.1
    done
    for item in "$@"; do
        pid=${item##*:}
        if kill -0 "$pid" 2>/dev/null; then
            kill -KILL "$pid" 2>/dev/null || true
            log "killed ${item%:*} (pid $pid) after 60s"
        else
            log "stopped ${item%:*} (pid $pid)"
        fi
    done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Wait until "$@" succeeds, at most $2 seconds; on timeout show the log and fail.
wait_for() {
    local what=$1 secs=$2 logfile=$3; shift 3
    local deadline=$((SECONDS + secs))
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            printf 'services: ERROR: %s did not answer within %ss. Last lines of %s:\n' \
                "$what" "$secs" "$logfile" >&2
            tail -n 30 "$logfile" >&2 2>/dev/null || true
            exit 1
        fi
        sleep 0.2
    done
}

ensure_port_free() {
    port_open "$1" && die "port $1 ($2) is already in use by a process that is not ours; stop it first (ss -ltnp 'sport = :$1')"
    return 0
}

start_mariadb() {
    ensure_port_free "$MYSQL_PORT" MariaDB
    rm -rf "$DB_DIR" && mkdir -p "$DB_DIR/data" "$DB_DIR/tmp"
    local user; user=$(id -un)
    # Runs as the invoking user (root on CI): a 'mysql' user could not reach a datadir
    # inside a checkout under /root.
    cat > "$DB_CNF" <<EOF
[client]
port=$MYSQL_PORT
socket=$DB_SOCK

[mysqld]
user=$user
datadir=$DB_DIR/data
tmpdir=$DB_DIR/tmp
socket=$DB_SOCK
pid-file=$DB_PID
log-error=$DB_LOG
port=$MYSQL_PORT
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
# Every test database keeps its own connection pool open.
max_connections=1000
# Throwaway test data: no need to fsync every commit.
innodb_flush_log_at_trx_commit=2
innodb_buffer_pool_size=256M
EOF
    if [[ $PERFORMANCE_SCHEMA == 1 ]]; then
        printf '%s\n' '# Statement digests for the benchmark profile.' 'performance_schema=ON' >> "$DB_CNF"
    fi
    mariadb-install-db --defaults-file="$DB_CNF" --skip-test-db \
        --auth-root-authentication-method=socket > "$DB_DIR/install.log" 2>&1 \
        || { tail -n 30 "$DB_DIR/install.log" >&2; die "mariadb-install-db failed"; }
    # --pidfile: otherwise start-stop-daemon refuses while any other mariadbd runs.
    start-stop-daemon --start --background --pidfile "$DB_PID" --output "$DB_DIR/stdout.log" \
        --exec "${DB_CMD%% *}" -- "${DB_CMD#* }"
    wait_for MariaDB 60 "$DB_LOG" mariadb-admin --defaults-file="$DB_CNF" ping
    # install-db gives the invoking OS user a unix_socket account with all privileges.
    mariadb --defaults-file="$DB_CNF" -u "$user" <<'SQL'
CREATE USER 'atticket'@'%' IDENTIFIED BY 'atticket';
CREATE USER 'atticket'@'localhost' IDENTIFIED BY 'atticket';
GRANT ALL PRIVILEGES ON *.* TO 'atticket'@'%';
GRANT ALL PRIVILEGES ON *.* TO 'atticket'@'localhost';
SQL
    log "MariaDB  127.0.0.1:$MYSQL_PORT (pid $(cat "$DB_PID"))"
}

start_redis() {
    ensure_port_free "$REDIS_PORT" Redis
    rm -rf "$REDIS_DIR" && mkdir -p "$REDIS_DIR"
    # A test that restarts Redis can reuse this file: redis-server "$ATTICKET_TEST_REDIS_DIR/redis.conf"
    cat > "$REDIS_DIR/redis.conf" <<EOF
port $REDIS_PORT
bind 127.0.0.1
daemonize yes
dir $REDIS_DIR
pidfile $REDIS_PID
logfile $REDIS_DIR/redis.log
save ""
appendonly no
EOF
    redis-server "$REDIS_DIR/redis.conf"
    wait_for Redis 15 "$REDIS_DIR/redis.log" redis_ping
    log "Redis    127.0.0.1:$REDIS_PORT (pid $(cat "$REDIS_PID"))"
}

redis_ping() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

start_smtp() {
    ensure_port_free "$SMTP_PORT" "SMTP sink"
    rm -rf "$SMTP_DIR" "$MAILDIR" && mkdir -p "$SMTP_DIR"
    # An empty pre-made Maildir breaks delivery; one with tmp/new/cur works.
    mkdir -p "$MAILDIR"/{tmp,new,cur}
    start-stop-daemon --start --background --make-pidfile --pidfile "$SMTP_PID" \
        --output "$SMTP_DIR/smtp.log" --exec "$PY" -- "${SMTP_ARGS[@]}"
    wait_for "SMTP sink" 15 "$SMTP_DIR/smtp.log" port_open "$SMTP_PORT"
    log "SMTP     127.0.0.1:$SMTP_PORT -> $MAILDIR (pid $(cat "$SMTP_PID"))"
}

# Our processes whose pid file is gone (e.g. .state/ wiped by git clean while they ran):
# found by their exact command line, which names this checkout's .state/, so nobody
# else's server is touched.
orphans() {
    local want=$1 f pid
    for f in /proc/[0-9]*/cmdline; do
        pid=${f#/proc/}; pid=${pid%/cmdline}
        [[ $(tr '\0' ' ' 2>/dev/null < "$f") == "$want" ]] && echo "$pid"
    done
    return 0
}

stop_all() {
    local pid found=()
    if pid=$(live_pid "$SMTP_PID" aiosmtpd); then found+=("SMTP sink:$pid"); fi
    if pid=$(live_pid "$REDIS_PID" redis-server); then found+=("Redis:$pid"); fi
    if pid=$(live_pid "$DB_PID" mariadbd); then found+=("MariaDB:$pid"); fi
    for pid in $(orphans "$SMTP_CMD "); do
        [[ " ${found[*]} " == *":$pid "* ]] || found+=("stale SMTP sink:$pid")
    done
    for pid in $(orphans "$DB_CMD "); do
        [[ " ${found[*]} " == *":$pid "* ]] || found+=("stale MariaDB:$pid")
    done
    ((${#found[@]} == 0)) || stop_pids "${found[@]}"
    # A test may have restarted Redis with another pid file; whatever answers on our
    # private port is ours, so shut it down by port as well.
    if redis_ping; then
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
        log "stopped Redis on port $REDIS_PORT"
    fi
    rm -f "$SMTP_PID" "$REDIS_PID" "$DB_PID"
}

start_all() {
    stop_all
    mkdir -p "$STATE"
    command -v mariadbd >/dev/null || PATH="$PATH:/usr/sbin"
    start_mariadb
    start_redis
    start_smtp
}

print_env() {
    cat <<EOF
export ATTICKET_TEST_MYSQL='Server=127.0.0.1;Port=$MYSQL_PORT;User ID=atticket;Password=atticket'
export ATTICKET_TEST_REDIS='127.0.0.1:$REDIS_PORT'
export ATTICKET_TEST_SMTP_HOST='127.0.0.1'
export ATTICKET_TEST_SMTP_PORT='$SMTP_PORT'
export ATTICKET_TEST_MAILDIR='$MAILDIR'
export ATTICKET_TEST_CHROMIUM='/usr/bin/chromium'
export ATTICKET_TEST_REDIS_SERVER='$(command -v redis-server || echo /usr/bin/redis-server)'
export ATTICKET_TEST_REDIS_DIR='$REDIS_DIR'
export ATTICKET_REQUIRE_SERVICES=1
EOF
}

status() {
    local rc=0
    if mariadb-admin --defaults-file="$DB_CNF" ping >/dev/null 2>&1; then echo "MariaDB  up   127.0.0.1:$MYSQL_PORT"; else echo "MariaDB  down"; rc=1; fi
    if redis_ping; then echo "Redis    up   127.0.0.1:$REDIS_PORT"; else echo "Redis    down"; rc=1; fi
    if port_open "$SMTP_PORT"; then echo "SMTP     up   127.0.0.1:$SMTP_PORT"; else echo "SMTP     down"; rc=1; fi
    return $rc
}

case "${1:-}" in
    start) start_all ;;
    stop) stop_all ;;
    env) print_env ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
