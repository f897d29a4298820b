-- The for_each bucket quota. Per automation, KEYS[2i-1] is a sorted set of its live buckets (member
-- "trigger:digest", scored by when the bucket expires) and KEYS[2i] a notice flag. ARGV: now (ms), the most
-- buckets, the notice flag's life (s), then per automation: the number of candidate buckets and, per
-- candidate, its member and expiry (ms). A bucket already in the set is kept (its expiry pushed out);
-- a new one is admitted while the set is under the quota, and refused otherwise.
-- Returns per automation: {1 if this call raised its notice flag else 0, refused members...}.
local now = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local notice_ttl = ARGV[3]
local a = 4
local out = {}
for i = 1, #KEYS, 2 do
  local index = KEYS[i]
  redis.call('ZREMRANGEBYSCORE', index, '-inf', now)
  local size = redis.call('ZCARD', index)
  local n = tonumber(ARGV[a])
  a = a + 1
  local result = {0}
  local latest = 0
  for j = 1, n do
    local member = ARGV[a]
    local expiry = tonumber(ARGV[a + 1])
    a = a + 2
    local score = redis.call('ZSCORE', index, member)
    if score then
      if tonumber(score) < expiry then
        redis.call('ZADD', index, expiry, member)
      end
    elseif size < max then
      redis.call('ZADD', index, expiry, member)
      size = size + 1
    else
      result[#result + 1] = member
    end
    if expiry > latest then
      latest = expiry
    end
  end
  if #result > 1 and redis.call('SET', KEYS[i + 1], '1', 'NX', 'EX', notice_ttl) then
    result[1] = 1
  end
  if size > 0 then
    local last = redis.call('ZRANGE', index, -1, -1, 'WITHSCORES')
    redis.call('PEXPIREAT', index, math.max(latest, tonumber(last[2])))
  end
  out[#out + 1] = result
end
return out
