/**
 * Shrinkage as a breakdown in paid hours per FTE a year, shown in hours and percent. A year
 * has paidHoursPerWeek × 52 paid hours (2,080 at 40 h); each component's percent is its hours ÷
 * those, and they add (the usual WFM convention, as server/wfm/shrinkage.ts `totalShrinkage`).
 * New-hire training (the 40 h) is not here: it falls in the hire's onboarding month, when the
 * hire counts as paid but not productive (supply.ts).
 */
export interface ShrinkageHours {
  holidaysPto: number;
  sickness: number;
  breaks: number;
  meetings: number;
  training: number;
  other: number;
}

export interface ShrinkageLine {
  component: string;
  hoursPerYear: number;
  /** Fraction of paid hours. */
  share: number;
}

export function paidHoursPerYear(paidHoursPerWeek: number): number {
  return paidHoursPerWeek * 52;
}

/** Total shrinkage: Σ hours ÷ paid hours a year. */
export function shrinkageFraction(hours: ShrinkageHours, paidHoursPerWeek: number): number {
  const total = Object.values(hours).reduce((a, b) => a + b, 0);
  return total / paidHoursPerYear(paidHoursPerWeek);
}

/** The breakdown lines; when only a total fraction was entered, one line "total (entered)". */
export function shrinkageBreakdown(hours: ShrinkageHours | null, shrinkage: number, paidHoursPerWeek: number): ShrinkageLine[] {
  const paid = paidHoursPerYear(paidHoursPerWeek);
  if (hours === null) return [{ component: 'total (entered)', hoursPerYear: shrinkage * paid, share: shrinkage }];
  return Object.entries(hours).map(([component, h]) => ({ component, hoursPerYear: h, share: h / paid }));
}
