import { afterEach, describe, expect, it, vi } from 'vitest';
import { startJobs } from '../../src/jobs/scheduler.ts';
import type { OutgoingMessage } from '../../src/messages.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('job scheduler on node-cron', () => {
  it('runs a job at its cron times and sends what it returns; a failing run is logged and the next one goes on', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-27T09:00:30+08:00'));
    const sent: OutgoingMessage[] = [];
    const logs: string[] = [];
    let runs = 0;
    const jobs = startJobs(
      [
        {
          name: 'every-minute',
          cron: '* * * * *',
          run: async () => {
            runs += 1;
            if (runs === 2) throw new Error('boom');
            return [{ chat: { platform: 'console', id: 'owners' }, text: `run ${runs}` }];
          },
        },
      ],
      { timezone: 'Asia/Shanghai', deliver: async (m) => void sent.push(m), log: (l) => logs.push(l) },
    );
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    await jobs.stop();
    expect(runs).toBe(3);
    expect(sent.map((m) => m.text)).toEqual(['run 1', 'run 3']);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^job every-minute failed: Error: boom/);
  });
});

describe('reminder bursts', () => {
  it('more than three reminders for one chat in one scan become one list; other chats are untouched', async () => {
    const { mergeBursts } = await import('../../src/jobs/scheduled-jobs.ts');
    const to = (id: string, text: string): OutgoingMessage => ({ chat: { platform: 'console', id }, text });
    const merged = mergeBursts([to('eng', 'a'), to('eng', 'b'), to('office', 'x'), to('eng', 'c'), to('eng', 'd')]);
    expect(merged).toEqual([
      { chat: { platform: 'console', id: 'eng' }, text: '【提醒汇总】共4条,请逐条处理:\n\na\n\nb\n\nc\n\nd' },
      to('office', 'x'),
    ]);
    expect(mergeBursts([to('eng', 'a'), to('eng', 'b')])).toHaveLength(2);
  });
});
