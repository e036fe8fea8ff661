#!/usr/bin/env bash
# End-to-end benchmark of the bridge jar: simulator (instant answers) + real Mosquitto + bridge child process.
# Usage: bench/run.sh [--vehicles N] [--rate R] [--duration S] [--warmup S] [--mode cached|force|smart]
#                     [--max-rate [--steps 500,1000,...]] [--qos 0|1] [--topics all|result] [--ha-discovery]
#                     [--bridge-jvm "-Xmx64m ..."] [--jfr file.jfr]
#        bench/run.sh --footprint [--baseline-jar other.jar [--baseline-jvm "<flags>"]] [--bridge-java /path/bin/java]
#                     [--reads N]     (flags: --bridge-jvm; the baseline gets the same unless --baseline-jvm)
# Output is printed and kept in bench/results/<timestamp>.txt. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=target/bluelink-mqtt.jar
CLASSES=bench/target/classes
RESULTS=bench/results
mkdir -p "$CLASSES" "$RESULTS"

command -v mosquitto >/dev/null || PATH="$PATH:/usr/sbin"
command -v mosquitto >/dev/null || { echo "mosquitto not found (apt-get install mosquitto)" >&2; exit 2; }

if [ ! -f "$JAR" ]; then
  echo "building $JAR ..." >&2
  mvn -B -q -o -DskipTests package || mvn -B -q -DskipTests package
fi
if [ -z "$(find "$CLASSES" -name BridgeBenchmark.class -newer "$JAR" 2>/dev/null)" ] \
   || [ -n "$(find bench/src -name '*.java' -newer "$CLASSES/io/bluelinkmqtt/bench/BridgeBenchmark.class" 2>/dev/null)" ]; then
  javac -cp "$JAR" -d "$CLASSES" bench/src/io/bluelinkmqtt/bench/*.java
fi

TMP=$(mktemp -d /tmp/bench-mosquitto.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat > "$TMP/mosquitto.conf" <<CONF
listener $PORT 127.0.0.1
allow_anonymous true
persistence false
max_inflight_messages 0
max_queued_messages 0
max_queued_bytes 0
set_tcp_nodelay true
log_dest stderr
log_type error
log_type warning
CONF
mosquitto -c "$TMP/mosquitto.conf" 2>"$TMP/mosquitto.log" &
MOSQ=$!
cleanup() {
  kill -TERM "$MOSQ" 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$MOSQ" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$MOSQ" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
for _ in $(seq 1 50); do
  (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null && break
  sleep 0.1
done

OUT="$RESULTS/$(date +%Y%m%d-%H%M%S).txt"
{
  echo "# bench/run.sh $*"
  echo "# $(date -Is)  nproc=$(nproc)  $(mosquitto -h 2>/dev/null | head -1)  java: $(java -version 2>&1 | head -1)"
} | tee "$OUT"
java -Xmx512m -Dbench.results="$ROOT/$RESULTS" -cp "$CLASSES:$JAR" io.bluelinkmqtt.bench.BridgeBenchmark \
  --broker-port "$PORT" --broker-pid "$MOSQ" --jar "$JAR" "$@" 2>&1 | tee -a "$OUT"
exit "${PIPESTATUS[0]}"
