import { describe, expect, test } from 'vitest';
import { toSendError } from '../../adapters/wecom/errors.ts';
import { wecomSettingsFromEnv } from '../../adapters/wecom/from-env.ts';
import { buttonCard, stripMention, timeOf, toIncoming, type WcMessage } from '../../adapters/wecom/translate.ts';

const NOW = new Date('2026-11-27T01:00:00Z');
const group = (extra: Partial<WcMessage>): WcMessage => ({ msgid: 'm1', chatid: 'wrG', chattype: 'group', from: { userid: 'wmWang' }, msgtype: 'text', ...extra });

describe('WeCom translation', () => {
  test('the @-mention is cut from the start of a group message, under either name; elsewhere it stays', () => {
    expect(stripMention('@回音 报修 漏水', ['物业助手', '回音'])).toBe('报修 漏水');
    expect(stripMention('@物业助手\u2005报修', ['物业助手', '回音'])).toBe('报修');
    expect(stripMention('报修 @回音 漏水', ['回音'])).toBe('报修 @回音 漏水');
    expect(stripMention('@回音家园 你好', ['回音'])).toBe('@回音家园 你好'); // another name that starts the same
  });

  test('a group text addresses the bot; a private chat is keyed by the userid; the time is read in seconds or ms', () => {
    const t = toIncoming(group({ text: { content: '@回音 查询 R0001' }, create_time: 1_764_205_200 }), ['回音'], NOW);
    expect(t.kind === 'message' && t.message).toMatchObject({ id: 'm1', chat: { platform: 'wecom', id: 'wrG', kind: 'group' }, sender: { id: 'wmWang' }, text: '查询 R0001', mentionsBot: true });
    expect(t.kind === 'message' && t.message.at.toISOString()).toBe('2025-11-27T01:00:00.000Z');
    const p = toIncoming({ msgid: 'm2', chattype: 'single', from: { userid: 'ZhangGong' }, msgtype: 'text', text: { content: ' 待办 ' } }, ['回音'], NOW);
    expect(p.kind === 'message' && p.message.chat).toEqual({ platform: 'wecom', id: 'ZhangGong', kind: 'private' });
    expect(p.kind === 'message' && p.message.text).toBe('待办');
    expect(p.kind === 'message' && p.message.at).toEqual(NOW); // no create_time: the arrival time
    expect(timeOf(1_764_205_200_000)?.toISOString()).toBe('2025-11-27T01:00:00.000Z');
    expect(timeOf(undefined)).toBeUndefined();
  });

  test('voice comes as its transcript, mixed as text plus pictures to fetch, files to fetch; other types are skipped', () => {
    const voice = toIncoming({ msgid: 'v', chattype: 'single', from: { userid: 'u' }, msgtype: 'voice', voice: { content: '厨房漏水' } }, [], NOW);
    expect(voice.kind === 'message' && voice.message.text).toBe('厨房漏水');
    const mixed = toIncoming(group({ msgtype: 'mixed', mixed: { msg_item: [{ msgtype: 'text', text: { content: '@回音 报修 漏水' } }, { msgtype: 'image', image: { url: 'http://127.0.0.1/f', aeskey: 'k' } }] } }), ['回音'], NOW);
    expect(mixed.kind === 'message' && mixed.message.text).toBe('报修 漏水');
    expect(mixed.kind === 'message' && mixed.downloads).toEqual([{ kind: 'image', url: 'http://127.0.0.1/f', aeskey: 'k' }]);
    const file = toIncoming({ msgid: 'f', chattype: 'single', from: { userid: 'u' }, msgtype: 'file', file: { url: 'http://127.0.0.1/g' } }, [], NOW);
    expect(file.kind === 'message' && file.downloads).toEqual([{ kind: 'file', url: 'http://127.0.0.1/g' }]);
    expect(toIncoming(group({ msgtype: 'emotion' }), [], NOW)).toEqual({ kind: 'skip', reason: 'message type emotion is not used' });
    expect(toIncoming(group({ msgtype: 'image' }), [], NOW).kind).toBe('skip');
  });

  test('quick replies become a button card titled by the first line, at most six buttons, keys as given', () => {
    const card = buttonCard('【新报修】R0001 5栋2单元502 厨房水管漏水,业主王女士\n第二行', [{ label: '接单', text: '接单 R0001' }, { label: '查看', text: '查 R0001' }], 'huiyin-1', (q) => `t:${q.text}`);
    expect(card.main_title.title).toBe('【新报修】R0001 5栋2单元502 厨房水管漏…');
    expect(Array.from(card.main_title.title)).toHaveLength(26);
    expect(card.button_list).toEqual([{ text: '接单', key: 't:接单 R0001', style: 1 }, { text: '查看', key: 't:查 R0001' }]);
    const many = buttonCard('选', Array.from({ length: 8 }, (_, i) => ({ label: `${i}`, text: `${i}` })), 't', (q) => q.text);
    expect(many.button_list).toHaveLength(6);
  });

  test('send errors: socket down is retried, 45009 waits a minute, other request errors are permanent', () => {
    expect(toSendError(new Error('WebSocket not connected, unable to send data'), 'c').options).toEqual({});
    expect(toSendError({ errcode: 45009, errmsg: 'api freq out of limit' }, 'c').options).toEqual({ retryAfterMs: 60_000 });
    expect(toSendError({ errcode: 93000, errmsg: 'invalid chatid' }, 'c').options).toEqual({ permanent: true });
    expect(toSendError({ errcode: -1, errmsg: 'system busy' }, 'c').options).toEqual({});
  });

  test('settings from the environment', () => {
    expect(wecomSettingsFromEnv({})).toBeUndefined();
    expect(wecomSettingsFromEnv({ WECOM_BOT_ID: ' aib1 ', WECOM_BOT_SECRET: 's' })).toEqual({ botId: 'aib1', secret: 's', reconnectBaseMs: 1000, saveFiles: true });
    expect(() => wecomSettingsFromEnv({ WECOM_BOT_SECRET: 's' })).toThrow(/WECOM_BOT_ID: required/);
    expect(() => wecomSettingsFromEnv({ WECOM_BOT_ID: 'a', WECOM_BOT_SECRET: 's', WECOM_RECONNECT_MS: 'soon' })).toThrow(/WECOM_RECONNECT_MS/);
    expect(wecomSettingsFromEnv({ WECOM_BOT_ID: 'a', WECOM_BOT_SECRET: 's', WECOM_SAVE_FILES: '0', WECOM_WS_URL: 'wss://ws.example.internal' })).toMatchObject({ saveFiles: false, wsUrl: 'wss://ws.example.internal' });
  });
});
