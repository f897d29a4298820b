-- Commits one evaluation atomically, or refuses it.
-- KEYS[1]     the event's "seen" key (idempotency: an event is counted once); '' for time-driven runs
-- KEYS[2]     the workspace's timers sorted set (member: bucket key, score: due epoch ms)
-- KEYS[3..]   the state keys the evaluation read (buckets, composite child firings)
-- ARGV[1]     seen-key TTL (ms); ARGV[2] state TTL (ms); ARGV[3] number of timer operations T
-- ARGV[4..]   per state key, a pair: the value it read ('' = absent), the value to write
--             ('' = delete, '=' = unchanged)
-- then T pairs: a bucket key and its due time in ms ('' = disarm)
-- Returns 'OK', 'DUPLICATE' (the event was already counted) or 'CONFLICT' (a key changed since
-- it was read; the caller re-reads and re-evaluates).
if KEYS[1] ~= '' and redis.call('EXISTS', KEYS[1]) == 1 then
  return 'DUPLICATE'
end
local states = #KEYS - 2
for i = 1, states do
  local current = redis.call('GET', KEYS[i + 2]) or ''
  if current ~= ARGV[2 + 2 * i] then
    return 'CONFLICT'
  end
end
for i = 1, states do
  local next = ARGV[3 + 2 * i]
  if next == '' then
    redis.call('DEL', KEYS[i + 2])
  elseif next ~= '=' then
    redis.call('SET', KEYS[i + 2], next, 'PX', ARGV[2])
  end
end
local timerBase = 3 + 2 * states
for t = 1, tonumber(ARGV[3]) do
  local member = ARGV[timerBase + 2 * t - 1]
  local due = ARGV[timerBase + 2 * t]
  if due == '' then
    redis.call('ZREM', KEYS[2], member)
  else
    redis.call('ZADD', KEYS[2], due, member)
  end
end
if KEYS[1] ~= '' then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 'OK'
