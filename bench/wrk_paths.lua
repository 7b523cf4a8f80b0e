-- wrk script: requests the paths of a file (one per line) in turn, each
-- thread starting at a different line. Usage: wrk ... -s wrk_paths.lua URL -- PATHS_FILE
local paths = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  i = math.random(#paths)
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
