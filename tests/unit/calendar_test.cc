#include "core/calendar.h"

#include <gtest/gtest.h>

#include <climits>

namespace ng {
namespace {

TEST(Calendar, DayNumbersWeekdaysAndBack) {
  EXPECT_EQ(day_number("1970-01-01"), 0);
  EXPECT_EQ(weekday_of(0), 4);                            // a Thursday
  EXPECT_EQ(weekday_of(day_number("2025-04-21")), 1);     // a Monday
  EXPECT_EQ(weekday_of(day_number("1969-12-28")), 7);     // a Sunday, before the epoch
  EXPECT_EQ(day_number("2025-04-26") - day_number("2025-04-21"), 5);
  EXPECT_EQ(day_number("2024-03-01") - day_number("2024-02-28"), 2);  // a leap year
  for (const char* d : {"2000-02-29", "1999-12-31", "2025-12-09", "1950-01-30", "1600-03-01"}) {
    EXPECT_EQ(day_string(day_number(d)), d);
  }
  EXPECT_EQ(day_number("2023-11-15T08:00:00Z"), day_number("2023-11-15"));  // the first ten characters
}

TEST(Calendar, WhatIsNotADateIsSaid) {
  for (const char* d : {"", "2025-13-01", "2025-00-10", "2025-01-32", "2025-1-01", "XXXX-09-08", "2025/01/01"}) {
    EXPECT_EQ(day_number(d), INT32_MIN) << d;
  }
}

}  // namespace
}  // namespace ng
