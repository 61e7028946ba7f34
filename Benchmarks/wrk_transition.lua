-- Copied from ../shared/anchors/tools (the DRF anchor uses the same script), so both sides are measured alike.
-- wrk script for the lessons API transition benchmark (run_drf.sh).
-- Args (after --): LO HI THREADS [BLOCK]. Thread k walks its own slice of the
-- lesson ids LO..HI in blocks of BLOCK (64): POST .../<id>/start/ on each lesson
-- of the block, then POST .../<id>/cancel/ (JSON reason) on the same lessons,
-- then the next block. Every request is thus a legal transition (scheduled ->
-- in_progress -> cancelled) provided the lessons are scheduled at the start and
-- no request is still unanswered BLOCK requests later (a thread has only
-- connections/threads requests in flight). wrk calls request() once on thread
-- 0 before sending anything, so that thread's first lesson is never started,
-- only cancelled (also legal). A slice that runs out asks for lesson 0 (404).
-- The Authorization and Content-Type headers come from wrk -H.
-- Counts non-200 responses (the API answers 200 to a transition, 400 to an
-- illegal one) and prints the same WRKRESULT line as wrk_report.lua, plus
-- lessons= (lessons handed out) and exhausted= (requests past the slice).
local threads = {}
local created = 0

function setup(thread)
  thread:set("tid", created)
  created = created + 1
  table.insert(threads, thread)
end

function init(args)
  local lo, hi, n = tonumber(args[1]), tonumber(args[2]), tonumber(args[3])
  block = tonumber(args[4] or "64")
  if not (lo and hi and n and block) then
    error("usage: wrk ... -s wrk_transition.lua URL -- LO HI THREADS [BLOCK]")
  end
  local size = math.floor((hi - lo + 1) / n)
  first = lo + tid * size
  last = first + size - 1
  base, pos, phase = first, 0, 0   -- phase 0: start the block, 1: cancel it
  handed, exhausted, non200 = 0, 0, 0
  cancel_body = '{"reason":"wrk transition bench"}'
end

function request()
  if base > last then
    exhausted = exhausted + 1
    return wrk.format("POST", "/api/v1/lessons/0/start/", nil, "")
  end
  local blen = math.min(block, last - base + 1)
  local id = base + pos
  local req
  if phase == 0 then
    req = wrk.format("POST", "/api/v1/lessons/" .. id .. "/start/", nil, "")
    handed = handed + 1
  else
    req = wrk.format("POST", "/api/v1/lessons/" .. id .. "/cancel/", nil, cancel_body)
  end
  pos = pos + 1
  if pos >= blen then
    pos = 0
    if phase == 0 then
      phase = 1
    else
      phase = 0
      base = base + blen
    end
  end
  return req
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local bad, lessons, past = 0, 0, 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non200") or 0)
    lessons = lessons + (t:get("handed") or 0)
    past = past + (t:get("exhausted") or 0)
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "WRKRESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f p90_ms=%.2f max_ms=%.2f requests=%d non200=%d sock_errors=%d lessons=%d exhausted=%d\n",
    summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(90) / 1000, latency.max / 1000,
    summary.requests, bad, e.connect + e.read + e.write + e.timeout, lessons, past))
end
