-- Drops followers that have been evaluated from their leader's list and the workspace's waiting list.
-- KEYS[1] the leader's followers, KEYS[2] the workspace's waiting followers.
-- ARGV[1] the prefix of waiting members for this leader, ARGV[2..] the followers.
for i = 2, #ARGV do
  redis.call('ZREM', KEYS[1], ARGV[i])
  redis.call('ZREM', KEYS[2], ARGV[1] .. ARGV[i])
end
return #ARGV - 1
