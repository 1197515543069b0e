-- wrk script for driving blackbox_exporter: counts the /probe answers whose probe did not
-- succeed (blackbox_exporter answers 200 either way, with probe_success 0 or 1 in the body).
failed = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, "\nprobe_success 1\n", 1, true) then
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("failed")
  end
  io.write(string.format("failed_probes: %d\n", total))
end
