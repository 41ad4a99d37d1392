import { z } from 'zod';
import { type Category, isComplaint } from './category.ts';

/**
 * The three paper records the policy keeps (6.1–6.3). Every request is in the duty log (3.1);
 * repairs are also on a repair service notice, complaints also in the complaint record.
 */
export const LedgerSchema = z.enum(['dutyLog', 'repairNotice', 'complaintRecord']);
export type Ledger = z.infer<typeof LedgerSchema>;

export const LEDGER_NAME_ZH: Record<Ledger, string> = {
  dutyLog: '值班记录本',
  repairNotice: '维修服务通知单',
  complaintRecord: '投诉记录表',
};

export function ledgersOf(category: Category): Ledger[] {
  if (category === 'repair') return ['dutyLog', 'repairNotice'];
  if (isComplaint(category)) return ['dutyLog', 'complaintRecord'];
  return ['dutyLog'];
}
