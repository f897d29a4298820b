-- Replaces claims with their actions' final states, in one call, unless another owner's claim is there now (that
-- owner's expired and was taken over; that owner records its own outcome). A key given twice is written in order.
-- KEYS: ledger keys. ARGV[1]: the TTL of a final state in ms; ARGV[2]: the prefix of every claim value;
-- ARGV[1 + 2i]: the claim value of KEYS[i] (its owner's); ARGV[2 + 2i]: its final state.
-- Returns one code per key: 1 written, 0 another owner holds it now.
local result = {}
for i, key in ipairs(KEYS) do
  local current = redis.call('GET', key)
  if current and current ~= ARGV[1 + 2 * i] and string.sub(current, 1, #ARGV[2]) == ARGV[2] then
    result[i] = 0
  else
    redis.call('SET', key, ARGV[2 + 2 * i], 'PX', ARGV[1])
    result[i] = 1
  end
end
return result
