import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeenMessages } from '../../src/inbound/seen-messages.ts';
import type { OutgoingMessage } from '../../src/messages.ts';
import { chunkText } from '../../src/outbox/chunk.ts';
import { Outbox, type OutboxOptions, SendError } from '../../src/outbox/outbox.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiyin-outbox-'));
  store = await openLowdbStore({ dataDir: dir, log: () => undefined });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const msg = (chat: string, text: string): OutgoingMessage => ({ chat: { platform: 'telegram', id: chat }, text });

function outbox(send: OutboxOptions['send'], extra: Partial<OutboxOptions> = {}): Outbox {
  return new Outbox({ name: 'test', store, send, maxLength: 4096, perChatIntervalMs: 0, overallIntervalMs: 0, retryBaseMs: 5, log: () => undefined, ...extra });
}

describe('chunking at the platform limit', () => {
  it('splits on line breaks and keeps every character', () => {
    const text = Array.from({ length: 50 }, (_, i) => `第${i}行 ${'字'.repeat(i % 7)}`).join('\n');
    const parts = chunkText(text, 100);
    expect(parts.every((p) => Array.from(p).length <= 100)).toBe(true);
    expect(parts.join('\n')).toBe(text);
    expect(chunkText('短', 100)).toEqual(['短']);
    const noBreaks = '字'.repeat(250);
    expect(chunkText(noBreaks, 100).map((p) => p.length)).toEqual([100, 100, 50]);
  });
});

describe('outbox', () => {
  it('keeps order within a chat and splits long messages, buttons on the last part', async () => {
    const sent: OutgoingMessage[] = [];
    const box = outbox(async (m) => void sent.push(m), { maxLength: 10 });
    await box.start();
    await box.enqueue({ ...msg('a', '一二三四五六七八九十甲乙丙'), quickReplies: [{ label: 'x', text: 'x' }], replyTo: 'm1' });
    await box.enqueue(msg('a', '第二条'));
    await box.drained();
    expect(sent.map((m) => m.text)).toEqual(['一二三四五六七八九十', '甲乙丙', '第二条']);
    expect(sent[0]?.quickReplies).toBeUndefined();
    expect(sent[0]?.replyTo).toBe('m1');
    expect(sent[1]?.quickReplies).toHaveLength(1);
    expect(sent[1]?.replyTo).toBeUndefined();
    await box.stop();
  });

  it('paces sends to one chat', async () => {
    const times: number[] = [];
    const box = outbox(async () => void times.push(Date.now()), { perChatIntervalMs: 60 });
    await box.start();
    for (let i = 0; i < 3; i += 1) await box.enqueue(msg('a', `m${i}`));
    await box.drained();
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(55);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(55);
    await box.stop();
  });

  it('retries after the platform\'s retry_after, and gives up on a permanent failure with a report', async () => {
    let calls = 0;
    const times: number[] = [];
    const givenUp: string[] = [];
    const box = outbox(
      async (m) => {
        if (m.chat.id === 'blocked') throw new SendError('403 bot was blocked', { permanent: true });
        calls += 1;
        times.push(Date.now());
        if (calls === 1) throw new SendError('429 too many requests', { retryAfterMs: 80 });
      },
      { onGiveUp: (m, reason) => givenUp.push(`${m.chat.id}: ${reason}`) },
    );
    await box.start();
    await box.enqueue(msg('a', 'hello'));
    await box.enqueue(msg('blocked', 'hi'));
    await box.drained();
    expect(calls).toBe(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(75);
    expect(givenUp).toEqual(['blocked: permanent: 403 bot was blocked']);
    expect(await store.listRecords('outbox-test')).toEqual([]);
    await box.stop();
  });

  it('keeps messages while paused (platform offline) and across a restart, then delivers them', async () => {
    const first = outbox(async () => {
      throw new Error('offline');
    });
    first.pause();
    await first.enqueue(msg('a', '通知1'));
    await first.enqueue(msg('b', '通知2'));
    await first.stop();
    expect(await store.listRecords('outbox-test')).toHaveLength(2);

    const sent: string[] = [];
    const second = outbox(async (m) => void sent.push(m.text));
    await second.start();
    await second.drained();
    expect(sent.sort()).toEqual(['通知1', '通知2']);
    expect(await store.listRecords('outbox-test')).toEqual([]);
    await second.stop();
  });
});

describe('seen messages', () => {
  it('handles an id once, also after a restart, and forgets old ids', async () => {
    const now = new Date('2026-11-27T01:00:00Z');
    const seen = new SeenMessages(store, 'tg');
    expect(await seen.firstTime('u1', now)).toBe(true);
    expect(await seen.firstTime('u1', now)).toBe(false);
    const again = new SeenMessages(store, 'tg');
    expect(await again.firstTime('u1', now)).toBe(false);
    const later = new Date(now.getTime() + 25 * 3_600_000);
    expect(await again.firstTime('u2', later)).toBe(true);
    expect(await new SeenMessages(store, 'tg').firstTime('u1', later)).toBe(true);
  });
});

describe('outbox per-minute budget', () => {
  it('holds a chat at its per-minute limit until the oldest send is a minute old', async () => {
    let store2: Store | undefined;
    const dir2 = await mkdtemp(join(tmpdir(), 'huiyin-outbox-min-'));
    try {
      store2 = await openLowdbStore({ dataDir: dir2, log: () => undefined });
      const times: number[] = [];
      const box = new Outbox({ name: 'min', store: store2, send: async () => void times.push(Date.now()), maxLength: 100, perChatIntervalMs: 0, overallIntervalMs: 0, perChatPerMinute: 2, log: () => undefined });
      await box.start();
      for (let i = 0; i < 3; i += 1) await box.enqueue(msg('g', `m${i}`));
      await new Promise((r) => setTimeout(r, 200));
      // Two went at once; the third waits for the minute window.
      expect(times).toHaveLength(2);
      expect(box.pending).toBe(1);
      await box.stop();
    } finally {
      await store2?.close();
      await rm(dir2, { recursive: true, force: true });
    }
  });
});
