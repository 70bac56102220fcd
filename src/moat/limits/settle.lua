-- Settle token reservations and release concurrency leases (moat.limits.redis_backend).
-- KEYS[i]   one key per operation
-- ARGV[1]   now in microseconds, or "" to use the server's TIME
-- ARGV[2i], ARGV[2i+1] for key i:
--   "a", delta in µs: move the GCRA TAT (negative refunds); never below now
--   "r", lease id:    remove a concurrency lease
local now
if ARGV[1] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
else
  now = tonumber(ARGV[1])
end
for i = 1, #KEYS do
  local op = ARGV[2 * i]
  local key = KEYS[i]
  if op == 'a' then
    local tat = tonumber(redis.call('GET', key) or '0')
    if tat < now then tat = now end
    tat = tat + tonumber(ARGV[2 * i + 1])
    if tat > now then
      redis.call('SET', key, string.format('%d', tat),
                 'PX', string.format('%d', math.ceil((tat - now) / 1000) + 1))
    else
      redis.call('DEL', key)
    end
  else
    redis.call('ZREM', key, ARGV[2 * i + 1])
  end
end
return now
