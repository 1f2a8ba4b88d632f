-- wrk script for bench.py: rotates over the requests of a scenario (a Lua file written by
-- bench.py and named by BENCH_SCENARIO) and prints one JSON summary line.
local scenario = dofile(os.getenv("BENCH_SCENARIO"))
local next_thread = 0

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

local counter = 0
function init(args)
  counter = (thread_id or 0) * 7
  math.randomseed(os.time() + (thread_id or 0))
end

function request()
  counter = counter + 1
  local r = scenario[(counter % #scenario) + 1]
  local headers = {}
  if r.token then headers["Authorization"] = "Bearer " .. r.token end
  if r.body then headers["Content-Type"] = "application/json" end
  if r.if_match then headers["If-Match"] = r.if_match end
  if r.unique then
    headers["Idempotency-Key"] = string.format("bench-%d-%d-%d", thread_id or 0, counter,
      math.random(1, 1000000000))
  end
  return wrk.format(r.method, r.path, headers, r.body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "errors": %d, "requests": %d}\n',
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout, summary.requests))
end
