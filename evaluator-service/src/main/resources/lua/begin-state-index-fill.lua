-- Before a reader SCANs to fill an automation's state index: adds the reader's token to the index (creating it if
-- need be) so that the fill can tell whether the set it completes is the one the commit script kept adding to during
-- the scan. KEYS[1] the index; ARGV[1] the token member; ARGV[2] the least life (ms) to give the index, so that it
-- outlives the scan.
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1
