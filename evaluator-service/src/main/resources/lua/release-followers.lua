-- Marks an event as evaluated and returns the followers that waited for it, oldest first. Atomic with
-- park-follower.lua, so a follower is either parked before this runs (and returned) or sees the marker.
-- They stay listed until forget-followers.lua, so a crash before they are evaluated loses none:
-- the leader's redelivery returns them again (and the seen set counts each event once).
-- KEYS[1] the event's processed marker, KEYS[2] its followers. ARGV[1] TTL of the marker (ms).
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
return redis.call('ZRANGE', KEYS[2], 0, -1)
