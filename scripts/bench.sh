#!/usr/bin/env bash
# The flash-sale load benchmark of issue 9: private MariaDB and Redis (scripts/services.sh), two
# Release nodes of AtTicket.Web behind nginx (deploy/nginx.conf), then bench/AtTicket.LoadBench runs
# the scenarios and writes docs/benchmarks/flash-sale.json and the flash-sale section of
# docs/benchmarks.md. Everything it started is stopped at the end, also on failure. About 9 minutes.
#
#   scripts/bench.sh                 every scenario, then the report
#   scripts/bench.sh s1 report       only these (the setup always runs; other results are kept)
#
# Scenarios: c0-db c0-redis c0-http profile s1 f1 s3 s1b mail m1 s2 s4 q1 (and report); f1 is S1's load
# against two floor nodes (the least a hold can do, bench/AtTicket.LoadBench/Floor); mail reads how the
# sell-out's confirmation mails followed it, so it runs after s1b; m1 is issue 10's burst of 2,000
# one-seat bookings and their confirmation mails. s4 opens seat-map circuits on node A in steps
# (--s4-steps 0,25,50,...; --s4-max-rss-mib caps node A's memory) and times renders after changes.
# q1 is issue 13's waiting room: 20,000 members join one line in Redis, place checks, admission accuracy.
# Settings of the load tool can follow, e.g. `scripts/bench.sh s1 report --s1-seconds 30`.
#
#   ATTICKET_BENCH_BUS=kafka scripts/bench.sh m1 report
#                                    both nodes on Kafka: librdkafka's mock cluster, run as a
#                                    process of its own (AtTicket.LoadBench kafka-mock)
#
#   ATTICKET_MYSQL_PORT, ATTICKET_REDIS_PORT, ATTICKET_SMTP_PORT   the services' ports (services.sh)
#   ATTICKET_BENCH_PORTS   "node A, node B, nginx" ports, default "38081 38082 38080"
#   ATTICKET_BENCH_FLOOR_PORTS   F1's two floor nodes and their nginx server, default "38083 38084 38085"
#   ATTICKET_BENCH_PERFORMANCE_SCHEMA=0   MariaDB as it ships, without performance_schema: no statement
#                                    digests or profile, and about 10 % more S1 (docs/benchmarks.md, eighth look)
#
# It restarts this checkout's services (as scripts/test.sh does), so do not run both at once.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SERVICES="$ROOT/scripts/services.sh"
STATE="$ROOT/.state/bench"
read -r NODE_A_PORT NODE_B_PORT NGINX_PORT <<< "${ATTICKET_BENCH_PORTS:-38081 38082 38080}"
read -r FLOOR_A_PORT FLOOR_B_PORT FLOOR_NGINX_PORT <<< "${ATTICKET_BENCH_FLOOR_PORTS:-38083 38084 38085}"
MYSQL_PORT="${ATTICKET_MYSQL_PORT:-33306}"
REDIS_PORT="${ATTICKET_REDIS_PORT:-36379}"
DATABASE=atticket_bench
ADMIN_EMAIL=bench-admin@atticket.local
ADMIN_PASSWORD='Bench!2345admin'

# What the nodes run with besides the addresses; recorded with the results.
NODE_SETTINGS=(
    "Payments__SimulatedLatencyMilliseconds=5"
    "Booking__HoldMinutes=1"
    # Every buyer comes from the bench's one address through nginx: lift the per-member and per-address limits.
    "RateLimits__Holds__PerMember=1000000"
    "RateLimits__Holds__PerAddress=1000000"
    "RateLimits__Bookings__PerMember=1000000"
    "RateLimits__Bookings__PerAddress=1000000"
    "RateLimits__Registrations__PerAddress=1000000"
    "RateLimits__Logins__PerAddress=1000000"
    "RateLimits__QueueJoins__PerAddress=1000000"
    "Mail__Smtp__Host=127.0.0.1"
    "Mail__Smtp__Port=${ATTICKET_SMTP_PORT:-32525}"
    "Mail__Smtp__Security=None"
)

