-- Marks events as evaluated and returns, for each, the followers that waited for it, oldest first.
-- Atomic with park-follower.lua, so a follower is either parked before this runs (and returned) or
-- sees the marker. They stay listed until forget-followers.lua, so a crash before they are evaluated
-- loses none: the leader's redelivery returns them again (and the seen set counts each event once).
-- KEYS: per event, its processed marker then its followers. ARGV[1] TTL of the markers (ms).
local released = {}
for i = 1, #KEYS, 2 do
  redis.call('SET', KEYS[i], '1', 'PX', ARGV[1])
  released[#released + 1] = redis.call('ZRANGE', KEYS[i + 1], 0, -1)
end
return released
