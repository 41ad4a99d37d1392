/** Command words owners type, Chinese and Latin, mapped to one name per command. Staff words: staff/registry.ts. */
export const OWNER_COMMANDS: Record<string, string> = {
  服务卡: 'card',
  电话: 'card',
  card: 'card',
  帮助: 'help',
  help: 'help',
  start: 'help',
  查询: 'query',
  进度: 'query',
  我的报修: 'query',
  query: 'query',
  取消: 'cancel',
  cancel: 'cancel',
};
