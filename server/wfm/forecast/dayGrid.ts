/**
 * The interval grid of local days, cached: the start instants of a day's 5/15/30/60-minute
 * intervals (23- and 25-hour days included) and each interval's wall-clock slot (minutes
 * after local midnight), which is what an intraday profile is keyed by. On the fall-back
 * day two intervals share a slot; on the spring-forward day some slots do not exist.
 */
import { localDayIntervals, localParts } from '../timezone.ts';

export interface GridDay {
  /** Start instants (epoch ms) of the day's intervals. */
  starts: number[];
  /** Wall-clock minute of day of each start. */
  slots: number[];
  /** True when the day is not 24 hours long (a daylight-saving change). */
  dst: boolean;
}

export class DayGrid {
  private readonly cache = new Map<string, GridDay>();

  constructor(
    readonly timeZone: string,
    readonly minutes: number,
  ) {
    if (!Number.isInteger(minutes) || minutes <= 0 || 1440 % minutes !== 0) {
      throw new Error(`invalid minutes: ${minutes} does not divide a day`);
    }
  }

  /** Slots per ordinary (24-hour) day. */
  get slotsPerDay(): number {
    return 1440 / this.minutes;
  }

  day(date: string): GridDay {
    let g = this.cache.get(date);
    if (!g) {
      const starts = localDayIntervals(date, this.timeZone, this.minutes);
      const dst = starts.length !== this.slotsPerDay;
      const slots = dst
        ? starts.map((t) => {
            const p = localParts(t, this.timeZone);
            return p.hour * 60 + p.minute;
          })
        : starts.map((_, i) => i * this.minutes);
      g = { starts, slots, dst };
      this.cache.set(date, g);
    }
    return g;
  }
}
