-- Admit one request against several limits, all or nothing (moat.limits.redis_backend).
-- KEYS[i]   one key per limit, "{prefix name:key}" (hash-tagged; same slot per call on a cluster)
-- ARGV[1]   now in microseconds, or "" to use the server's TIME (production: one clock for all replicas)
-- ARGV[2]   lease id for concurrency limits
-- ARGV[3]   "mode a b" for each limit, space-separated in KEYS order (one argument: fewer to encode):
--   mode "g" (GCRA, enforced) | "G" (GCRA, shadow) with a = cost in µs, b = tau in µs
--   mode "c" (concurrency, enforced) | "C" (concurrency, shadow) with a = slots, b = lease life in µs
-- Returns {now, allowed, pass_1, value_1, ...}: value = new_tat - now (GCRA) or live leases (concurrency).
-- When allowed, every limit that passed consumes (shadow ones on their own keys); otherwise none does.
local now
if ARGV[1] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
else
  now = tonumber(ARGV[1])
end
local spec = {}
for word in string.gmatch(ARGV[3], '%S+') do spec[#spec + 1] = word end
local out = {now, 1}
local new = {}
local allowed = true
for i = 1, #KEYS do
  local mode = spec[3 * i - 2]
  local a = tonumber(spec[3 * i - 1])
  local b = tonumber(spec[3 * i])
  local key = KEYS[i]
  local passes, value
  if mode == 'g' or mode == 'G' then
    local tat = tonumber(redis.call('GET', key) or '0')
    if tat < now then tat = now end
    value = tat + a - now
    passes = value <= b
  else
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
    value = redis.call('ZCARD', key)
    passes = value < a
  end
  if passes then
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
    if mode == 'g' or mode == 'c' then allowed = false end
  end
  out[#out + 1] = value
  if passes then new[i] = value else new[i] = false end
end
if not allowed then
  out[2] = 0
  return out
end
for i = 1, #KEYS do
  local mode = spec[3 * i - 2]
  local backlog = new[i]
  if backlog == false then
    -- a shadow limit that would have refused: counts in metrics, consumes nothing
  elseif mode == 'g' or mode == 'G' then
    if backlog > 0 then
      redis.call('SET', KEYS[i], string.format('%d', now + backlog),
                 'PX', string.format('%d', math.ceil(backlog / 1000) + 1))
    end
  else
    local life = tonumber(spec[3 * i])
    redis.call('ZADD', KEYS[i], string.format('%d', now + life), ARGV[2])
    redis.call('PEXPIRE', KEYS[i], string.format('%d', math.ceil(life / 1000) + 1))
  end
end
return out
