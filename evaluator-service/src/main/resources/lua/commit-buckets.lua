-- Commits one event's evaluation atomically, or refuses it.
-- KEYS[1]     the event's "seen" key (idempotency: an event is counted once)
-- KEYS[2..]   the bucket keys the evaluation read
-- ARGV[1]     seen-key TTL (ms); ARGV[2] bucket TTL (ms)
-- ARGV[3..]   per bucket, a pair: the value it read ('' = absent), the value to write
--             ('' = delete, '=' = unchanged)
-- Returns 'OK', 'DUPLICATE' (the event was already counted) or 'CONFLICT' (a bucket changed
-- since it was read; the caller re-reads and re-evaluates).
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 'DUPLICATE'
end
for i = 2, #KEYS do
  local current = redis.call('GET', KEYS[i]) or ''
  if current ~= ARGV[2 * i - 1] then
    return 'CONFLICT'
  end
end
for i = 2, #KEYS do
  local next = ARGV[2 * i]
  if next == '' then
    redis.call('DEL', KEYS[i])
  elseif next ~= '=' then
    redis.call('SET', KEYS[i], next, 'PX', ARGV[2])
  end
end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
return 'OK'
