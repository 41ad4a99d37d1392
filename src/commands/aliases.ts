/** Command words people type, Chinese and Latin, mapped to one name per command. */
export const OWNER_COMMANDS: Record<string, string> = {
  服务卡: 'card',
  电话: 'card',
  card: 'card',
  帮助: 'help',
  help: 'help',
  start: 'help',
  查询: 'query',
  进度: 'query',
  query: 'query',
};

/** Staff commands arrive with later work (accept, assign, schedule …); query is shared with owners. */
export const STAFF_COMMANDS: Record<string, string> = {
  ...OWNER_COMMANDS,
};
