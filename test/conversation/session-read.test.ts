import { afterEach, describe, expect, it, vi } from 'vitest';
import { IntakeStateSchema } from '../../src/conversation/intake.ts';
import { OfferStateSchema } from '../../src/conversation/offer.ts';
import { readIntake, readOffer } from '../../src/conversation/sessions.ts';
import { Transcript } from '../helpers/transcript.ts';

// SessionStore.read used to put every stored intake and offer through zod's safeParse; it now takes the plain check's
// copy where it can (issue 17 item 5). The definition is zod's: same success, and the same data, field order included.

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sameAsZod(raw: unknown): void {
  const intake = readIntake(structuredClone(raw));
  const zodIntake = IntakeStateSchema.safeParse(structuredClone(raw));
  expect(intake.success).toBe(zodIntake.success);
  if (intake.success && zodIntake.success) expect(JSON.stringify(intake.data)).toBe(JSON.stringify(zodIntake.data));
  const offer = readOffer(structuredClone(raw));
  const zodOffer = OfferStateSchema.safeParse(structuredClone(raw));
  expect(offer.success).toBe(zodOffer.success);
  if (offer.success && zodOffer.success) expect(JSON.stringify(offer.data)).toBe(JSON.stringify(zodOffer.data));
}

/** A copy of `value` with one thing changed somewhere inside it: a field dropped, retyped, added, or a value swapped. */
function mutate(value: unknown, next: () => number): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const objects: Array<Record<string, unknown>> = [];
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') {
      objects.push(v as Record<string, unknown>);
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(copy);
  const target = objects[Math.floor(next() * objects.length)]!;
  const keys = Object.keys(target);
  const key = keys[Math.floor(next() * keys.length)];
  const odd = [undefined, null, 1, 0.5, -1, '', 'x', '2026-11-28T09:00:00.000Z', true, false, [], {}, ['a'], 'repair', 'room', '4.2.1.1'];
  const pick = odd[Math.floor(next() * odd.length)];
  switch (Math.floor(next() * 4)) {
    case 0:
      if (key !== undefined) delete target[key];
      break;
    case 1:
      if (key !== undefined) target[key] = pick;
      break;
    case 2:
      target[['name', 'extra', 'kind', 'step', 'version', '__proto__'][Math.floor(next() * 6)]!] = pick;
      break;
    default:
      if (Array.isArray(target)) target.push(pick);
      else target.name = '王女士';
  }
  return copy;
}

let tr: Transcript | undefined;
afterEach(async () => {
  await tr?.close();
  tr = undefined;
});

describe('reading a stored session (issue 17 item 5)', () => {
  it('reads every intake and offer the bot keeps, and broken copies of them, exactly as zod does', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-11-27T09:00:00+08:00' });
    const said: Array<[string, string, string, boolean?]> = [
      ['王女士', 'owners', '报修 5栋2单元502 厨房水管漏水了 13800138000 明天上午', true],
      ['李先生', 'owners', '报修', true],
      ['李先生', 'owners', '卫生间灯不亮了'],
      ['李先生', 'owners', '3栋1单元1201'],
      ['赵阿姨', 'owners', '楼上漏水,天花板都湿了'],
      ['孙先生', 'owners', '投诉 楼下装修太吵了 另外物业费怎么多收了200块', true],
      ['周女士', 'owners', '门锁坏了打不开 随时', true],
      ['周女士', 'owners', '修改'],
      ['吴先生', 'owners', '5栋停电了 物业知道吗'],
      ['郑女士', 'owners', '有偿服务 擦玻璃 周六上午 2栋3单元301', true],
    ];
    const seen = new Map<string, unknown>();
    for (const [who, chat, text, mention] of said) {
      await tr.say(who, chat, text, { mention: mention ?? false });
      for (const [, raw] of await tr.store.listRecords('sessions')) seen.set(JSON.stringify(raw), raw);
    }
    const raws = [...seen.values()];
    expect(raws.filter((r) => IntakeStateSchema.safeParse(r).success).length).toBeGreaterThan(3);
    expect(raws.filter((r) => OfferStateSchema.safeParse(r).success).length).toBeGreaterThan(0);
    // The fast path is taken: a stored intake (with its owner's name beside it) and an offer are read without zod.
    const named = raws.filter((r) => (r as { name?: unknown }).name !== undefined && IntakeStateSchema.safeParse(r).success);
    const offers = raws.filter((r) => OfferStateSchema.safeParse(r).success);
    expect(named.length).toBeGreaterThan(0);
    const intakeZod = vi.spyOn(IntakeStateSchema, 'safeParse');
    const offerZod = vi.spyOn(OfferStateSchema, 'safeParse');
    for (const r of named) expect(readIntake(r).success).toBe(true);
    for (const r of offers) expect(readOffer(r).success).toBe(true);
    expect(intakeZod).not.toHaveBeenCalled();
    expect(offerZod).not.toHaveBeenCalled();
    intakeZod.mockRestore();
    offerZod.mockRestore();
    const next = rng(17);
    for (const raw of raws) {
      sameAsZod(raw);
      for (let i = 0; i < 100; i++) {
        let broken = mutate(raw, next);
        if (next() < 0.3) broken = mutate(broken, next);
        sameAsZod(broken);
      }
    }
    for (const odd of [null, undefined, 1, 'x', [], {}, { name: 'x' }]) sameAsZod(odd);
  });
});
