import type { Category, Unit } from '../../domain/category.ts';

/** Unit names as staff type them. */
export const UNIT_WORDS: Record<string, Unit> = {
  工程: 'engineering',
  工程班: 'engineering',
  工程部: 'engineering',
  维修: 'engineering',
  engineering: 'engineering',
  管理处: 'office',
  客服: 'office',
  office: 'office',
  主任: 'office_head',
  管理处主任: 'office_head',
  office_head: 'office_head',
  领导: 'managers',
  公司领导: 'managers',
  managers: 'managers',
};

/** Category names as staff type them. `投诉` alone means a valid complaint (4.2.3). */
export const CATEGORY_WORDS: Record<string, Category> = {
  报修: 'repair',
  维修: 'repair',
  repair: 'repair',
  有偿: 'paid_service',
  有偿服务: 'paid_service',
  paid_service: 'paid_service',
  投诉: 'valid',
  有效投诉: 'valid',
  valid: 'valid',
  协助: 'assist',
  协助处理: 'assist',
  assist: 'assist',
  超范围: 'excessive',
  // The names the bot itself uses in its messages are accepted too (issue 16 §4).
  超出服务范围: 'excessive',
  超出服务范围的要求: 'excessive',
  无理: 'excessive',
  过分要求: 'excessive',
  excessive: 'excessive',
  咨询: 'consult',
  consult: 'consult',
};
