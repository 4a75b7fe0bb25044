#!/bin/sh
# Starts one app of the image: poller, cdc or broadcaster (the first argument). The remaining
# arguments go to the app, e.g. --logging.level.io.viewercounts=DEBUG.
set -eu

app="${1:-}"
case "$app" in
  poller | cdc | broadcaster) shift ;;
  *)
    echo "usage: <poller|cdc|broadcaster> [--key=value ...] (got: '${app}')" >&2
    exit 64
    ;;
esac

# exec: the JVM becomes PID 1 and gets SIGTERM from `docker stop` itself, so the app shuts down
# in order. JAVA_OPTS is split into words on purpose, one JVM flag per word.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} "@/app/apps/${app}.args" "$@"
