# English on the portal uses the 24-hour clock like Polish, so that times read
# the same in both languages ("10:00", never "10 a.m."); the date stays in
# English order ("Dec. 11, 2026").
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "N j, Y, H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
