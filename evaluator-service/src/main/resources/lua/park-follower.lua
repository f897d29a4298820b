-- Parks an event until its leader has been evaluated, unless the leader already was or a bound is reached.
-- KEYS[1] the leader's processed marker, KEYS[2] the leader's followers (sorted by occurred),
-- KEYS[3] the workspace's waiting followers (sorted by deadline).
-- ARGV[1] the follower event as JSON, ARGV[2] its occurred (ms), ARGV[3] its deadline (ms),
-- ARGV[4] the waiting member, ARGV[5] TTL of the followers key (ms), ARGV[6] most followers per leader,
-- ARGV[7] most waiting followers per workspace.
-- Returns 1 when parked, 0 when the event should be evaluated now.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[6]) or redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[7]) then
  return 0
end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
-- The workspace's list outlives every wait in it, and goes when nobody waits any more.
redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[5]) * 2)
return 1
