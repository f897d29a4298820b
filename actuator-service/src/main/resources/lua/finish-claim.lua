-- Replaces a claim with an action's final state, unless another owner's claim is there now (this
-- owner's expired and was taken over; that owner records its own outcome).
-- KEYS[1]: the ledger key. ARGV[1]: this owner's claim value; ARGV[2]: the final state; ARGV[3]: its TTL in ms;
-- ARGV[4]: the prefix of every claim value. Returns 1 when written, 0 when another owner holds the key.
local current = redis.call('GET', KEYS[1])
if current and current ~= ARGV[1] and string.sub(current, 1, #ARGV[4]) == ARGV[4] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
