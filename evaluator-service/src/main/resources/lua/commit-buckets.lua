-- Commits one evaluation (of a batch of events, or of a timer) atomically, or refuses it.
-- KEYS[1..S]         the "seen" keys of the events evaluated (an event is counted once); S = ARGV[1]
-- KEYS[S+1..S+W]     the timers sorted sets of the workspaces involved (member: bucket, score: due ms); W = ARGV[2]
-- KEYS[S+W+1..+2O]   per outbox entry (the firings of the evaluation in one workspace), its key then its
--                    workspace's outbox index; O = ARGV[5]
-- KEYS[S+W+2O+1..+2M] per event evaluated for causal ordering, its "evaluated" marker then the sorted set
--                    of the followers that wait for it; M = ARGV[6]
-- KEYS[S+W+2O+2M+1..+I] the state indexes (per automation, the set of its live bucket and composite keys) that
--                    a key created or deleted here joins or leaves; I = ARGV[8]
-- KEYS[S+W+2O+2M+I+1..] the state keys the evaluation read (buckets, composite child firings)
-- ARGV[3]            seen-key TTL (ms); ARGV[4] state TTL (ms); ARGV[7] the markers' TTL (ms)
-- ARGV[9..]          per state key, a pair: the value it read ('' = absent), the value to write
--                    ('' = delete, '=' = unchanged)
-- then T = the next ARGV, followed by T triples: the timers set's index (1..W), a member, its due
-- time in ms ('' = disarm)
-- then the outbox entries' TTL (ms), the time (ms) from which a sweep may claim them, and O pairs:
-- the entry's id (its index member), its payload. Written with the state, so a firing committed is a
-- firing that will be published: its publisher removes the entry once the broker has it.
-- Last, C = the next ARGV, followed by C pairs: a state key created or deleted (its position among the state
-- keys, from 0) and its index (1..I). A created key joins its index if the index exists (one that does not is
-- incomplete: readers SCAN), which then lives at least as long as the key; a deleted one leaves it. Keys only
-- updated leave the index alone: no work on the hot path beyond this.
-- The markers are set with the commit, and the followers waiting for those events returned, oldest
-- first (atomic with park-follower.lua: a follower is either parked before this runs, and returned, or
-- sees the marker). They stay listed until forget-followers.lua, so a crash before they are evaluated
-- loses none: the leader's redelivery commits again (its events already seen) and returns them again.
-- Returns {'OK', followers of the first marked event, ...}, {'DUPLICATE'} (an event was counted
-- meanwhile) or {'CONFLICT'} (a key changed since it was read); after either of the last two the caller
-- re-reads and re-evaluates.
-- Per-key commands are folded into variadic ones where the reply or the effect is the same (EXISTS and MGET
-- for the checks, ZADD/ZREM per timers set, ZADD per outbox index, SADD/SREM per state index), in chunks
-- that stay within Lua's unpack limit.
local CHUNK = 1000
-- Calls command(prefix..., items[from..to]) in chunks of at most CHUNK items (a multiple of step, so that
-- pairs are never split); returns the replies, in order.
local function variadic(command, prefix, items, step)
  local replies = {}
  local chunk = CHUNK - CHUNK % step
  for from = 1, #items, chunk do
    local to = math.min(from + chunk - 1, #items)
    local args = {}
    for _, p in ipairs(prefix) do
      args[#args + 1] = p
    end
    for i = from, to do
      args[#args + 1] = items[i]
    end
    replies[#replies + 1] = redis.call(command, unpack(args))
  end
  return replies
end
-- Appends item to the list grouped[name]; order lists the names (of all the tables it is shared by) once each,
-- in first-seen order (order.listed marks them).
local function group(grouped, order, name, item)
  local list = grouped[name]
  if not list then
    list = {}
    grouped[name] = list
    if not order.listed[name] then
      order.listed[name] = true
      order[#order + 1] = name
    end
  end
  list[#list + 1] = item
end
local seen = tonumber(ARGV[1])
local timerSets = tonumber(ARGV[2])
local outbox = tonumber(ARGV[5])
local marked = tonumber(ARGV[6])
local firstOutbox = seen + timerSets + 1
local firstMarker = firstOutbox + 2 * outbox
local indexes = tonumber(ARGV[8])
local firstIndex = firstMarker + 2 * marked
local firstState = firstIndex + indexes
if seen > 0 then
  local seenKeys = {}
  for i = 1, seen do
    seenKeys[i] = KEYS[i]
  end
  for _, found in ipairs(variadic('EXISTS', {}, seenKeys, 1)) do
    if found > 0 then
      return {'DUPLICATE'}
    end
  end
end
local states = #KEYS - firstState + 1
if states > 0 then
  local stateKeys = {}
  for i = 0, states - 1 do
    stateKeys[i + 1] = KEYS[firstState + i]
  end
  local i = 0
  for _, values in ipairs(variadic('MGET', {}, stateKeys, 1)) do
    for _, value in ipairs(values) do
      if (value or '') ~= ARGV[9 + 2 * i] then
        return {'CONFLICT'}
      end
      i = i + 1
    end
  end
end
for i = 0, states - 1 do
  local next = ARGV[10 + 2 * i]
  if next == '' then
    redis.call('DEL', KEYS[firstState + i])
  elseif next ~= '=' then
    redis.call('SET', KEYS[firstState + i], next, 'PX', ARGV[4])
  end
end
local timerBase = 9 + 2 * states
local timers = tonumber(ARGV[timerBase])
local armed, disarmed, timerOrder = {}, {}, {listed = {}}
for t = 0, timers - 1 do
  local set = KEYS[seen + tonumber(ARGV[timerBase + 1 + 3 * t])]
  local member = ARGV[timerBase + 2 + 3 * t]
  local due = ARGV[timerBase + 3 + 3 * t]
  if due == '' then
    group(disarmed, timerOrder, set, member)
  else
    group(armed, timerOrder, set, due)
    armed[set][#armed[set] + 1] = member
  end
end
for _, set in ipairs(timerOrder) do
  if disarmed[set] then
    variadic('ZREM', {set}, disarmed[set], 1)
  end
  if armed[set] then
    variadic('ZADD', {set}, armed[set], 2)
  end
end
local outboxBase = timerBase + 1 + 3 * timers
local entries, outboxOrder = {}, {listed = {}}
for o = 0, outbox - 1 do
  local index = KEYS[firstOutbox + 2 * o + 1]
  redis.call('SET', KEYS[firstOutbox + 2 * o], ARGV[outboxBase + 3 + 2 * o], 'PX', ARGV[outboxBase])
  group(entries, outboxOrder, index, ARGV[outboxBase + 1])
  entries[index][#entries[index] + 1] = ARGV[outboxBase + 2 + 2 * o]
end
for _, index in ipairs(outboxOrder) do
  variadic('ZADD', {index}, entries[index], 2)
  redis.call('PEXPIRE', index, ARGV[outboxBase])
end
local indexBase = outboxBase + 2 + 2 * outbox
local stateTtl = tonumber(ARGV[4])
local joining, leaving, indexOrder = {}, {}, {listed = {}}
for c = 0, tonumber(ARGV[indexBase]) - 1 do
  local position = tonumber(ARGV[indexBase + 1 + 2 * c])
  local key = KEYS[firstState + position]
  local index = KEYS[firstIndex + tonumber(ARGV[indexBase + 2 + 2 * c]) - 1]
  if ARGV[10 + 2 * position] == '' then
    group(leaving, indexOrder, index, key)
  else
    group(joining, indexOrder, index, key)
  end
end
-- Only an index that exists is kept: one that does not is not complete (it has no complete mark and no reader's fill
-- token), so a reader SCANs anyway and creating it would serve nothing. One EXISTS of them all skips the common case.
local joiningIndexes = {}
for _, index in ipairs(indexOrder) do
  if joining[index] then
    joiningIndexes[#joiningIndexes + 1] = index
  end
end
local anyIndex = false
for _, found in ipairs(variadic('EXISTS', {}, joiningIndexes, 1)) do
  anyIndex = anyIndex or found > 0
end
-- A key is created or deleted, never both, so removing before adding leaves each index as the per-key order did.
for _, index in ipairs(indexOrder) do
  if leaving[index] then
    variadic('SREM', {index}, leaving[index], 1)
  end
  if joining[index] and anyIndex and (#joiningIndexes == 1 or redis.call('EXISTS', index) == 1) then
    variadic('SADD', {index}, joining[index], 1)
    if redis.call('PTTL', index) < stateTtl then
      redis.call('PEXPIRE', index, stateTtl)
    end
  end
end
for i = 1, seen do
  redis.call('SET', KEYS[i], '1', 'PX', ARGV[3])
end
local reply = {'OK'}
-- The followers' sets mostly do not exist: one EXISTS of them all spares a ZRANGE each then.
local waiting = {}
for m = 0, marked - 1 do
  waiting[m + 1] = KEYS[firstMarker + 2 * m + 1]
end
local anyWaiting = false
for _, found in ipairs(variadic('EXISTS', {}, waiting, 1)) do
  anyWaiting = anyWaiting or found > 0
end
for m = 0, marked - 1 do
  redis.call('SET', KEYS[firstMarker + 2 * m], '1', 'PX', ARGV[7])
  reply[#reply + 1] = anyWaiting and redis.call('ZRANGE', KEYS[firstMarker + 2 * m + 1], 0, -1) or {}
end
return reply
