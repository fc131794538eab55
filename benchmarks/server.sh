# Sourced by the benchmark scripts that start a WildFly of their own.

# await_health URL: waits until the server at URL answers /api/health (at most 300 s); false if it never did.
await_health() {
  for _ in $(seq 1 300); do
    curl -sf "$1/api/health" >/dev/null 2>&1 && return 0
    sleep 1
  done
  return 1
}