APT_PACKAGES=(mariadb-server redis-server python3-aiosmtpd nginx sysbench wrk nghttp2-client curl)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*"; }
die() { printf 'bench: ERROR: %s\n' "$*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---- cleanup: only what this run started, by pid ----------------------------------------

SERVICES_STARTED=0
NODE_PIDS=()
NGINX_PID=""
KAFKA_PID=""

stop_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

# shellcheck disable=SC2317  # invoked by trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [[ -n $NGINX_PID ]] && stop_pid "$NGINX_PID"
    for pid in "${NODE_PIDS[@]}"; do stop_pid "$pid"; done
    [[ -n $KAFKA_PID ]] && stop_pid "$KAFKA_PID"
    if ((SERVICES_STARTED)); then "$SERVICES" stop || true; fi
    ((rc == 0)) || printf 'bench: failed (exit code %s); logs in %s\n' "$rc" "$STATE" >&2
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- 1. packages ------------------------------------------------------------------------

rm -rf "$STATE" && mkdir -p "$STATE"
missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    [[ $(id -u) == 0 ]] || die "need root to apt-get install ${missing[*]}"
    compgen -G '/var/lib/apt/lists/*_Packages*' > /dev/null || apt-get update > "$STATE/apt-update.log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 \
        "${missing[@]}" > "$STATE/apt.log" 2>&1 \
        || { apt-get update > "$STATE/apt-update.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y \
            --no-install-recommends "${missing[@]}" > "$STATE/apt.log" 2>&1; } \
        || { tail -n 30 "$STATE/apt.log"; die "apt-get install failed"; }
fi
command -v mariadbd > /dev/null || PATH="$PATH:/usr/sbin"
for port in "$NODE_A_PORT" "$NODE_B_PORT" "$NGINX_PORT" "$FLOOR_A_PORT" "$FLOOR_B_PORT" "$FLOOR_NGINX_PORT"; do
    port_open "$port" && die "port $port is in use; set ATTICKET_BENCH_PORTS and ATTICKET_BENCH_FLOOR_PORTS to free ports"
done
# Thousands of buyers and hub clients, each with its own connection.
ulimit -n 65536 2> /dev/null || ulimit -n "$(ulimit -Hn)"

# ---- 2. services and build --------------------------------------------------------------

log "services (MariaDB, performance_schema=${ATTICKET_BENCH_PERFORMANCE_SCHEMA:-1}, Redis)"
SERVICES_STARTED=1
ATTICKET_MYSQL_PERFORMANCE_SCHEMA=${ATTICKET_BENCH_PERFORMANCE_SCHEMA:-1} "$SERVICES" start
MYSQL_PWD=atticket mariadb --protocol=TCP -h 127.0.0.1 -P "$MYSQL_PORT" -u atticket -e "CREATE DATABASE $DATABASE"

log "build (Release)"
for project in AtTicket.Web bench/AtTicket.LoadBench; do
    dotnet build "$project" -c Release > "$STATE/build.log" 2>&1 \
        || { grep -E ': error ' "$STATE/build.log" | sort -u || tail -n 30 "$STATE/build.log"; die "build of $project failed"; }
done

# ---- 3. two nodes behind nginx ----------------------------------------------------------

if [[ ${ATTICKET_BENCH_BUS:-in-process} == kafka ]]; then
    log "Kafka: librdkafka's mock cluster as a process"
    dotnet bench/AtTicket.LoadBench/bin/Release/net10.0/AtTicket.LoadBench.dll kafka-mock > "$STATE/kafka.addr" 2> "$STATE/kafka.log" &
    KAFKA_PID=$!
    for ((i = 0; i < 300; i++)); do
        [[ -s $STATE/kafka.addr ]] && break
        kill -0 "$KAFKA_PID" 2>/dev/null || die "the Kafka mock cluster did not start: $(cat "$STATE/kafka.log")"
        sleep 0.1
    done
    KAFKA_BOOTSTRAP=$(head -n 1 "$STATE/kafka.addr")
    [[ $KAFKA_BOOTSTRAP =~ ^127\.0\.0\.1:[0-9]+$ ]] || die "the Kafka mock cluster printed no address: $KAFKA_BOOTSTRAP"
    NODE_SETTINGS+=("Kafka__BootstrapServers=$KAFKA_BOOTSTRAP")
