-- Copied from ../shared/anchors/tools (the DRF anchor uses the same script), so both sides are measured alike.
-- wrk script: counts non-200 responses (a 302 to the login page would
-- otherwise look like success) and prints one machine-readable line.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non200 = 0
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non200") or 0)
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "WRKRESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f p90_ms=%.2f max_ms=%.2f requests=%d non200=%d sock_errors=%d\n",
    summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(90) / 1000, latency.max / 1000,
    summary.requests, bad, e.connect + e.read + e.write + e.timeout))
end
