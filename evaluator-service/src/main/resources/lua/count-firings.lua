-- The storm brake's counters: adds ARGV[i+1] firings to the per-minute counter KEYS[i] of an automation
-- and returns every counter's new value. A counter lives ARGV[1] seconds from its first firing.
local counts = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCRBY', key, ARGV[i + 1])
  if count == tonumber(ARGV[i + 1]) then
    redis.call('EXPIRE', key, ARGV[1])
  end
  counts[i] = count
end
return counts
