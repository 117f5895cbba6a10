-- The database's own speed at the statement that decides a hold, for the benchmark's calibration:
-- EfSeatInventory.TakeAsync as EF Core sends it to MariaDB (seat ids inlined, values as literals),
-- run as autocommit single statements on 1 to 4 random seats of one performance.
--
-- Each statement takes its seats for a hold whose time is already up, so the seats stay takeable:
-- every statement finds its rows free and changes them (a new HoldId each time), which is the work
-- of a successful hold; nothing converges to "all held" during the run.
--
--   sysbench bench/sysbench/hold_update.lua --mysql-db=atticket_calibration --performance-id=3 --threads=8 --time=10 run

sysbench.cmdline.options = {
    ["performance-id"] = { "PerformanceId whose seats the statements take", 0 },
}

local con
local seat_ids = {}

function thread_init()
    con = sysbench.sql.driver():connect()
    local rs = con:query(string.format(
        "SELECT SeatId FROM PerformanceSeats WHERE PerformanceId = %d AND GradeId IS NOT NULL ORDER BY SeatId",
        sysbench.opt.performance_id))
    for i = 1, rs.nrows do
        seat_ids[i] = tonumber(rs:fetch_row()[1])
    end
    if #seat_ids < 4 then
        error("performance " .. sysbench.opt.performance_id .. " has fewer than 4 graded seats in this schema")
    end
end

function thread_done()
    con:disconnect()
end

local function hold_id()
    local r = sysbench.rand.uniform
    return string.format("%08x-%04x-4%03x-%04x-%012x",
        r(0, 0x7fffffff), r(0, 0xffff), r(0, 0xfff), r(0x8000, 0xbfff), r(0, 0x7fffffff) * 0x10000 + r(0, 0xffff))
end

-- 1 to 4 distinct seats, uniformly at random.
local function seats()
    local n = sysbench.rand.uniform(1, 4)
    local chosen, list = {}, {}
    while #list < n do
        local id = seat_ids[sysbench.rand.uniform(1, #seat_ids)]
        if not chosen[id] then
            chosen[id] = true
            list[#list + 1] = id
        end
    end
    return table.concat(list, ", ")
end

function event()
    local now = os.date("!%Y-%m-%d %H:%M:%S.000000")
    con:query(string.format(
        "UPDATE `PerformanceSeats` AS `p` SET `p`.`BookingId` = NULL, `p`.`HeldUntil` = '2000-01-01 00:00:00.000000', " ..
        "`p`.`HoldId` = '%s', `p`.`Status` = 'Held' " ..
        "WHERE `p`.`PerformanceId` = %d AND `p`.`SeatId` IN (%s) AND `p`.`GradeId` IS NOT NULL " ..
        "AND ((`p`.`Status` = 'Available') OR ((`p`.`Status` = 'Held') AND (`p`.`HeldUntil` < '%s')))",
        hold_id(), sysbench.opt.performance_id, seats(), now))
end
