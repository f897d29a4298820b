-- Fills an automation's state index from a SCAN of its bucket and composite keys and marks it complete (the
-- commit script keeps it from then on; see RedisKeys.stateIndex). KEYS[1] the index; KEYS[2..] the keys the scan
-- found; ARGV[1] the member that marks it complete; ARGV[2] the least life (ms) to give it; ARGV[3] the token
-- begin-state-index-fill.lua added before the scan. It lives as long as the longest-lived key found, at least
-- ARGV[2]; a key that expired meanwhile is pruned by the next read.
--
-- A key created during the scan may be missed by it; the commit script added it to the index then. That holds
-- only if the index is still the set the scan began on: had it expired (or emptied) meanwhile, the commit's
-- additions went with it and a fresh set marked complete would lack the key until it expires. The token is the
-- proof: gone, nothing is marked (returns 0) and the next read scans again.
if redis.call('SREM', KEYS[1], ARGV[3]) == 0 then
  return 0
end
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
