import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BindingCodes, parseBindingCommand } from '../../adapters/wechat/binding.ts';
import { WechatPeople } from '../../adapters/wechat/people.ts';
import type { StaffConfig } from '../../src/config/schema.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';

/** Issue 18 §4: who a contact is after a re-login, on the real store (people.ts, binding.ts). */

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function openStore(): Promise<Store> {
  const dir = await mkdtemp(join(tmpdir(), 'huiyin-wechat-people-'));
  const store = await openLowdbStore({ dataDir: dir, log: () => undefined });
  cleanup.push(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  return store;
}

const group = (chatId: string) => ({ kind: 'group' as const, chatId, topic: chatId });

describe('WechatPeople', () => {
  it('keeps a person id across a re-login by WeChat id, remark name, or nickname in a group seen before; reloads from the store', async () => {
    const store = await openStore();
    const logs: string[] = [];
    const people = await WechatPeople.open(store, (l) => void logs.push(l));
    expect(await people.personOf({ id: '@a1', name: '王女士' }, group('owners'))).toBe('@a1');
    expect(await people.personOf({ id: '@b1', name: '刘先生', alias: '刘先生·b1' }, { kind: 'private' })).toBe('@b1');
    expect(await people.personOf({ id: '@c1', name: '赵', handle: 'zhao_wx' }, { kind: 'private' })).toBe('@c1');

    // A new process and a new login: every id changed.
    const again = await WechatPeople.open(store, (l) => void logs.push(l));
    again.newLogin();
    expect(await again.personOf({ id: '@c2', name: '赵总', handle: 'zhao_wx' }, { kind: 'private' })).toBe('@c1');
    expect(again.get('@c1')?.name).toBe('赵总');
    expect(await again.personOf({ id: '@b2', name: '老刘', alias: '刘先生·b1' }, { kind: 'private' })).toBe('@b1');
    expect(await again.personOf({ id: '@a2', name: '王女士' }, group('owners'))).toBe('@a1');
    expect(logs.some((l) => l.includes('by nickname only'))).toBe(true);
    expect(again.contactIdNow('@a1')).toBe('@a2');
  });

  it('never by nickname in a private chat, in another group, against a different remark, or when two share it', async () => {
    const store = await openStore();
    const people = await WechatPeople.open(store, () => undefined);
    await people.personOf({ id: '@a1', name: '王女士' }, group('owners'));
    await people.personOf({ id: '@s1', name: '张工', alias: '张工' }, group('eng'));
    await people.personOf({ id: '@d1', name: '小李' }, group('owners'));
    await people.personOf({ id: '@e1', name: '小李' }, group('owners'));
    people.newLogin();
    expect(await people.personOf({ id: '@x2', name: '王女士' }, { kind: 'private' })).toBe('@x2');
    expect(await people.personOf({ id: '@y2', name: '王女士' }, group('other'))).toBe('@y2');
    expect(await people.personOf({ id: '@z2', name: '张工', alias: '张工(假)' }, group('eng'))).toBe('@z2');
    expect(await people.personOf({ id: '@d2', name: '小李' }, group('owners'))).toBe('@d2');
    // The one nickname match left is taken by the first contact; a second contact with that name is someone else.
    expect(await people.personOf({ id: '@a2', name: '王女士' }, group('owners'))).toBe('@a1');
    expect(await people.personOf({ id: '@a3', name: '王女士' }, group('owners'))).toBe('@a3');
  });

  it('refuses a nickname match where the adapter says so (staff in an owners group)', async () => {
    const store = await openStore();
    const people = await WechatPeople.open(store, () => undefined, (pid, chatId) => !(pid === 'zhang' && chatId === 'owners'));
    await people.personOf({ id: '@z1', name: '张工' }, group('owners'));
    await people.adopt({ id: '@z1', name: '张工' }, 'zhang');
    expect(people.get('@z1')).toBeUndefined();
    expect(people.get('zhang')?.groups).toEqual(['owners']);
    people.newLogin();
    expect(await people.personOf({ id: '@z2', name: '张工' }, group('owners'))).toBe('@z2');
  });
});

describe('binding codes', () => {
  const staff = [
    { platform: 'wechat', id: 'zhang', name: '张工', unit: 'engineering', role: 'handler', onDuty: true },
    { platform: 'wechat', id: 'li', name: '李主任', unit: 'office_head', role: 'head', onDuty: true },
  ] as StaffConfig[];

  it('reads the commands, tolerating spaces, a colon and full-width digits', () => {
    expect(parseBindingCommand('绑定 123456')).toEqual({ kind: 'bind', code: '123456' });
    expect(parseBindingCommand('绑定:１２３ ４５６')).toEqual({ kind: 'bind', code: '123456' });
    expect(parseBindingCommand('绑定码 张工')).toEqual({ kind: 'code', name: '张工' });
    expect(parseBindingCommand('绑定 12345')).toBeUndefined();
    expect(parseBindingCommand('帮我绑定一下')).toBeUndefined();
  });

  it('a code binds one staff member once; the next code differs; codes survive a restart', async () => {
    const store = await openStore();
    const codes = await BindingCodes.open(store);
    const first = await codes.codeFor('zhang');
    expect(first).toMatch(/^\d{6}$/);
    expect(await (await BindingCodes.open(store)).codeFor('zhang')).toBe(first);
    expect(await codes.spend(first, staff)).toMatchObject({ id: 'zhang' });
    expect(await codes.spend(first, staff)).toBeUndefined();
    expect(await codes.codeFor('zhang')).not.toBe(first);
  });
});
