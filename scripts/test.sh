#!/usr/bin/env bash
# The project's one test command: install what is missing, start private services,
# build, check EF migrations, run every test project, print "N passed, N failed" last.
#
#   ATTICKET_TEST_TIMEOUT   per test project timeout (MTP syntax, default 30m)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STATE="$ROOT/.state"
RESULTS="$STATE/results"
LOGS="$STATE/logs"
SERVICES="$ROOT/scripts/services.sh"
PY=/usr/bin/python3
TEST_TIMEOUT="${ATTICKET_TEST_TIMEOUT:-30m}"

# fonts-noto-cjk: Korean glyphs in the browser tests' screenshots; zbar-tools: the booking test
# reads the tickets' QR codes back.
APT_PACKAGES=(mariadb-server redis-server python3-aiosmtpd nginx chromium chromium-driver fonts-noto-cjk zbar-tools)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---- progress and bookkeeping ---------------------------------------------------------

now_ms() { date +%s%3N; }
T0=$(now_ms)
STEP_NAME="" STEP_T=""
TIMINGS=()
EXTRA_FAILED=0          # failed checks that are not tests (EF model check, build, abort)
EXTRA_FAILURES=()
SERVICES_STARTED=0
SUMMARY_PRINTED=0

elapsed() { local ms=$(($(now_ms) - $1)); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
step() {
    step_end
    STEP_NAME=$1 STEP_T=$(now_ms)
    printf '==> %s\n' "$STEP_NAME"
}
step_end() {
    [[ -n $STEP_NAME ]] || return 0
    local took; took=$(elapsed "$STEP_T")
    printf '    %s: %ss\n' "$STEP_NAME" "$took"
    TIMINGS+=("$(printf '%-46s %7ss' "$STEP_NAME" "$took")")
    STEP_NAME=""
}
fail_check() { EXTRA_FAILED=$((EXTRA_FAILED + 1)); EXTRA_FAILURES+=("$1"); }

print_timings() {
    echo "---- timings"
    printf '  %s\n' "${TIMINGS[@]}"
    printf '  %-46s %7ss\n' total "$(elapsed "$T0")"
}

# Reads each project's xUnit v2+ XML report; a project without a readable report, or
# whose exit code says something went wrong beyond failed tests, counts as one failure.
# Prints failures, skips and the final "N passed, N failed" line; returns 1 on any failure.
summarise() {
    local rc=0
    SUMMARY_PRINTED=1
    if ((${#EXTRA_FAILURES[@]})); then
        echo "---- failed checks"
        printf '  %s\n' "${EXTRA_FAILURES[@]}"
    fi
    "$PY" - "$RESULTS" "$EXTRA_FAILED" <<'PYEOF' || rc=$?
import os, sys, xml.etree.ElementTree as ET

results, extra_failed = sys.argv[1], int(sys.argv[2])
passed = failed = skipped = 0
failures, skips, notes = [], [], []
rows = []
tsv = os.path.join(results, "projects.tsv")
if os.path.exists(tsv):
    rows = [l.rstrip("\n").split("\t") for l in open(tsv, encoding="utf-8") if l.strip()]

def short(text, n=12):
    lines = (text or "").strip().splitlines()
    return "\n".join("      " + l for l in lines[:n]) + ("\n      ..." if len(lines) > n else "")

# MTP exit codes: 0 ok, 2 failed tests, 3 aborted (e.g. --timeout), 8 zero tests ran.
for name, rc, log in rows:
    rc = int(rc)
    path = os.path.join(results, name + ".xml")
    try:
        asm_nodes = ET.parse(path).getroot().findall("assembly")
    except (OSError, ET.ParseError) as e:
        failed += 1
        failures.append(f"[{name}] no usable result file (exit code {rc}): the test run crashed or did not start\n      see {log}")
        continue
    p = f = s = e = 0
    for asm in asm_nodes:
        p += int(asm.get("passed", 0)); f += int(asm.get("failed", 0))
        s += int(asm.get("skipped", 0)); e += int(asm.get("errors", 0))
        for err in asm.iter("error"):
            msg = err.findtext("failure/message") or ""
            failures.append(f"[{name}] error in {err.get('type')} {err.get('name') or ''}\n{short(msg)}")
        for t in asm.iter("test"):
            r = t.get("result")
            if r == "Fail":
                msg = t.findtext("failure/message") or ""
                failures.append(f"[{name}] {t.get('name')}\n{short(msg)}")
            elif r == "Skip":
                skips.append(f"[{name}] {t.get('name')}: {(t.findtext('reason') or '').strip()}")
    passed += p; failed += f + e; skipped += s
    if rc not in (0, 2, 8) or (rc == 2 and f + e == 0):
        why = {3: "aborted: timed out or cancelled"}.get(rc, "crashed or failed outside a test")
        failed += 1
        failures.append(f"[{name}] test run ended with exit code {rc} ({why})\n      see {log}")
    if p + f + s == 0:
        notes.append(f"note: {name} ran no tests")

out = []
if skips:
    out.append("---- skipped tests")
    out += ["  " + s for s in skips]
if failures:
    out.append("---- failed tests")
    out += ["  " + x for x in failures]
out += notes
if skips:
    out.append(f"{skipped} skipped")
out.append(f"{passed} passed, {failed + extra_failed} failed")
print("\n".join(out))
sys.exit(10 if failed + extra_failed else 0)
PYEOF
    case $rc in
        0) return 0 ;;
        10) return 1 ;;
        *) echo "0 passed, $((EXTRA_FAILED + 1)) failed"; return 1 ;;   # summariser broke
    esac
}

stop_services() {
    ((SERVICES_STARTED)) || return 0
    SERVICES_STARTED=0
    "$SERVICES" stop || true
}

# On any exit that did not reach the summary (error, Ctrl-C) still stop the services
# and end with a summary line, so CI never sees a run without one.
# shellcheck disable=SC2317  # invoked by trap
on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    stop_services
    if ((!SUMMARY_PRINTED)); then
        fail_check "aborted (exit code $rc) during: ${STEP_NAME:-startup}"
        summarise || true
        ((rc != 0)) || rc=1
    fi
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- 1. system packages ---------------------------------------------------------------

rm -rf "$RESULTS" "$LOGS"
mkdir -p "$RESULTS" "$LOGS"

step "system packages"
missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "    installing: ${missing[*]}"
    [[ $(id -u) == 0 ]] || { echo "test.sh: need root to apt-get install ${missing[*]}" >&2; exit 1; }
    apt_install() {
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            -o DPkg::Lock::Timeout=300 "${APT_PACKAGES[@]}" > "$LOGS/apt.log" 2>&1
    }
    apt_update() {
        apt-get update > "$LOGS/apt-update.log" 2>&1 || { tail -n 20 "$LOGS/apt-update.log"; exit 1; }
    }
    # A fresh machine has empty package lists; update only then, or when install fails.
    if ! compgen -G '/var/lib/apt/lists/*_Packages*' > /dev/null; then
        apt_update
    fi
    if ! apt_install; then
        apt_update
        apt_install || { tail -n 30 "$LOGS/apt.log"; echo "test.sh: apt-get install failed" >&2; exit 1; }
    fi
else
    echo "    all present"
fi

# ---- 2. services ----------------------------------------------------------------------

step "services"
SERVICES_STARTED=1
"$SERVICES" start
eval "$("$SERVICES" env)"

# ---- 3. restore and build -------------------------------------------------------------

step "dotnet tool restore"
dotnet tool restore > "$LOGS/tool-restore.log" 2>&1 || { cat "$LOGS/tool-restore.log"; exit 1; }

BUILD_FAILED=0
step "dotnet restore"
if ! dotnet restore AtTicket.sln > "$LOGS/restore.log" 2>&1; then
    grep -E ': (error|warning) ' "$LOGS/restore.log" | sort -u || tail -n 40 "$LOGS/restore.log"
    fail_check "dotnet restore failed (log: $LOGS/restore.log)"
    BUILD_FAILED=1
fi

if ((!BUILD_FAILED)); then
    step "dotnet build (Release)"
    if ! dotnet build AtTicket.sln -c Release --no-restore > "$LOGS/build.log" 2>&1; then
        grep -E ': error ' "$LOGS/build.log" | sed "s|$ROOT/||g" | sort -u \
            || tail -n 40 "$LOGS/build.log"
        fail_check "dotnet build failed (log: $LOGS/build.log)"
        BUILD_FAILED=1
    fi
fi

# ---- 4. EF model vs migrations, per provider ------------------------------------------

if ((!BUILD_FAILED)); then
    for ctx in SqliteAtTicketDbContext MySqlAtTicketDbContext; do
        step "EF model check: $ctx"
        if dotnet ef migrations has-pending-model-changes --project AtTicket.Infrastructure \
            --context "$ctx" --configuration Release --no-build > "$LOGS/ef-$ctx.log" 2>&1; then
            echo "    no pending model changes"
        else
            grep -vE '^(Build started|Build succeeded)' "$LOGS/ef-$ctx.log" | tail -n 15 | sed 's/^/    /'
            fail_check "EF check $ctx: pending model changes or check failed (log: $LOGS/ef-$ctx.log)"
        fi
    done
fi

# ---- 5. tests, one project at a time --------------------------------------------------

# One at a time on purpose: the projects share the services, and a test may restart Redis.
projects=()
if ((!BUILD_FAILED)); then
    # Asked of MSBuild, not grepped: tests/Directory.Build.props sets IsTestProject for every project below it.
    for csproj in tests/*/*.csproj; do
        if [[ -e $csproj && $(dotnet msbuild "$csproj" -getProperty:IsTestProject 2>/dev/null) == true ]]; then
            projects+=("$csproj")
        fi
    done
    ((${#projects[@]})) || fail_check "no test project found under tests/ (IsTestProject)"
    : > "$RESULTS/projects.tsv"
    for csproj in "${projects[@]}"; do
        name=$(basename "$csproj" .csproj)
        step "tests: $name"
        rc=0
        dotnet test --project "$csproj" -c Release --no-build \
            --results-directory "$RESULTS" --timeout "$TEST_TIMEOUT" \
            --report-xunit-xml --report-xunit-xml-filename "$name.xml" \
            --report-xunit-trx --report-xunit-trx-filename "$name.trx" \
            2>&1 | tee "$LOGS/test-$name.log" || rc=$?
        printf '%s\t%s\t%s\n' "$name" "$rc" "$LOGS/test-$name.log" >> "$RESULTS/projects.tsv"
    done
fi
step_end

# ---- 6. stop services and summarise ---------------------------------------------------

step "stop services"
stop_services
step_end

print_timings
summarise || exit 1