fi

DB_CONNECTION="Server=127.0.0.1;Port=$MYSQL_PORT;Database=$DATABASE;User ID=atticket;Password=atticket"
start_node() {
    local name=$1 port=$2
    (
        cd AtTicket.Web
        exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
            Database__Provider=MySql ConnectionStrings__Database="$DB_CONNECTION" \
            ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
            Seed__AdminEmail="$ADMIN_EMAIL" Seed__AdminPassword="$ADMIN_PASSWORD" \
            "${NODE_SETTINGS[@]}" \
            dotnet bin/Release/net10.0/AtTicket.Web.dll
    ) > "$STATE/$name.log" 2>&1 &
    NODE_PIDS+=($!)
}

wait_ready() {
    local url=$1 what=$2 logfile=$3 deadline=$((SECONDS + 120))
    until [[ $(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$url/health/ready") == 200 ]]; do
        ((SECONDS < deadline)) || { tail -n 40 "$logfile" >&2; die "$what did not become ready at $url"; }
        sleep 0.3
    done
}

log "two nodes on :$NODE_A_PORT and :$NODE_B_PORT"
start_node node-a "$NODE_A_PORT"
start_node node-b "$NODE_B_PORT"
wait_ready "http://127.0.0.1:$NODE_A_PORT" "node A" "$STATE/node-a.log"
wait_ready "http://127.0.0.1:$NODE_B_PORT" "node B" "$STATE/node-b.log"

# F1's floor nodes, the least a hold can do as web nodes of their own, only when F1 runs: when it is named,
# or when no scenario is (every scenario runs). Words after an --option are its value, not scenarios.
runs_floor() {
    local named=0 arg
    while (($#)); do
        arg=$1
        shift
        if [[ $arg == --* ]]; then shift; continue; fi
        [[ $arg == f1 ]] && return 0
        named=1
    done
    ((named == 0))
}
start_floor_node() {
    local name=$1 port=$2
    dotnet bench/AtTicket.LoadBench/bin/Release/net10.0/AtTicket.LoadBench.dll floor-node \
        --urls "http://127.0.0.1:$port" --database "$DB_CONNECTION" --redis "127.0.0.1:$REDIS_PORT" \
        > "$STATE/$name.log" 2>&1 &
    FLOOR_PIDS+=($!)
}
FLOOR_PIDS=()
FLOOR_ARGS=()
if runs_floor "$@"; then
    log "two floor nodes on :$FLOOR_A_PORT and :$FLOOR_B_PORT"
    start_floor_node floor-a "$FLOOR_A_PORT"
    start_floor_node floor-b "$FLOOR_B_PORT"
    NODE_PIDS+=("${FLOOR_PIDS[@]}")
    wait_ready "http://127.0.0.1:$FLOOR_A_PORT" "floor node A" "$STATE/floor-a.log"
    wait_ready "http://127.0.0.1:$FLOOR_B_PORT" "floor node B" "$STATE/floor-b.log"
    FLOOR_ARGS=(--floor "http://127.0.0.1:$FLOOR_NGINX_PORT" --floor-pids "floor-a=${FLOOR_PIDS[0]},floor-b=${FLOOR_PIDS[1]}")
fi

# deploy/nginx.conf with this machine's addresses and paths; every line changed must exist once.
NGINX_DIR="$STATE/nginx"
mkdir -p "$NGINX_DIR"
replace_once() {
    local from=$1 to=$2 file=$3
    [[ $(grep -cF -- "$from" "$file") == 1 ]] || die "deploy/nginx.conf changed: expected one \"$from\""
    FROM="$from" TO="$to" perl -0pi -e 's/\Q$ENV{FROM}\E/$ENV{TO}/' "$file"
}
cp deploy/nginx.conf "$NGINX_DIR/nginx.conf"
replace_once "server web1:8080" "server 127.0.0.1:$NODE_A_PORT" "$NGINX_DIR/nginx.conf"
replace_once "server web2:8080" "server 127.0.0.1:$NODE_B_PORT" "$NGINX_DIR/nginx.conf"
replace_once "listen 80;" "listen 127.0.0.1:$NGINX_PORT;" "$NGINX_DIR/nginx.conf"
# Room for 2,000 hub clients (each two connections through nginx) on a 2-core machine's workers.
replace_once "worker_connections 4096;" "worker_connections 16384;" "$NGINX_DIR/nginx.conf"
replace_once "http {" "http {
    access_log off;
    client_body_temp_path $NGINX_DIR/client_body;
    proxy_temp_path $NGINX_DIR/proxy;
    fastcgi_temp_path $NGINX_DIR/fastcgi;
    uwsgi_temp_path $NGINX_DIR/uwsgi;
    scgi_temp_path $NGINX_DIR/scgi;" "$NGINX_DIR/nginx.conf"
{ printf 'pid %s/nginx.pid;\nerror_log %s/error.log;\nworker_rlimit_nofile 65536;\n\n' "$NGINX_DIR" "$NGINX_DIR"
  cat "$NGINX_DIR/nginx.conf"; } > "$NGINX_DIR/nginx.conf.new" && mv "$NGINX_DIR/nginx.conf.new" "$NGINX_DIR/nginx.conf"
# F1's floor nodes behind the same workers, proxied as the app's nodes are.
replace_once "    upstream atticket {" "    upstream floor {
        hash \$sticky_key consistent;
        server 127.0.0.1:$FLOOR_A_PORT;
        server 127.0.0.1:$FLOOR_B_PORT;
        keepalive 64;
    }

    server {
        listen 127.0.0.1:$FLOOR_NGINX_PORT;
        location / {
            proxy_pass http://floor;
            proxy_http_version 1.1;
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header Connection \$connection_upgrade;
            proxy_buffering off;
            add_header Set-Cookie \"atticket_node=\$sticky_key; Path=/; HttpOnly; SameSite=Lax\" always;
        }
    }

    upstream atticket {" "$NGINX_DIR/nginx.conf"
nginx -p "$NGINX_DIR/" -c "$NGINX_DIR/nginx.conf" -e "$NGINX_DIR/error.log" -g 'daemon off;' > "$STATE/nginx.log" 2>&1 &
NGINX_PID=$!
wait_ready "http://127.0.0.1:$NGINX_PORT" nginx "$NGINX_DIR/error.log"
if ((${#FLOOR_PIDS[@]})); then
    wait_ready "http://127.0.0.1:$FLOOR_NGINX_PORT" "nginx for the floor nodes" "$NGINX_DIR/error.log"
fi

# ---- 4. the scenarios -------------------------------------------------------------------

log "load benchmark"
PIDS="node-a=${NODE_PIDS[0]},node-b=${NODE_PIDS[1]},nginx=$NGINX_PID"
PIDS+=",mariadb=$(cat "$ROOT/.state/mariadb/mariadb.pid"),redis=$(cat "$ROOT/.state/redis/redis.pid")"
dotnet bench/AtTicket.LoadBench/bin/Release/net10.0/AtTicket.LoadBench.dll \
    --nginx "http://127.0.0.1:$NGINX_PORT" \
    --nodes "http://127.0.0.1:$NODE_A_PORT,http://127.0.0.1:$NODE_B_PORT" \
    --database "$DB_CONNECTION" --redis "127.0.0.1:$REDIS_PORT" \
    --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" \
    "${FLOOR_ARGS[@]}" \
    --pids "$PIDS" --node-settings "$(IFS=';'; echo "${NODE_SETTINGS[*]}")" \
    --results docs/benchmarks/flash-sale.json --markdown docs/benchmarks.md --repo "$ROOT" \
    "$@" 2>&1 | tee "$STATE/bench.log"
exit "${PIPESTATUS[0]}"
