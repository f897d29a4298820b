-- Gives up a claim, only if it is still this owner's. KEYS[1]: the ledger key; ARGV[1]: this owner's claim value.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
