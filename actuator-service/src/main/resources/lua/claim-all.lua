-- Claims several actions in one call: each key is claimed for its owner unless it is held or finished.
-- KEYS: ledger keys. ARGV[1]: the claim TTL in ms; ARGV[2]: the prefix of every claim value;
-- ARGV[2 + i]: the claim value of KEYS[i] (the prefix and its owner).
-- Returns one code per key: 1 claimed now, 2 finished (done or failed), 0 held by another owner.
local result = {}
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, ARGV[2 + i], 'NX', 'PX', ARGV[1]) then
    result[i] = 1
  else
    local state = redis.call('GET', key)
    if state and string.sub(state, 1, #ARGV[2]) ~= ARGV[2] then
      result[i] = 2
    else
      result[i] = 0
    end
  end
end
return result
