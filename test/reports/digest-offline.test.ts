import { afterEach, describe, expect, it } from 'vitest';
import { OfflineLog } from '../../src/alerts/offline-periods.ts';
import { digestText } from '../../src/reports/digest.ts';
import { Transcript } from '../helpers/transcript.ts';
import { PLATFORMS } from '../../app/platforms.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

describe('the digest and WeChat being offline (issue 8)', () => {
  it('says how long WeChat was offline since yesterday, and nothing when it was not', async () => {
    tr = await Transcript.open({ start: '2026-11-27T08:00:00+08:00' });
    const deps = { store: tr.store, config: tr.config, clock: tr.clock, platforms: PLATFORMS };
    expect(await digestText(deps)).not.toContain('掉线');
    const log = new OfflineLog(tr.store);
    await log.wentOffline('wechat', new Date('2026-11-26T20:00:00+08:00'), 'logout');
    await log.cameOnline('wechat', new Date('2026-11-26T22:30:00+08:00'));
    const text = await digestText(deps);
    expect(text).toMatch(/微信掉线 1 次,共 2小时30分钟/);
  });
});
