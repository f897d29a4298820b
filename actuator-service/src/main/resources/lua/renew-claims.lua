-- Renews every claim one actuator holds, in one call.
-- KEYS: ledger keys. ARGV[1]: the claim TTL in ms; ARGV[1 + i]: the value KEYS[i] holds while its claim is ours.
-- A key holding anything else (expired, finished, or another owner's claim) is left alone and returned as lost.
local lost = {}
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[i + 1] then
    redis.call('PEXPIRE', key, ARGV[1])
  else
    lost[#lost + 1] = key
  end
end
return lost
