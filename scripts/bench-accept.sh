#!/usr/bin/env bash
# bench-accept.sh: the accept rate of the simulator against a bare net/http
# handler that decodes the same JSON, measured alternately in one run so
# that the noise of a shared machine hits both alike.
#
#   scripts/bench-accept.sh [rounds]      (default 3 rounds; env: DURATION=10s
#                                          THREADS=2 CONNS=32 SIM_FLAGS=...
#                                          SIM_ENV="GOGC=100 ...")
#
# Both servers are built from this tree, listen on 127.0.0.1 only, and are
# stopped when the script ends (normally or not). The simulator runs with
# its full request path: authentication, schema validation, storing and the
# lifecycle with 1 ms delays; reports go to the pull queue (no callback URL).
set -euo pipefail

rounds=${1:-3}
duration=${DURATION:-10s}
threads=${THREADS:-2}
conns=${CONNS:-32}
sim_port=${SIM_PORT:-18080}
bare_port=${BARE_PORT:-18081}
key=003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9

root=$(cd "$(dirname "$0")/.." && pwd)
command -v wrk >/dev/null || { echo "bench-accept: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT

(cd "$root" && go build -o "$tmp/jiocxsim" ./cmd/jiocxsim && go build -o "$tmp/benchbare" ./scripts/benchbare)

# shellcheck disable=SC2086 # SIM_FLAGS and SIM_ENV are lists
env ${SIM_ENV:-} "$tmp/jiocxsim" serve --addr "127.0.0.1:$sim_port" --api-key "$key" --log-level warn \
	--delay-rcs 1ms --delay-sms 1ms --delay-slow 1ms --delay-seen 1ms --max-messages 100000 \
	${SIM_FLAGS:-} >"$tmp/sim.out" 2>"$tmp/sim.err" &
pids+=($!)
"$tmp/benchbare" -addr "127.0.0.1:$bare_port" -for 30m >"$tmp/bare.out" 2>&1 &
pids+=($!)

ready() {
	for _ in $(seq 1 100); do
		"$tmp/jiocxsim" readyz --url "http://127.0.0.1:$1" >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	echo "bench-accept: nothing answers on port $1" >&2
	cat "$tmp/sim.err" >&2
	exit 1
}
ready "$sim_port"
ready "$bare_port"

# rate PORT: one wrk run, prints its Requests/sec; fails on any non-2xx answer.
rate() {
	local out
	out=$(BENCH_API_KEY=$key wrk -t"$threads" -c"$conns" -d"$duration" -s "$root/scripts/bench-accept.lua" "http://127.0.0.1:$1")
	if grep -q "Non-2xx" <<<"$out"; then
		echo "bench-accept: port $1 answered errors:" >&2
		echo "$out" >&2
		exit 1
	fi
	awk '/^Requests\/sec:/ {print $2}' <<<"$out"
}

echo "wrk -t$threads -c$conns -d$duration, RCS v1 TEXT + 2 suggestions + SMS failover, $rounds rounds"
printf "%-6s %12s %12s %7s\n" round bare/s sim/s ratio
ratios=()
for i in $(seq 1 "$rounds"); do
	# Alternate which goes first, so neither always gets the fresher machine.
	if ((i % 2)); then b=$(rate "$bare_port"); s=$(rate "$sim_port"); else s=$(rate "$sim_port"); b=$(rate "$bare_port"); fi
	r=$(awk -v s="$s" -v b="$b" 'BEGIN {printf "%.2f", s/b}')
	ratios+=("$r")
	printf "%-6s %12.0f %12.0f %7s\n" "$i" "$b" "$s" "$r"
done
median=$(printf "%s\n" "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median ratio sim/bare: $median"
