// vdev wiring: the Time object (the RTC as calendar time, time zone, DST,
// strftime-style formatting).
#ifndef SPARK_WIRING_TIME_H
#define SPARK_WIRING_TIME_H

#include "rtc_hal.h"
#include "spark_wiring_string.h"

#include <ctime>

#define TIME_FORMAT_DEFAULT "asctime"
#define TIME_FORMAT_ISO8601_FULL "%Y-%m-%dT%H:%M:%S%z"

class TimeClass {
public:
    static int hour();
    static int hour(time_t t);
    static int hourFormat12();
    static int hourFormat12(time_t t);
    static uint8_t isAM();
    static uint8_t isAM(time_t t);
    static uint8_t isPM();
    static uint8_t isPM(time_t t);
    static int minute();
    static int minute(time_t t);
    static int second();
    static int second(time_t t);
    static int day();
    static int day(time_t t);
    static int weekday();
    static int weekday(time_t t);
    static int month();
    static int month(time_t t);
    static int year();
    static int year(time_t t);
    static time_t now();
    static time_t local();
    static void zone(float GMT_Offset);
    static float zone();
    static bool isValid();
    static void setTime(time_t t);
    static void setDSTOffset(float offset);
    static float getDSTOffset();
    static void beginDST();
    static void endDST();
    static bool isDST();
    static String timeStr(time_t t = 0);
    static String format(time_t t, const char* format_spec = nullptr);
    static String format(const char* format_spec = nullptr) { return format(now(), format_spec); }
    static void setFormat(const char* format);
    static const char* getFormat();
};

extern TimeClass Time;

#endif
