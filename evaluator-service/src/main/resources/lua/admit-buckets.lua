-- The for_each bucket quota. Per automation, KEYS[2i-1] is a sorted set of its live buckets (member
-- "trigger:digest", scored by when the bucket expires) and KEYS[2i] a notice flag. ARGV: now (ms), the most
-- buckets, the notice flag's life (s), then per automation: the number of candidate buckets and, per
-- candidate, its member and expiry (ms). A bucket already in the set is kept (its expiry pushed out);
-- a new one is admitted while the set is under the quota, and refused otherwise.
-- Per automation: one ZMSCORE for all its candidates, one ZADD GT for the ones kept or admitted (GT: a member's
-- expiry only moves later; new members are added) and one PEXPIREAT, in chunks within Lua's unpack limit. The set
-- is counted only when a candidate is new (absent, or present but expired): a kept bucket needs no count. Expired
-- members are dropped only when the count, theirs included, leaves no room for every new candidate: below that
-- every new one is admitted anyway, so the set holds at most the quota plus one batch's new buckets. The set's expiry is always at least its latest member's (every call that leaves members
-- in it sets it so, and scores only grow), so a set that existed keeps it with GT; a set created here gets it.
-- Returns per automation: {1 if this call raised its notice flag else 0, refused members...}.
local CHUNK = 500
local now = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local notice_ttl = ARGV[3]
local a = 4
local out = {}
for i = 1, #KEYS, 2 do
  local index = KEYS[i]
  local n = tonumber(ARGV[a])
  local first = a + 1
  a = first + 2 * n
  local result = {0}
  local latest = 0
  local adds = {}
  local new = {}
  for from = 0, n - 1, CHUNK do
    local to = math.min(from + CHUNK, n) - 1
    local members = {}
    for j = from, to do
      members[#members + 1] = ARGV[first + 2 * j]
    end
    local scores = redis.call('ZMSCORE', index, unpack(members))
    for j = from, to do
      local member = ARGV[first + 2 * j]
      local expiry = tonumber(ARGV[first + 2 * j + 1])
      local score = scores[j - from + 1]
      if score and tonumber(score) > now then
        if tonumber(score) < expiry then
          adds[#adds + 1] = expiry
          adds[#adds + 1] = member
        end
      else
        new[#new + 1] = j
      end
      if expiry > latest then
        latest = expiry
      end
    end
  end
  local existed = true
  if #new > 0 then
    local size = redis.call('ZCARD', index)
    existed = size > 0
    if size + #new > max then
      size = size - redis.call('ZREMRANGEBYSCORE', index, '-inf', now)
    end
    for _, j in ipairs(new) do
      if size < max then
        adds[#adds + 1] = tonumber(ARGV[first + 2 * j + 1])
        adds[#adds + 1] = ARGV[first + 2 * j]
        size = size + 1
      else
        result[#result + 1] = ARGV[first + 2 * j]
      end
    end
  end
  for from = 1, #adds, 2 * CHUNK do
    redis.call('ZADD', index, 'GT', unpack(adds, from, math.min(from + 2 * CHUNK - 1, #adds)))
  end
  if #result > 1 and redis.call('SET', KEYS[i + 1], '1', 'NX', 'EX', notice_ttl) then
    result[1] = 1
  end
  if #adds > 0 then
    if existed then
      redis.call('PEXPIREAT', index, latest, 'GT')
    else
      redis.call('PEXPIREAT', index, latest)
    end
  end
  out[#out + 1] = result
end
return out
