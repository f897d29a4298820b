-- Merges what one flow-run state event says into a metric trigger's runs, with FlowRun.merge's rules
-- (commutative and idempotent: redelivered or reordered events give the same run), and keeps the runs bounded.
-- KEYS[1] the runs hash (field: flow-run resource id, value: expected,firstStart,lastStart,end,outcome,seen
--         in epoch ms, '' when unknown); KEYS[2] the same runs scored by when they were last seen
-- ARGV[1] the run id; ARGV[2] the run as this event tells it; ARGV[3] runs last seen before this (ms) are
-- forgotten; ARGV[4] the most runs kept (the least recently seen go first); ARGV[5] the keys' TTL (ms)
local function split(value)
  local parts = {}
  for part in string.gmatch(value .. ',', '([^,]*),') do
    parts[#parts + 1] = part
  end
  return parts
end
local function pick(a, b, later)
  if a == '' then return b end
  if b == '' then return a end
  local x, y = tonumber(a), tonumber(b)
  if later then
    if y > x then return b end
    return a
  end
  if y < x then return b end
  return a
end
local run = split(ARGV[2])
local stored = redis.call('HGET', KEYS[1], ARGV[1])
if stored then
  local old = split(stored)
  local merged = {pick(old[1], run[1], false), pick(old[2], run[2], false), pick(old[3], run[3], true),
                  old[4], old[5], pick(old[6], run[6], true)}
  if run[4] ~= '' and (old[4] == '' or tonumber(run[4]) > tonumber(old[4])
      or (tonumber(run[4]) == tonumber(old[4]) and run[5] > old[5])) then
    merged[4] = run[4]
    merged[5] = run[5]
  end
  run = merged
end
redis.call('HSET', KEYS[1], ARGV[1], table.concat(run, ','))
redis.call('ZADD', KEYS[2], run[6], ARGV[1])
local forgotten = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[3])
local excess = redis.call('ZCARD', KEYS[2]) - #forgotten - tonumber(ARGV[4])
if excess > 0 then
  local oldest = redis.call('ZRANGE', KEYS[2], #forgotten, #forgotten + excess - 1)
  for _, id in ipairs(oldest) do forgotten[#forgotten + 1] = id end
end
for _, id in ipairs(forgotten) do
  redis.call('HDEL', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return #forgotten
