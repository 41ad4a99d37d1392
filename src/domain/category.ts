import { z } from 'zod';

/**
 * What an owner's message is, by the policy's own sorting (policy 4.2–4.3).
 * `other` is ordinary chatter: it never becomes a ticket.
 */
export const LabelSchema = z.enum(['repair', 'paid_service', 'valid', 'assist', 'excessive', 'consult', 'other']);
export type Label = z.infer<typeof LabelSchema>;

/**
 * The kinds of record a ticket can be: every label but chatter, and `incident`, an emergency that is no repair (a
 * break-in, a fire, someone hurt), which the classifier never gives: only the emergency words do
 * (rules/conversation/urgent.yaml). Policy 3.1 puts it in the duty log; 4.2.1 sends it to the unit that responds.
 */
export const CategorySchema = z.enum(['repair', 'paid_service', 'valid', 'assist', 'excessive', 'consult', 'incident']);
export type Category = z.infer<typeof CategorySchema>;

/** Complaint categories go to the complaint record (投诉记录表, policy 3.1, 6.3). */
export const COMPLAINT_CATEGORIES: readonly Category[] = ['valid', 'assist', 'excessive'];

export function isComplaint(category: Category): boolean {
  return COMPLAINT_CATEGORIES.includes(category);
}

/** A policy clause number such as `4.2.1.1` or `4.3.2.4`, kept on every record so a manager can trace it. */
export const ClauseSchema = z
  .string()
  .regex(/^\d+(\.\d+)*$/, 'a policy clause number such as 4.2.1.1');
export type Clause = z.infer<typeof ClauseSchema>;

/**
 * The company's own units that act on a ticket (policy 3.1, 4.2.1):
 * engineering (工程班) repairs, the office (管理处) arranges and tracks, its head takes quality complaints,
 * security (秩序部: the guards, patrols and fire control room) responds to break-ins, fights, fires and people hurt,
 * and company leadership (`managers`) takes major matters.
 */
export const UnitSchema = z.enum(['engineering', 'office', 'office_head', 'security', 'managers']);
export type Unit = z.infer<typeof UnitSchema>;

/** For `assist` matters, the outside party that must act (policy 4.3.2.1–4.3.2.5). */
export const OutsidePartySchema = z.enum(['other_owner', 'developer', 'owners_committee', 'utility', 'government']);
export type OutsideParty = z.infer<typeof OutsidePartySchema>;

// The clause, unit and clocks of each category: the policy table, policy.ts.

/** Words the user sees. */
export const CATEGORY_NAME_ZH: Record<Label | Category, string> = {
  repair: '报修',
  paid_service: '有偿服务',
  valid: '有效投诉',
  assist: '协助处理',
  excessive: '超出服务范围的要求',
  consult: '咨询',
  incident: '突发事件',
  other: '闲聊',
};

export const UNIT_NAME_ZH: Record<Unit, string> = {
  engineering: '工程班',
  office: '管理处',
  office_head: '管理处主任',
  security: '秩序部',
  managers: '公司领导',
};

export const OUTSIDE_PARTY_NAME_ZH: Record<OutsideParty, string> = {
  other_owner: '相关业主',
  developer: '开发商',
  owners_committee: '业主委员会',
  utility: '供水/供电/燃气/通信等运营单位',
  government: '政府相关部门',
};
