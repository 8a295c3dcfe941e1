const DAY = 24 * 60 * 60 * 1000;

/** Midnight UTC of today plus `offset` days, as YYYY-MM-DD: demo dates stay relative to the seeding day. */
export const dayFromToday = (offset: number, today = new Date()) =>
  new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + offset * DAY).toISOString().slice(0, 10);

export const instantFromToday = (offset: number, today = new Date()) => new Date(`${dayFromToday(offset, today)}T09:00:00Z`).toISOString();

/** UTC offset of `timeZone` at `instant`, in milliseconds. */
const zoneOffset = (instant: number, timeZone: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - instant;
};

/** The instant at which the wall clock in `timeZone` shows `day` `time` (e.g. 2026-12-03, 14:30). */
export const zonedInstant = (day: string, time: string, timeZone: string) => {
  const [hour, minute] = time.split(':').map(Number);
  const [year, month, date] = day.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, date, hour, minute);
  const first = wall - zoneOffset(wall, timeZone);
  return new Date(wall - zoneOffset(first, timeZone)).toISOString();
};
