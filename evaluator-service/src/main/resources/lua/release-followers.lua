-- Marks an event as evaluated and claims the followers that waited for it, oldest first. Atomic with
-- park-follower.lua, so a follower is either parked before this runs (and claimed) or sees the marker.
-- KEYS[1] the event's processed marker, KEYS[2] its followers, KEYS[3] the workspace's waiting followers.
-- ARGV[1] TTL of the marker (ms), ARGV[2] the prefix of waiting members for this leader.
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
local followers = redis.call('ZRANGE', KEYS[2], 0, -1)
if #followers > 0 then
  redis.call('DEL', KEYS[2])
  for _, follower in ipairs(followers) do
    redis.call('ZREM', KEYS[3], ARGV[2] .. follower)
  end
end
return followers
