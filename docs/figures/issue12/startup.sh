#!/usr/bin/env bash
# usage: startup.sh N  — N fresh (empty DataPath) starts, then N restarts on the last data dir; prints healthy lines
cd "$(dirname "$0")/../../.."
N=${1:-3}
wait_gone() { while pgrep -f "cli.Main|AOTMode=create" >/dev/null; do sleep 1; done; sleep 2; }
one() { # $1 label $2 datadir
  wait_gone
  ./rta server --DataPath "$2" > /tmp/st.log 2>&1 &
  for i in $(seq 1 60); do sleep 1; grep -q "healthy after" /tmp/st.log && break; done
  echo "$1: $(grep -o 'healthy after.*' /tmp/st.log)"
  pkill -f "cli.Main server"
}
# The data directory is deleted only once the previous server has stopped: deleting it under a server that is still
# stopping fails the broker's log directory, and the broker then halts the JVM (which aborted: see README "Known gaps").
for r in $(seq 1 $N); do wait_gone; rm -rf /tmp/st-data; one "empty $r" /tmp/st-data; done
for r in $(seq 1 $N); do one "restart $r" /tmp/st-data; done
wait_gone
