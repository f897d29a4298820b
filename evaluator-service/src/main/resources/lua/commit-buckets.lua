-- Commits one evaluation (of a batch of events, or of a timer) atomically, or refuses it.
-- KEYS[1..S]       the "seen" keys of the events evaluated (an event is counted once); S = ARGV[1]
-- KEYS[S+1..S+W]   the timers sorted sets of the workspaces involved (member: bucket, score: due ms); W = ARGV[2]
-- KEYS[S+W+1..]    the state keys the evaluation read (buckets, composite child firings)
-- ARGV[3]          seen-key TTL (ms); ARGV[4] state TTL (ms)
-- ARGV[5..]        per state key, a pair: the value it read ('' = absent), the value to write
--                  ('' = delete, '=' = unchanged)
-- then T = the next ARGV, followed by T triples: the timers set's index (1..W), a member, its due
-- time in ms ('' = disarm)
-- Returns 'OK', 'DUPLICATE' (an event was counted meanwhile) or 'CONFLICT' (a key changed since it
-- was read); after either of the last two the caller re-reads and re-evaluates.
local seen = tonumber(ARGV[1])
local timerSets = tonumber(ARGV[2])
local firstState = seen + timerSets + 1
for i = 1, seen do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    return 'DUPLICATE'
  end
end
local states = #KEYS - firstState + 1
for i = 0, states - 1 do
  local current = redis.call('GET', KEYS[firstState + i]) or ''
  if current ~= ARGV[5 + 2 * i] then
    return 'CONFLICT'
  end
end
for i = 0, states - 1 do
  local next = ARGV[6 + 2 * i]
  if next == '' then
    redis.call('DEL', KEYS[firstState + i])
  elseif next ~= '=' then
    redis.call('SET', KEYS[firstState + i], next, 'PX', ARGV[4])
  end
end
local timerBase = 5 + 2 * states
for t = 0, tonumber(ARGV[timerBase]) - 1 do
  local set = KEYS[seen + tonumber(ARGV[timerBase + 1 + 3 * t])]
  local member = ARGV[timerBase + 2 + 3 * t]
  local due = ARGV[timerBase + 3 + 3 * t]
  if due == '' then
    redis.call('ZREM', set, member)
  else
    redis.call('ZADD', set, due, member)
  end
end
for i = 1, seen do
  redis.call('SET', KEYS[i], '1', 'PX', ARGV[3])
end
return 'OK'
