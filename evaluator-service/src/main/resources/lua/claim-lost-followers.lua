-- Claims followers whose wait is over (their leader never came), so exactly one replica evaluates each.
-- KEYS[1] the workspace's waiting followers. ARGV[1] now (ms), ARGV[2] most to claim,
-- ARGV[3] the key prefix of followers sets (the leader id and ':followers' complete it).
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(due) do
  redis.call('ZREM', KEYS[1], member)
  local separator = string.find(member, '|', 1, true)
  local leader = string.sub(member, 1, separator - 1)
  redis.call('ZREM', ARGV[3] .. leader .. ':followers', string.sub(member, separator + 1))
end
return due
