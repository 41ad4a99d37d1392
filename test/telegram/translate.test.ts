import { describe, expect, test } from 'vitest';
import { menuCommands } from '../../adapters/telegram/commands.ts';
import { describeStartupError, toSendError } from '../../adapters/telegram/errors.ts';
import { telegramOptionsFromEnv } from '../../adapters/telegram/from-env.ts';
import {
  attachmentsOf,
  callbackToIncoming,
  decodeCallbackData,
  encodeDirect,
  escapeHtml,
  readAddressing,
  type TgMessage,
  toIncoming,
} from '../../adapters/telegram/translate.ts';
import { OWNER_COMMANDS } from '../../src/commands/aliases.ts';
import { STAFF_COMMAND_TABLE } from '../../src/commands/staff/registry.ts';
import { entitiesOf } from './fake-bot-api.ts';

const BOT = { id: 900, username: 'Huiyin_Bot', displayName: '回音' };
const group = { id: -1001, type: 'supergroup' as const, title: '业主群' };
const wang = { id: 7001, first_name: '王', last_name: '女士' };

function msg(text: string, extra: Partial<TgMessage> = {}): TgMessage {
  const entities = entitiesOf(text);
  return { message_id: 5, date: 1_800_000_000, chat: group, from: wang, text, ...(entities.length > 0 && { entities }), ...extra };
}

describe('addressing', () => {
  test('an @username mention addresses the bot and is removed from the text (any case)', () => {
    expect(readAddressing('@huiyin_bot 报修 厨房漏水', entitiesOf('@huiyin_bot 报修 厨房漏水'), BOT)).toEqual({ text: '报修 厨房漏水', mentionsBot: true, forOtherBot: false });
    expect(readAddressing('楼上漏水 @Huiyin_Bot 帮忙', entitiesOf('楼上漏水 @Huiyin_Bot 帮忙'), BOT).text).toBe('楼上漏水 帮忙');
  });

  test('someone else mentioned is kept and does not address the bot', () => {
    expect(readAddressing('@zhang_san 你好', entitiesOf('@zhang_san 你好'), BOT)).toEqual({ text: '@zhang_san 你好', mentionsBot: false, forOtherBot: false });
  });

  test('/cmd@bot keeps /cmd for the core; /cmd@other_bot is not ours; plain /cmd passes', () => {
    expect(readAddressing('/accept@Huiyin_Bot R0001', entitiesOf('/accept@Huiyin_Bot R0001'), BOT)).toEqual({ text: '/accept R0001', mentionsBot: true, forOtherBot: false });
    expect(readAddressing('/help@other_bot', entitiesOf('/help@other_bot'), BOT).forOtherBot).toBe(true);
    expect(readAddressing('/query R0001', entitiesOf('/query R0001'), BOT)).toEqual({ text: '/query R0001', mentionsBot: false, forOtherBot: false });
  });

  test('a text_mention of the bot, a reply to the bot, and a typed @回音 address it', () => {
    expect(readAddressing('回音 你好', [{ type: 'text_mention', offset: 0, length: 2, user: { id: 900, first_name: '回音' } }], BOT)).toMatchObject({ text: '你好', mentionsBot: true });
    expect(readAddressing('好的', undefined, BOT, { message_id: 1, date: 0, chat: group, from: { id: 900, first_name: '回音', is_bot: true } }).mentionsBot).toBe(true);
    expect(readAddressing('@回音 报修', undefined, BOT)).toMatchObject({ text: '报修', mentionsBot: true });
  });

  test('entity offsets are UTF-16 units: text after an emoji is cut correctly', () => {
    const text = '😀 @huiyin_bot 报修';
    expect(readAddressing(text, entitiesOf(text), BOT).text).toBe('😀 报修');
  });
});

describe('toIncoming', () => {
  test('a group message becomes the core message with ids as text', () => {
    const t = toIncoming(msg('报修 厨房漏水', { reply_to_message: { message_id: 2, date: 0, chat: group, from: wang } }), BOT);
    expect(t).toEqual({
      kind: 'message',
      message: {
        id: '5',
        chat: { platform: 'telegram', id: '-1001', kind: 'group', title: '业主群' },
        sender: { id: '7001', displayName: '王 女士' },
        text: '报修 厨房漏水',
        mentionsBot: false,
        at: new Date(1_800_000_000_000),
        attachments: [],
        replyTo: '2',
      },
    });
  });

  test('private chats are private; channels, bots and empty service messages are skipped', () => {
    const dm = toIncoming(msg('你好', { chat: { id: 7001, type: 'private', first_name: '王' } }), BOT);
    expect(dm.kind === 'message' && dm.message.chat.kind).toBe('private');
    expect(toIncoming(msg('x', { chat: { id: -5, type: 'channel' } }), BOT).kind).toBe('skip');
    expect(toIncoming(msg('x', { from: { id: 901, first_name: 'b', is_bot: true } }), BOT).kind).toBe('skip');
    expect(toIncoming({ message_id: 1, date: 0, chat: group, from: wang }, BOT).kind).toBe('skip');
  });

  test('a photo with a caption: the largest size as an image attachment, the caption as text', () => {
    const photo = { message_id: 9, date: 0, chat: group, from: wang, caption: '地漏堵了', photo: [{ file_id: 'a', width: 90, height: 90 }, { file_id: 'b', width: 800, height: 600 }] };
    const t = toIncoming(photo, BOT);
    expect(t.kind === 'message' && t.message).toMatchObject({ text: '地漏堵了', attachments: [{ kind: 'image', ref: 'b' }] });
    expect(attachmentsOf({ ...photo, photo: undefined, document: { file_id: 'd', file_name: 'x.pdf', mime_type: 'application/pdf' } })).toEqual([{ kind: 'file', ref: 'd', name: 'x.pdf' }]);
  });

  test('a button press is the presser saying the button text, threaded under the buttons message', () => {
    const t = callbackToIncoming({ id: '77', from: wang, message: { message_id: 3, date: 0, chat: group }, data: 't:确认' }, '确认', new Date(0));
    expect(t.kind === 'message' && t.message).toMatchObject({ id: '3#cb77', text: '确认', mentionsBot: true, sender: { id: '7001' }, replyTo: '3' });
  });
});

