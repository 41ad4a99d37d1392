import type { Actor, StaffRef, Ticket, TicketEvent, TicketEventInput } from '../../src/domain/index.ts';
import { applyEvent, createTicket } from '../../src/domain/index.ts';

export const OWNER: Actor = { kind: 'owner', platform: 'console', id: 'wang', name: '王女士' };
export const ZHANG: StaffRef = { platform: 'console', id: 'zhang', name: '张工' };
export const LIU: StaffRef = { platform: 'console', id: 'liu', name: '刘工' };
export const STAFF: Actor = { kind: 'staff', ...ZHANG };

/** 2026-11-27 09:00 Beijing time plus `minutes`. */
export function at(minutes = 0): string {
  return new Date(Date.parse('2026-11-27T01:00:00.000Z') + minutes * 60_000).toISOString();
}

export function newRepair(overrides: Partial<Extract<TicketEvent, { type: 'created' }>> = {}): Ticket {
  return createTicket({
    number: 'R0001',
    estate: 'sunshine',
    owner: { platform: 'console', id: 'wang', displayName: '王女士', phone: '13800138000' },
    created: {
      type: 'created',
      at: at(0),
      by: OWNER,
      category: 'repair',
      clause: '4.2.1.1',
      unit: 'engineering',
      description: '厨房水管漏水',
      location: { kind: 'room', building: '5', unit: '2', room: '502', text: '5栋2单元502' },
      major: false,
      channel: 'chat',
      ...overrides,
    },
  });
}

/** Applies events in order, each a minute after the previous one. */
export function apply(ticket: Ticket, ...events: Array<TicketEventInput & { at?: string; by?: Actor }>): Ticket {
  let t = ticket;
  let minute = Math.round((Date.parse(t.updatedAt) - Date.parse(at(0))) / 60_000);
  for (const e of events) {
    minute += 1;
    t = applyEvent(t, { at: at(minute), by: STAFF, ...e } as TicketEvent);
  }
  return t;
}
