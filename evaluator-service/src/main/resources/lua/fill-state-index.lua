-- Fills an automation's state index from a SCAN of its bucket and composite keys and marks it complete (the
-- commit script keeps it from then on; see RedisKeys.stateIndex). KEYS[1] the index; KEYS[2..] the keys the scan
-- found; ARGV[1] the member that marks it complete; ARGV[2] the least life (ms) to give it. It lives as long as the
-- longest-lived key found, at least ARGV[2]; a key that expired meanwhile is pruned by the next read.
local ttl = tonumber(ARGV[2])
redis.call('SADD', KEYS[1], ARGV[1])
for i = 2, #KEYS do
  redis.call('SADD', KEYS[1], KEYS[i])
  local left = redis.call('PTTL', KEYS[i])
  if left > ttl then
    ttl = left
  end
end
if redis.call('PTTL', KEYS[1]) < ttl then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return 1
