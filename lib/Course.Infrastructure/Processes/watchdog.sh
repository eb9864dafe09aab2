# Watchdog for one server (embedded resource; run as: bash -c "<this>" course-watchdog OWNER DIR LOG GRACE SETSID CMD...).
# It starts CMD in its own session/process group, prints that group id, then stops the whole group when
# the owner writes a line or closes our stdin (the kernel closes it when the owner dies, even by SIGKILL),
# when the owner PID disappears, or when the server exits by itself. Then it deletes DIR.
owner=$1 dir=$2 log=$3 grace=$4 setsid=$5
shift 5
exec 2>>"$log"
# A background child of a non-interactive shell is not a group leader, so setsid does not fork: $! is the server.
"$setsid" "$@" </dev/null >>"$log" 2>&1 &
child=$!
# Ignore terminal and kernel-interrupt signals (a Jupyter interrupt signals the kernel's whole group);
# set after the start so the server does not inherit "ignored".
trap '' INT HUP
trap 'stop=1' TERM
echo "$child"
exec >/dev/null
released=
while [ -z "$stop" ] && kill -0 "$owner" 2>/dev/null && kill -0 "$child" 2>/dev/null; do
  read -r -t 0.5 _
  [ "$?" -gt 128 ] || { released=1; break; }   # a line or EOF: stop now; >128 is the timeout
done
kill -TERM -- "-$child" 2>/dev/null
i=0
while [ "$i" -lt $((grace * 10)) ] && kill -0 "$child" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
kill -KILL -- "-$child" 2>/dev/null
# The server ended by itself: keep DIR (its log explains why) until the owner lets go or dies.
while [ -z "$released" ] && [ -z "$stop" ] && kill -0 "$owner" 2>/dev/null; do
  read -r -t 0.5 _
  [ "$?" -gt 128 ] || break
done
[ -n "$dir" ] && [ -d "$dir" ] && rm -rf -- "$dir"
exit 0
