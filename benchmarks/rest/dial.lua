-- wrk script for benchmarks/rest/dial-load.sh: POST /api/users/{ext}/dial as the users themselves.
-- Arguments: the number of wrk threads, then one "extension:base64(extension:password)" per user.
-- Each thread dials for its own users, round robin, so one user never has two dials in flight as
-- long as a thread has more users than connections; each user alternates "*21*07012345NN#" and
-- "#21#", so every dial is a committed change.
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local threads = tonumber(args[1])
  mine = {}
  for i = 2, #args do
    if (i - 2) % threads == id then
      local ext, auth = args[i]:match("^([^:]+):(.+)$")
      table.insert(mine, { ext = ext, auth = "Basic " .. auth, n = 0 })
    end
  end
  turn = 0
end

function request()
  turn = turn % #mine + 1
  local user = mine[turn]
  user.n = user.n + 1
  local digits = "#21#"
  if user.n % 2 == 1 then
    digits = string.format("*21*07012345%02d#", user.n % 100)
  end
  return wrk.format("POST", "/api/users/" .. user.ext .. "/dial",
    { ["Authorization"] = user.auth, ["Content-Type"] = "application/json" },
    '{"digits":"' .. digits .. '","device":"TERMINAL"}')
end