describe('buttons and text', () => {
  test('callback_data carries the text when it fits in 64 bytes, else a key', () => {
    expect(encodeDirect('接单 R0001')).toBe('t:接单 R0001');
    expect(decodeCallbackData('t:接单 R0001')).toEqual({ text: '接单 R0001' });
    expect(encodeDirect('回'.repeat(21))).toBeUndefined(); // 2 + 63 bytes
    expect(decodeCallbackData('k:abc')).toEqual({ key: 'abc' });
    expect(decodeCallbackData('something else')).toBeUndefined();
  });

  test('HTML is escaped for parse_mode HTML', () => {
    expect(escapeHtml('<b>a & b</b>')).toBe('&lt;b&gt;a &amp; b&lt;/b&gt;');
  });

  test('the command menu lists every Latin alias of the core once, with Chinese descriptions, plus whoami', () => {
    const menu = menuCommands();
    const names = menu.map((c) => c.command);
    const latin = [...Object.keys(OWNER_COMMANDS), ...Object.values(STAFF_COMMAND_TABLE).flatMap((c) => c.words)].filter((w) => /^[a-z]+$/.test(w) && w !== 'start');
    expect(new Set(names)).toEqual(new Set([...latin, 'whoami']));
    expect(names).toHaveLength(new Set(names).size);
    for (const c of menu) {
      expect(c.command).toMatch(/^[a-z][a-z0-9_]{0,31}$/);
      expect(c.description).toMatch(/[\u4e00-\u9fa5]/);
      expect(c.description.length).toBeLessThanOrEqual(256);
    }
    expect(menu.find((c) => c.command === 'accept')?.description).toContain('接单');
  });
});

describe('errors', () => {
  const tgError = (error_code: number, description: string, parameters?: object) => Object.assign(new Error(`${error_code}: ${description}`), { response: { error_code, description, parameters } });

  test('429 waits retry_after; 403 and 400 are permanent; a migrated group names its new id; network errors retry', () => {
    expect(toSendError(tgError(429, 'Too Many Requests', { retry_after: 7 }), '-1').options).toEqual({ retryAfterMs: 7000 });
    expect(toSendError(tgError(403, 'Forbidden: bot was blocked by the user'), '1').options).toEqual({ permanent: true });
    expect(toSendError(tgError(400, 'Bad Request: chat not found'), '-1').options).toEqual({ permanent: true });
    const migrated = toSendError(tgError(400, 'Bad Request: group chat was upgraded', { migrate_to_chat_id: -100123 }), '-123');
    expect(migrated.message).toContain('-100123');
    expect(migrated.options.permanent).toBe(true);
    expect(toSendError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), '-1').options).toEqual({});
  });

  test('start-up errors say what to do', () => {
    expect(describeStartupError(tgError(401, 'Unauthorized'), 'https://api.telegram.org')).toMatch(/refused TELEGRAM_BOT_TOKEN.*BotFather/);
    expect(describeStartupError(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }), 'http://x')).toMatch(/cannot reach the Telegram Bot API at http:\/\/x \(ENOTFOUND/);
  });
});

describe('environment', () => {
  test('no token, no Telegram; polling by default; webhook with its settings', () => {
    expect(telegramOptionsFromEnv({})).toBeUndefined();
    expect(telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_API_ROOT: 'http://127.0.0.1:8081' })).toEqual({ token: '1:abc', apiRoot: 'http://127.0.0.1:8081' });
    expect(
      telegramOptionsFromEnv({
        TELEGRAM_BOT_TOKEN: '1:abc',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/tg',
        TELEGRAM_WEBHOOK_SECRET: 's_1',
        TELEGRAM_WEBHOOK_PORT: '3000',
        TELEGRAM_WEBHOOK_PATH: '/hook',
      }),
    ).toEqual({ token: '1:abc', webhook: { url: 'https://bot.example.com/tg', secretToken: 's_1', port: 3000, path: '/hook' } });
    const generated = telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/tg' });
    expect(generated?.webhook?.secretToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(generated?.webhook?.port).toBe(8443);
  });

  test('malformed values are named together, without the token', () => {
    const error = (() => {
      try {
        telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: 'secret-but-wrong', TELEGRAM_API_ROOT: 'ftp://x', TELEGRAM_WEBHOOK_PORT: '80' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.name).toBe('TelegramStartupError');
    expect(error?.message).toContain('TELEGRAM_BOT_TOKEN does not look like a bot token');
    expect(error?.message).toContain('TELEGRAM_API_ROOT "ftp://x"');
    expect(error?.message).toContain('TELEGRAM_WEBHOOK_PORT is set but TELEGRAM_WEBHOOK_URL is not');
    expect(error?.message).not.toContain('secret-but-wrong');
  });
});
