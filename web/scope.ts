import type { Config, Estate, StaffConfig } from '../src/config/schema.ts';
import { inScope } from '../src/commands/staff/context.ts';
import type { Ticket } from '../src/domain/ticket.ts';

/**
 * What a staff member may see in the console: exactly what they may see in chat. Staff with an estate see that
 * estate; staff without one (managers) see all.
 */
export function visibleEstates(staff: StaffConfig, config: Config): Estate[] {
  return config.estates.filter((e) => inScope(staff, e.id));
}

export function canSee(staff: StaffConfig, ticket: Ticket): boolean {
  return inScope(staff, ticket.estate);
}

/** The estate a page is about: the one asked for if the person may see it, else theirs (undefined: all of theirs). */
export function chosenEstate(staff: StaffConfig, config: Config, asked: string | undefined): string | undefined {
  if (staff.estate) return staff.estate;
  return asked && config.estates.some((e) => e.id === asked) ? asked : undefined;
}
