-- Claims the outbox entries of a workspace that no publisher removed within the lease, so that one
-- sweep at a time republishes them: a claimed entry is claimable again only one lease later.
-- KEYS[1] the workspace's outbox index (member: entry id, score: ms from which a sweep may claim it)
-- ARGV[1] now (ms), ARGV[2] the lease (ms), ARGV[3] most entries to claim, ARGV[4] the prefix of the
-- entry keys (the entry id completes it).
-- Returns id, payload, id, payload, ...; an index member whose entry has expired is dropped.
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local claimedUntil = tonumber(ARGV[1]) + tonumber(ARGV[2])
local claimed = {}
for _, id in ipairs(due) do
  local payload = redis.call('GET', ARGV[4] .. id)
  if payload then
    redis.call('ZADD', KEYS[1], claimedUntil, id)
    claimed[#claimed + 1] = id
    claimed[#claimed + 1] = payload
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return claimed
