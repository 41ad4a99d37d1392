import { describe, expect, it } from 'vitest';
import { outageKind, sharedFault } from '../../src/conversation/same-outage.ts';
import { CONVERSATION_VOCABULARY } from '../../src/conversation/vocabulary.ts';

const words = CONVERSATION_VOCABULARY.same_outage;

describe('outageKind and sharedFault read one kind, or none', () => {
  it('answers the one kind a message names, none for none, and none for two', () => {
    const entries = Object.entries(words.kinds);
    const [first, firstWords] = entries[0]!;
    const [second, secondWords] = entries[1]!;
    expect(outageKind(`我家也${firstWords![0]}了`, words)).toBe(first);
    expect(outageKind(`楼上${secondWords![0]}`, words)).toBe(second);
    expect(outageKind('今天天气真好', words)).toBeUndefined();
    expect(outageKind(`${firstWords![0]} ${secondWords![0]}`, words)).toBeUndefined();
    // Asked again with the same vocabulary (the entries are kept per record), the answers stay the same.
    expect(outageKind(`我家也${firstWords![0]}了`, words)).toBe(first);
  });

  it('reads a shared fault only with a thing and a fault word, and not with a none word', () => {
    const custom = { ...words, shared: { 电梯故障: { things: ['电梯'], faults: ['停了', '坏了'], none: ['卡坏了'] }, 门禁故障: { things: ['门禁'], faults: ['坏了'] } } };
    expect(sharedFault('2栋电梯是不是又停了', custom)).toBe('电梯故障');
    expect(sharedFault('电梯很新', custom)).toBeUndefined();
    expect(sharedFault('电梯卡坏了', custom)).toBeUndefined();
    expect(sharedFault('电梯和门禁都坏了', custom)).toBeUndefined();
    expect(sharedFault('门禁坏了', custom)).toBe('门禁故障');
    expect(sharedFault('电梯坏了', { ...words, shared: undefined })).toBeUndefined();
  });
});
