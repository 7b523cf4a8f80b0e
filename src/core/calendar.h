// Civil-calendar arithmetic (proleptic Gregorian, days since 1970-01-01),
// shared by the time stage, the clusterer and the evaluation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ng {

int64_t days_from_civil(int y, int m, int d);
void civil_from_days(int64_t days, int& y, int& m, int& d);

// 1 = Monday .. 7 = Sunday (1970-01-01 was a Thursday).
int weekday_of(int64_t days);

// Days of a "YYYY-MM-DD" (only its first ten characters are read), or
// INT32_MIN when it is not one (month 1-12, day 1-31).
int32_t day_number(std::string_view ymd);

// "YYYY-MM-DD" of a day number (the inverse of day_number).
std::string day_string(int64_t days);

}  // namespace ng
