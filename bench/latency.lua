-- wrk script for bench/web.py: rotates over the paths given after "--" and, when the run is over,
-- prints one line "BENCH_JSON {...}" with requests/s, p50/p95/p99 latency (ms) and the errors.
--
--   wrk -t2 -c16 -d20s -s bench/latency.lua http://127.0.0.1:8765 -- /healthz
--   wrk ... -s bench/latency.lua http://127.0.0.1:8765 -- "/organisations/?q=%D1%84..." "/organisations/?page=2"
--
-- Paths must already be percent-encoded. Each wrk thread has its own copy of this script, so each
-- thread rotates on its own; threads start at different offsets so they do not ask in lockstep.

local thread_count = 0
local paths = {}
local counter = 0

function setup(thread)
   thread:set("offset", thread_count)
   thread_count = thread_count + 1
end

function init(args)
   -- args[0] is the URL; the paths follow it. Anything not starting with "/" is ignored.
   for _, value in ipairs(args) do
      if string.sub(value, 1, 1) == "/" then
         table.insert(paths, value)
      end
   end
   if #paths == 0 then
      table.insert(paths, wrk.path)
   end
   counter = offset or 0
end

function request()
   local path = paths[(counter % #paths) + 1]
   counter = counter + 1
   return wrk.format("GET", path)
end

function done(summary, latency, requests)
   local errors = summary.errors
   local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
   local seconds = summary.duration / 1e6
   -- wrk counts a status >= 400 in errors.status; timed-out requests are not in the latency figures.
   io.write(string.format(
      'BENCH_JSON {"requests": %d, "duration_s": %.3f, "rps": %.2f, ' ..
      '"latency_ms": {"mean": %.2f, "p50": %.2f, "p90": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f}, ' ..
      '"errors": {"total": %d, "status": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}}\n',
      summary.requests, seconds, summary.requests / seconds,
      latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      errors.status + socket_errors, errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end
