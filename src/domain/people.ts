import { z } from 'zod';
import { masked } from './phone-mask.ts';

/**
 * Where a person or chat lives: a platform id from the registry (app/platforms.ts), which the config loader checks,
 * or `phone` for a request taken by phone or in person (policy 3.2). The core knows no platform by name.
 */
export const PlatformSchema = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a platform id such as wechat, telegram or console');
export type Platform = z.infer<typeof PlatformSchema>;

/** Requests taken by phone or in person (policy 3.2): a platform with no chat and no adapter. */
export const PHONE: Platform = 'phone';

/** Mainland mobile numbers and landlines with area code; spaces and dashes are tolerated on input. */
export const PhoneSchema = z.string().regex(/^(\+?86)?(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'a phone number such as 13800138000');

export const OwnerSchema = z.object({
  platform: PlatformSchema,
  /** The platform's id for the person; for phone requests, the phone number or a staff-chosen label. */
  id: z.string().min(1),
  displayName: z.string().min(1),
  room: z.string().min(1).optional(),
  phone: PhoneSchema.optional(),
});
export type Owner = z.infer<typeof OwnerSchema>;

/** A staff member as recorded on a ticket: enough to name them in a ledger and find them again in config. */
export const StaffRefSchema = z.object({
  platform: PlatformSchema,
  id: z.string().min(1),
  name: z.string().min(1),
});
export type StaffRef = z.infer<typeof StaffRefSchema>;

/** Who did something to a ticket, as the event history records it. */
export const ActorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('owner'), platform: PlatformSchema, id: z.string().min(1), name: z.string().min(1) }),
  z.object({ kind: z.literal('staff'), platform: PlatformSchema, id: z.string().min(1), name: z.string().min(1) }),
  z.object({ kind: z.literal('system'), name: z.string().min(1) }),
]);
export type Actor = z.infer<typeof ActorSchema>;

export const SYSTEM: Actor = { kind: 'system', name: 'huiyin' };

/** One key per person across the store: platform ids are only unique within their platform. */
export function personKey(p: { platform: Platform; id: string }): string {
  return `${p.platform}:${p.id}`;
}

/** 13800138000 → 138****8000, 0755-26651234 → 0755-****1234: what group chats and logs show (personal data). */
export function maskPhone(phone: string): string {
  const all = phone.replace(/\D/g, '');
  const digits = all.length === 13 && all.startsWith('86') ? all.slice(2) : all;
  if (digits.length < 7) return '*'.repeat(digits.length);
  return digits.startsWith('0') ? masked(digits) : `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
