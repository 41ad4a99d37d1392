import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../src/messages.ts';
import { Outbox, type OutboxOptions, SendError } from '../../src/outbox/outbox.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiyin-merge-'));
  store = await openLowdbStore({ dataDir: dir, log: () => undefined });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const msg = (chat: string, text: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({ chat: { platform: 'telegram', id: chat }, text, ...extra });

function outbox(send: OutboxOptions['send'], extra: Partial<OutboxOptions> = {}): Outbox {
  return new Outbox({ name: 'test', store, send, maxLength: 4096, perChatIntervalMs: 0, overallIntervalMs: 0, retryBaseMs: 5, mergeWaiting: true, log: () => undefined, ...extra });
}

/** Enqueues everything before the outbox starts, as a burst does while the chat's pacing holds its queue. */
async function burst(box: Outbox, messages: OutgoingMessage[]): Promise<void> {
  for (const m of messages) await box.enqueue(m);
}

describe('messages waiting for one group go as one (issue 16 §6)', () => {
  it('several waiting answers to one chat are sent as one message, in order, every button once; other chats apart', async () => {
    const sent: OutgoingMessage[] = [];
    const box = outbox(async (m) => void sent.push(m));
    const readBack = [{ label: '确认', text: '确认' }, { label: '修改', text: '修改' }, { label: '取消', text: '取消' }];
    await burst(box, [
      msg('owners', '@甲 请核对:报修 5栋502', { replyTo: 'u1', quickReplies: readBack }),
      msg('owners', '@乙 请问什么时间方便师傅上门?', { replyTo: 'u2', quickReplies: [{ label: '随时都可以', text: '随时' }] }),
      msg('engineering', '【新报修】R0001'),
      msg('owners', '@丙 请核对:报修 6栋301', { replyTo: 'u3', quickReplies: readBack }),
    ]);
    expect(await store.listRecords('outbox-test')).toHaveLength(4);
    await box.start();
    await box.drained();
    expect(sent.map((m) => [m.chat.id, m.text])).toEqual([
      ['owners', '@甲 请核对:报修 5栋502\n\n@乙 请问什么时间方便师傅上门?\n\n@丙 请核对:报修 6栋301'],
      ['engineering', '【新报修】R0001'],
    ]);
    expect(sent[0]?.quickReplies?.map((q) => q.text)).toEqual(['确认', '修改', '取消', '随时']);
    // Answers to three owners: threaded under none of their messages.
    expect(sent[0]?.replyTo).toBeUndefined();
    expect(await store.listRecords('outbox-test')).toEqual([]);
    await box.stop();
  });

  it("a merged message stays within the platform's length, before a picture, and under the button cap", async () => {
    const sent: OutgoingMessage[] = [];
    const box = outbox(async (m) => void sent.push(m), { maxLength: 30 });
    await burst(box, [
      msg('g', '一'.repeat(12)),
      msg('g', '二'.repeat(12)),
      msg('g', '三'.repeat(12)),
      msg('g', '', { image: { path: '/tmp/x.png' } }),
      msg('g', '四'),
      ...Array.from({ length: 6 }, (_, i) => msg('g', `接${i}`, { quickReplies: [{ label: '接单', text: `接单 R000${i}` }, { label: '查', text: `查 R000${i}` }] })),
    ]);
    await box.start();
    await box.drained();
    expect(sent.filter((m) => m.image || m.text).map((m) => (m.image ? '[图]' : m.text))).toEqual([
      `${'一'.repeat(12)}\n\n${'二'.repeat(12)}`,
      '三'.repeat(12),
      '[图]',
      '四\n\n接0\n\n接1\n\n接2\n\n接3',
      '接4\n\n接5',
    ]);
    expect(sent.find((m) => m.text.startsWith('四'))?.quickReplies).toHaveLength(8);
    await box.stop();
  });

  it('parts answering the same message keep the thread; without mergeWaiting nothing is merged', async () => {
    const sent: OutgoingMessage[] = [];
    const box = outbox(async (m) => void sent.push(m));
    await burst(box, [msg('g', '甲', { replyTo: 'u1' }), msg('g', '乙', { replyTo: 'u1' })]);
    await box.start();
    await box.drained();
    expect(sent).toEqual([{ chat: { platform: 'telegram', id: 'g' }, text: '甲\n\n乙', replyTo: 'u1' }]);
    await box.stop();

    const apart: OutgoingMessage[] = [];
    const plain = outbox(async (m) => void apart.push(m), { mergeWaiting: false, name: 'plain' });
    await burst(plain, [msg('g', '甲'), msg('g', '乙')]);
    await plain.start();
    await plain.drained();
    expect(apart.map((m) => m.text)).toEqual(['甲', '乙']);
    await plain.stop();
  });

  it('a failed merged send is retried whole after retry_after; nothing lost, nothing twice', async () => {
    const sent: OutgoingMessage[] = [];
    let failures = 1;
    let failed: () => void = () => undefined;
    const firstFailure = new Promise<void>((resolve) => (failed = resolve));
    const box = outbox(async (m) => {
      if (failures-- > 0) {
        failed();
        throw new SendError('429', { retryAfterMs: 500 });
      }
      sent.push(m);
    });
    await burst(box, [msg('g', '甲'), msg('g', '乙')]);
    await box.start();
    await firstFailure;
    // While waiting, another message for the chat arrives: it joins the retry.
    await box.enqueue(msg('g', '丙'));
    await box.drained();
    expect(sent.map((m) => m.text)).toEqual(['甲\n\n乙\n\n丙']);
    expect(await store.listRecords('outbox-test')).toEqual([]);
    await box.stop();
  });

  it("a group's per-minute cap is spent on messages, not on owners: 60 answers under a cap of 20 a minute go at once", async () => {
    const sent: Array<{ at: number; text: string }> = [];
    // Production pacing (a second between sends to a chat); answers arrive one by one while the first send goes.
    const box = outbox(async (m) => void sent.push({ at: Date.now(), text: m.text }), { perChatPerMinute: 20, perChatIntervalMs: 1000 });
    await box.start();
    const started = Date.now();
    for (let i = 0; i < 60; i++) await box.enqueue(msg('owners', `@业主${i} 已登记,编号 R${String(i + 1).padStart(4, '0')}`));
    await box.drained();
    const numbers = sent.flatMap((s) => [...s.text.matchAll(/R\d{4}/g)].map((m) => m[0]));
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => `R${String(i + 1).padStart(4, '0')}`));
    expect(sent.length).toBeLessThanOrEqual(20);
    // Well within the minute the cap would otherwise have cost.
    expect(Date.now() - started).toBeLessThan(30_000);
    await box.stop();
  });
});
